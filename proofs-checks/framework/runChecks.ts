/**
 * The verification-suite runner: runs checks (all registered, or a selection), times each, turns a thrown
 * error into a failed check carrying the message, and writes `<outDir>/report.html` and `report.json`.
 * Used by `npm start` (scripts/main.ts) and by the CLI (`ntk verify`).
 */
import { AbortError, DomainError } from '../../src/errors.ts';
import { collectMachineInfo } from '../../src/report/collectMachineInfo.ts';
import type { CheckRecord, SuiteReport } from '../../src/report/types.ts';
import { writeReport } from '../../src/report/writeReport.ts';
import type { Check } from './check.ts';
import { registeredChecks } from './registry.ts';

/** A progress event of {@link runChecks}. */
export type RunProgress =
  | {
      readonly kind: 'start';
      readonly id: string;
      readonly title: string;
      readonly index: number;
      readonly total: number;
    }
  | { readonly kind: 'log'; readonly id: string; readonly message: string }
  | {
      readonly kind: 'done';
      readonly id: string;
      readonly record: CheckRecord;
      readonly index: number;
      readonly total: number;
    };

/** Options of {@link runChecks}. */
export interface RunChecksOptions {
  /** Quick mode (small sizes; about a minute for the whole suite). @defaultValue false */
  readonly quick?: boolean;
  /** Check ids to run ('C1', 'c01', 'C07' …); all registered checks when omitted. */
  readonly only?: readonly string[];
  /** Base seed passed to every check. @defaultValue 20190916 */
  readonly seed?: number;
  /** Directory for report.html and report.json; nothing is written when omitted. */
  readonly outDir?: string;
  /** Stops the run between checks (and inside checks that honour it). */
  readonly signal?: AbortSignal;
  /** Progress callback (start/log/done per check). */
  readonly onProgress?: (event: RunProgress) => void;
  /** The checks to choose from. @defaultValue the registry ({@link registeredChecks}) */
  readonly checks?: readonly Check[];
  /** Report title. @defaultValue 'ntk-toolkit verification report' */
  readonly title?: string;
}

/** Result of {@link runChecks}. */
export interface RunChecksResult {
  readonly report: SuiteReport;
  /** True iff every selected check passed (and at least one ran). */
  readonly allPassed: boolean;
  readonly htmlPath?: string;
  readonly jsonPath?: string;
}

/** 'c07', 'C7', '7' → 'C7'. */
export function normalizeCheckId(id: string): string {
  const m = /^c?0*(\d+)$/i.exec(id.trim());
  return m ? `C${m[1]}` : id.trim().toUpperCase();
}

/** Runs one check, never throwing (except on abort): a throw becomes a failed record with the message. */
export async function runOneCheck(
  check: Check,
  ctx: { quick: boolean; seed: number; signal?: AbortSignal; log: (m: string) => void },
): Promise<CheckRecord> {
  const t0 = performance.now();
  try {
    const out = await check.run(ctx);
    const seconds = (performance.now() - t0) / 1000;
    const pass = out.comparisons.length > 0 && out.comparisons.every((c) => c.pass);
    const notes = [...(out.notes ?? [])];
    if (out.comparisons.length === 0)
      notes.push('No comparisons were produced, so the check counts as failed.');
    return {
      id: check.id,
      title: check.title,
      claim: check.claim,
      status: pass ? 'pass' : 'fail',
      seconds,
      comparisons: out.comparisons,
      tables: out.tables ?? [],
      plots: out.plots ?? [],
      notes,
    };
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    const seconds = (performance.now() - t0) / 1000;
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return {
      id: check.id,
      title: check.title,
      claim: check.claim,
      status: 'fail',
      seconds,
      comparisons: [],
      tables: [],
      plots: [],
      notes: e instanceof Error && e.stack ? [e.stack.split('\n').slice(0, 6).join(' | ')] : [],
      error: msg,
    };
  }
}

/**
 * Runs the verification suite and writes its report.
 *
 * @param options - mode, selection, seed, output directory, cancellation and progress
 * @returns the report, whether all passed, and the written paths
 * @throws {@link DomainError} if `only` names an unknown check id
 * @throws {@link AbortError} if `signal` aborts the run
 */
export async function runChecks(options: RunChecksOptions = {}): Promise<RunChecksResult> {
  const {
    quick = false,
    only,
    seed = 20190916,
    outDir,
    signal,
    onProgress,
    checks = registeredChecks,
    title = 'ntk-toolkit verification report',
  } = options;
  let selected = [...checks].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  if (only !== undefined && only.length > 0) {
    const wanted = only.map(normalizeCheckId);
    const known = new Set(selected.map((c) => c.id));
    const unknown = wanted.filter((w) => !known.has(w));
    if (unknown.length > 0) {
      throw new DomainError(
        `options.only must name registered checks (got unknown ${unknown.join(', ')}; known: ${[...known].join(', ')})`,
        { fn: 'runChecks', arg: 'options.only', actual: unknown.join(', ') },
      );
    }
    selected = selected.filter((c) => wanted.includes(c.id));
  }
  const machine = collectMachineInfo();
  const t0 = performance.now();
  const records: CheckRecord[] = [];
  for (let i = 0; i < selected.length; i++) {
    if (signal?.aborted)
      throw new AbortError('run must not be aborted (got an abort signal)', { fn: 'runChecks' });
    const check = selected[i];
    onProgress?.({ kind: 'start', id: check.id, title: check.title, index: i, total: selected.length });
    const record = await runOneCheck(check, {
      quick,
      seed,
      ...(signal ? { signal } : {}),
      log: (message) => onProgress?.({ kind: 'log', id: check.id, message }),
    });
    records.push(record);
    onProgress?.({ kind: 'done', id: check.id, record, index: i, total: selected.length });
  }
  const report: SuiteReport = {
    version: 1,
    title,
    mode: quick ? 'quick' : 'full',
    seed,
    machine,
    seconds: (performance.now() - t0) / 1000,
    checks: records,
  };
  const allPassed = records.length > 0 && records.every((r) => r.status === 'pass');
  if (outDir === undefined) return { report, allPassed };
  const { htmlPath, jsonPath } = writeReport(report, outDir);
  return { report, allPassed, htmlPath, jsonPath };
}
