/**
 * `ntk sweep run DIR --all --workers K`: the plan on this machine. With K = 1 the tasks run one after the
 * other in this process; with K > 1, K child processes `ntk sweep run DIR --task N` at a time — the very
 * command a cluster array element runs, so a local run and a cluster run share every code path.
 * @packageDocumentation
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runningFromSources, toolkitRoot } from './hash.ts';
import type { Plan } from './plan.ts';
import { planStatus } from './planStatus.ts';
import { type CliRunner, runTask, type TaskOutcome } from './runTask.ts';

function runChild(plan: Plan, id: number): Promise<number> {
  const bin = join(toolkitRoot(), 'bin', 'ntk.mjs');
  return new Promise((resolveCode) => {
    const child = spawn(process.execPath, [bin, 'sweep', 'run', plan.dir, '--task', String(id)], {
      stdio: ['ignore', 'ignore', 'inherit'],
      // A toolkit running from its TypeScript sources starts its children from the same sources.
      env: runningFromSources() ? { ...process.env, NTK_CLI_FROM_SOURCE: '1' } : process.env,
    });
    child.on('error', () => resolveCode(1));
    child.on('exit', (code) => resolveCode(code ?? 1));
  });
}

/** Runs every unfinished task of the plan, `workers` at a time; returns the outcomes in task order. */
export async function runLocal(
  plan: Plan,
  workers: number,
  cli: CliRunner,
  onDone?: (o: TaskOutcome) => void,
): Promise<TaskOutcome[]> {
  const outcomes: TaskOutcome[] = [];
  if (workers <= 1) {
    for (const t of plan.tasks) {
      const o = await runTask(plan, t.id, cli);
      outcomes.push(o);
      onDone?.(o);
    }
    return outcomes;
  }
  const before = new Set(planStatus(plan).done);
  const queue = plan.tasks.map((t) => t.id).filter((id) => !before.has(id));
  const lanes = Array.from({ length: Math.min(workers, queue.length) }, async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) await runChild(plan, id);
  });
  await Promise.all(lanes);
  const st = planStatus(plan);
  const failed = new Map(st.failed.map((f) => [f.task, f.message]));
  const done = new Set(st.done);
  for (const t of plan.tasks) {
    const o: TaskOutcome = before.has(t.id)
      ? { id: t.id, status: 'skipped' }
      : done.has(t.id)
        ? { id: t.id, status: 'done' }
        : {
            id: t.id,
            status: 'failed',
            message: failed.get(t.id) ?? 'the task process ended without a result',
          };
    outcomes.push(o);
    onDone?.(o);
  }
  return outcomes;
}
