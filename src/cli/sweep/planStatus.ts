/**
 * What `ntk sweep status` reports: each task is done (its result folder exists), failed (an error record
 * and no result) or missing (neither: never run, still running, or killed); leftovers of killed attempts
 * are counted separately and never taken for results.
 * @packageDocumentation
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from './plan.ts';
import { errorPath, resultDir, type TaskError } from './runTask.ts';

/** Status of a plan. */
export interface PlanStatus {
  readonly tasks: number;
  readonly done: readonly number[];
  readonly failed: readonly { readonly task: number; readonly message: string; readonly exitCode: number }[];
  readonly missing: readonly number[];
  /** Temporary folders of attempts in progress or killed. */
  readonly partial: number;
}

/** Reads the status of every task of a plan from its directory. */
export function planStatus(plan: Plan): PlanStatus {
  const done: number[] = [];
  const failed: { task: number; message: string; exitCode: number }[] = [];
  const missing: number[] = [];
  for (const t of plan.tasks) {
    if (existsSync(join(resultDir(plan, t.id), 'result.json'))) done.push(t.id);
    else if (existsSync(errorPath(plan, t.id))) {
      const e = JSON.parse(readFileSync(errorPath(plan, t.id), 'utf8')) as TaskError;
      failed.push({ task: t.id, message: e.message, exitCode: e.exitCode });
    } else missing.push(t.id);
  }
  const partial = readdirSync(join(plan.dir, 'tasks')).filter((f) => f.includes('.partial-')).length;
  return { tasks: plan.tasks.length, done, failed, missing, partial };
}

/** Compresses task numbers into ranges for Slurm's --array (e.g. [0, 1, 2, 5] → "0-2,5"). */
export function ranges(ids: readonly number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < ids.length) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
    out.push(j === i ? String(ids[i]) : `${ids[i]}-${ids[j]}`);
    i = j + 1;
  }
  return out.join(',');
}
