/**
 * Runs one task of a plan, idempotently and atomically: the command writes into a private temporary
 * folder `tasks/.NNNN.partial-<host>-<pid>` which is renamed to `tasks/NNNN` only when the command
 * succeeded, so `tasks/` only ever holds complete results. A finished task is skipped; a failed one leaves
 * `errors/NNNN.json` (message, exit code, stderr) and is run again next time.
 * @packageDocumentation
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import type { CliIo } from '../context.ts';
import { sha256File, toolkitIdentity } from './hash.ts';
import { OUT_DIR, PLAN_DIR, type Plan, type PlanTask, taskName } from './plan.ts';

/** The in-process CLI (`run` of main.ts), injected to avoid an import cycle. */
export type CliRunner = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Outcome of {@link runTask}. */
export interface TaskOutcome {
  readonly id: number;
  readonly status: 'done' | 'skipped' | 'failed';
  readonly message?: string;
  readonly seconds?: number;
}

/** The error record `errors/NNNN.json` of a failed task. */
export interface TaskError {
  readonly task: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly exitCode: number;
  readonly message: string;
  readonly stderr: string;
  readonly host: string;
  readonly at: string;
}

export const resultDir = (plan: Plan, id: number): string => join(plan.dir, 'tasks', taskName(id));
export const errorPath = (plan: Plan, id: number): string => join(plan.dir, 'errors', `${taskName(id)}.json`);
/** Prefix of the temporary folders of task `id`. */
export const partialPrefix = (id: number): string => `.${taskName(id)}.partial-`;

/** Whether a process with this id exists on this host. */
function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Checks that the plan's inputs and the toolkit are the ones the plan was made with; a message if not. */
export function planDrift(plan: Plan): string | undefined {
  for (const i of plan.manifest.inputs) {
    const p = join(plan.dir, i.path);
    if (!existsSync(p)) return `input ${i.path} is missing from the plan directory`;
    if (sha256File(p) !== i.sha256) return `input ${i.path} changed since the plan was made (sha256 differs)`;
  }
  const now = toolkitIdentity();
  const was = plan.manifest.toolkit;
  if (now.version !== was.version || now.sourceHash !== was.sourceHash) {
    return `the toolkit changed since the plan was made (plan: ${was.version} ${was.sourceHash.slice(0, 12)}, now: ${now.version} ${now.sourceHash.slice(0, 12)}); make a new plan`;
  }
  return undefined;
}

function failure(plan: Plan, task: PlanTask, exitCode: number, message: string, stderr: string): TaskOutcome {
  const rec: TaskError = {
    task: task.id,
    params: task.params,
    exitCode,
    message,
    stderr,
    host: hostname(),
    at: new Date().toISOString(),
  };
  writeFileAtomic('ntk sweep run', errorPath(plan, task.id), `${JSON.stringify(rec, null, 2)}\n`);
  return { id: task.id, status: 'failed', message };
}

/** Runs task `id` of `plan` through `cli` unless it is already done. */
export async function runTask(plan: Plan, id: number, cli: CliRunner): Promise<TaskOutcome> {
  const task = plan.tasks[id];
  const final = resultDir(plan, id);
  if (existsSync(final)) return { id, status: 'skipped' };
  const tasksDir = join(plan.dir, 'tasks');
  // Leftovers of killed attempts on this host (their process is gone) are removed; an attempt still running
  // here keeps its folder. Partial folders never count as results.
  const mine = `${partialPrefix(id)}${hostname()}-`;
  for (const f of readdirSync(tasksDir)) {
    if (f.startsWith(mine) && !processAlive(Number(f.slice(mine.length))))
      rmSync(join(tasksDir, f), { recursive: true, force: true });
  }
  const drift = planDrift(plan);
  if (drift !== undefined) return failure(plan, task, 2, drift, '');
  const tmp = join(tasksDir, `${mine}${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const argv = task.argv.map((a) => a.replaceAll(PLAN_DIR, plan.dir).replaceAll(OUT_DIR, tmp));
  let stdout = '';
  let stderr = '';
  const t0 = performance.now();
  const code = await cli(['--json', ...argv], {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    const lines = stderr.trim().split('\n');
    return failure(plan, task, code, lines[lines.length - 1] || `exit code ${code}`, stderr);
  }
  // Paths inside the result refer to the placeholders, so results do not depend on where the plan lives.
  const text = stdout.replaceAll(tmp, OUT_DIR).replaceAll(plan.dir, PLAN_DIR);
  let result: unknown;
  try {
    result = JSON.parse(text);
  } catch {
    result = { stdout: text };
  }
  const record = {
    task: id,
    params: task.params,
    argv: task.argv,
    result,
    seconds,
    host: hostname(),
    finished: new Date().toISOString(),
  };
  writeFileSync(join(tmp, 'result.json'), `${JSON.stringify(record, null, 1)}\n`);
  try {
    renameSync(tmp, final);
  } catch (e) {
    // Another run of the same task finished first: its result stands.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(final)) throw e;
    return { id, status: 'skipped' };
  }
  rmSync(errorPath(plan, id), { force: true });
  return { id, status: 'done', seconds };
}
