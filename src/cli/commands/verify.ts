import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { isNtkError } from '../../errors.ts';
import { collectMachineInfo } from '../../report/collectMachineInfo.ts';
import { renderHtml } from '../../report/renderHtml.ts';
import { renderTerminalSummary } from '../../report/renderTerminalSummary.ts';
import { serializeReport } from '../../report/serializeReport.ts';
import type { CheckRecord, SuiteReport } from '../../report/types.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { planOutputs } from '../outputPlan.ts';
import { int } from '../parsers.ts';

/** The suite's base seed when --seed is not given (runChecks' default). */
const DEFAULT_SEED = 20190916;

interface VerifyFlags extends GlobalFlags {
  readonly quick?: boolean;
  readonly only?: string;
  readonly out?: string;
  readonly seed?: number;
}

type ProgressEvent =
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

/** The part of proofs-checks/framework the command uses (loaded at run time: it is not under src/). */
interface Framework {
  runChecks(options: {
    quick?: boolean;
    only?: readonly string[];
    seed?: number;
    outDir?: string;
    onProgress?: (e: ProgressEvent) => void;
    signal?: AbortSignal;
  }): Promise<{ report: SuiteReport; allPassed: boolean; htmlPath?: string; jsonPath?: string }>;
  registeredChecks: readonly { readonly id: string }[];
  normalizeCheckId(id: string): string;
}

/**
 * Loads proofs-checks/framework: directly under tsx (sources); from dist/, the compiled suite in
 * dist/verify/ (`npm run build`), so tsx is not needed at run time; else the sources through tsx's API.
 */
async function loadFramework(): Promise<Framework> {
  const url = new URL('../../../proofs-checks/framework/index.ts', import.meta.url);
  const compiled = new URL('../../verify/proofs-checks/framework/index.js', import.meta.url);
  try {
    if (import.meta.url.endsWith('.ts')) return (await import(url.href)) as Framework;
    if (existsSync(fileURLToPath(compiled))) return (await import(compiled.href)) as Framework;
    const { tsImport } = (await import('tsx/esm/api')) as {
      tsImport: (specifier: string, parent: string) => Promise<unknown>;
    };
    return (await tsImport(fileURLToPath(url), import.meta.url)) as Framework;
  } catch (e) {
    throw new UsageError(
      `the verification suite needs the proofs-checks/ sources and tsx (could not load ${fileURLToPath(url)}: ${(e as Error).message.split('\n')[0]})`,
    );
  }
}

/** `ntk verify`: runs the numerical checks of THEORY.md (C1–C16) and writes the report. */
export function registerVerify(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description(
      'run the verification suite (numerical checks of the theory, THEORY.md C1–C16); exit 1 if a check fails',
    )
    .option('--quick', 'small sizes (about a minute for the whole suite)')
    .option('--only <ids>', 'comma-separated check ids, e.g. C1,C7 (default: all)')
    .option('--out <dir>', 'write report.html and report.json to this directory')
    .option('--seed <n>', 'base seed of every check', int)
    .addHelpText(
      'after',
      `
Examples:
  $ ntk verify --quick --out reports
  $ ntk verify --only C3,C14 --json > checks.json`,
    )
    .action(async (_opts, command: Command) => {
      const f = command.optsWithGlobals() as VerifyFlags;
      const outs = planOutputs([
        { flag: '--out', path: f.out, kind: 'dir', files: ['report.html', 'report.json'] },
      ]);
      const only =
        f.only === undefined
          ? undefined
          : f.only
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== '');
      if (only !== undefined && only.length === 0)
        throw new UsageError(`--only must name at least one check id, e.g. C1,C7 (got '${f.only}')`);
      const fw = await loadFramework();
      if (only !== undefined) {
        const known = new Set(fw.registeredChecks.map((c) => c.id));
        const unknown = only.filter((id) => !known.has(fw.normalizeCheckId(id)));
        if (unknown.length > 0) {
          throw new UsageError(
            `--only names unknown checks ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
          );
        }
      }
      const quiet = f.json === true;
      // Ctrl-C (bin/ntk.mjs): the finished checks are the checkpoint, a partial report in --out.
      const controller = new AbortController();
      const finished: CheckRecord[] = [];
      const t0 = performance.now();
      const partial = (): SuiteReport => ({
        version: 1,
        title: 'ntk-toolkit verification report (interrupted: finished checks only)',
        mode: f.quick === true ? 'quick' : 'full',
        seed: f.seed ?? DEFAULT_SEED,
        machine: collectMachineInfo(),
        seconds: (performance.now() - t0) / 1000,
        checks: finished,
      });
      const stageReport = (report: SuiteReport): void => {
        outs.clear();
        outs.text('--out', renderHtml(report), 'report.html');
        outs.text('--out', `${serializeReport(report)}\n`, 'report.json');
      };
      const note = (): string =>
        `${finished.length} finished check(s)${f.out !== undefined ? ` written to ${join(f.out, 'report.html')} and report.json` : ' (no --out: nothing written)'}`;
      let kept = 0;
      const interrupted = (): void => {
        finished.length = kept;
        if (f.out !== undefined) {
          stageReport(partial());
          outs.commit();
        }
        ctx.io.stderr(`ntk verify: interrupted; ${note()}\n`);
        ctx.exitCode = 130;
      };
      let result: Awaited<ReturnType<Framework['runChecks']>>;
      try {
        result = await fw.runChecks({
          quick: f.quick === true,
          ...(only !== undefined ? { only } : {}),
          ...(f.seed !== undefined ? { seed: f.seed } : {}),
          signal: controller.signal,
          onProgress: (e) => {
            if (ctx.io.interrupted?.() === true && !controller.signal.aborted) {
              // Checks that end after this point were cut short by the abort: they are not "finished".
              kept = finished.length;
              controller.abort();
            }
            if (e.kind === 'done' && ctx.io.checkpoint !== undefined && !controller.signal.aborted) {
              finished.push(e.record);
              if (f.out !== undefined) {
                stageReport(partial());
                ctx.io.checkpoint(outs.stagedFiles(), note());
                outs.clear();
              } else ctx.io.checkpoint([], note());
            }
            if (e.kind === 'start' && ctx.io.isTTY === true)
              ctx.io.stderr(`[${e.index + 1}/${e.total}] ${e.id} ${e.title} …\n`);
            if (e.kind === 'done' && !quiet) {
              ctx.io.stdout(
                `${e.record.status === 'pass' ? 'pass' : 'FAIL'} ${e.id} ${e.record.title} (${e.record.seconds.toFixed(2)} s)${e.record.error !== undefined ? `: ${e.record.error}` : ''}\n`,
              );
            }
          },
        });
      } catch (e) {
        if (!(isNtkError(e) && e.code === 'E_ABORTED')) throw e;
        interrupted();
        return;
      }
      if (controller.signal.aborted) {
        interrupted();
        return;
      }
      ctx.exitCode = result.allPassed ? 0 : 1;
      let htmlPath: string | undefined;
      let jsonPath: string | undefined;
      if (f.out !== undefined) {
        outs.text('--out', renderHtml(result.report), 'report.html');
        outs.text('--out', `${serializeReport(result.report)}\n`, 'report.json');
        outs.commit();
        htmlPath = join(f.out, 'report.html');
        jsonPath = join(f.out, 'report.json');
      }
      if (quiet) {
        ctx.io.stdout(
          `${JSON.stringify({ command: 'verify', allPassed: result.allPassed, htmlPath, jsonPath, report: result.report }, null, 2)}\n`,
        );
        return;
      }
      ctx.io.stdout(
        `\n${renderTerminalSummary(result.report, { color: false, width: ctx.io.columns ?? 100 })}\n`,
      );
      if (htmlPath !== undefined) ctx.io.stdout(`Report: ${resolve(htmlPath)}\n`);
      if (jsonPath !== undefined) ctx.io.stdout(`JSON:   ${resolve(jsonPath)}\n`);
    });
}
