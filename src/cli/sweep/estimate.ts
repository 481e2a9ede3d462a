/**
 * Rough per-task resources for the job files: memory from the sizes of the arrays a task holds, time from
 * an operation count at a deliberately slow rate with a safety factor. They are upper-end guesses for the
 * scheduler's limits (a task over its limit is killed and can simply be resubmitted); `--mem`, `--time`
 * and `--cpus` override them.
 * @packageDocumentation
 */
import { join } from 'node:path';
import { readArray } from '../../io/readArray.ts';
import { PLAN_DIR, type Plan, type PlanTask } from './plan.ts';

/** Resources of one array element. */
export interface TaskResources {
  /** Memory in MiB. */
  readonly memMiB: number;
  /** Wall time in minutes. */
  readonly minutes: number;
  readonly cpus: number;
}

/** Node.js with the toolkit loaded, before any data (MiB). */
const BASE_MIB = 400;
/** Floating-point work per second assumed for the time limit: a slow core running scalar JS. */
const FLOPS = 2e8;
/** Safety factor on the time estimate. */
const SAFETY = 5;
const MIN_MINUTES = 5;

function flag(t: PlanTask, name: string): string | undefined {
  const i = t.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : t.argv[i + 1];
}

function shape(
  plan: Plan,
  t: PlanTask,
  name: string,
  cache: Map<string, [number, number]>,
): [number, number] {
  const v = flag(t, name);
  if (v === undefined || !v.startsWith(PLAN_DIR)) return [0, 0];
  const path = join(plan.dir, v.slice(PLAN_DIR.length));
  if (!cache.has(path)) {
    const a = readArray(path);
    cache.set(path, [a.shape[0], a.shape[1] ?? 1]);
  }
  return cache.get(path)!;
}

/** The largest resource need over the plan's tasks (one array job has one set of limits). */
export function estimateResources(plan: Plan): TaskResources {
  let bytes = 0;
  let flops = 0;
  const cache = new Map<string, [number, number]>();
  for (const t of plan.tasks) {
    const [n, d] = shape(plan, t, 'x', cache);
    let b = 0;
    let f = 0;
    if (plan.manifest.command === 'kernel') {
      const [n2x] = shape(plan, t, 'x2', cache);
      const n2 = n2x > 0 ? n2x : n;
      const tile = flag(t, 'tile');
      const tiles = tile === undefined ? 1 : Number(tile.split('/')[1]);
      const rows = Math.ceil(n / tiles);
      b = 8 * (3 * rows * n2 + 4 * (n + n2) * d);
      f = rows * n2 * (2 * d + 60 * (Number(flag(t, 'depth') ?? 1) + 1));
    } else if (plan.manifest.command === 'adv-train') {
      const m = Number(flag(t, 'width') ?? 1000);
      const iters = Number(flag(t, 'iterations') ?? 1);
      const steps = Number(flag(t, 'steps') ?? 10) * Number(flag(t, 'restarts') ?? 1);
      b = 8 * (6 * n * m + 4 * m * d);
      // Training: (PGD steps + 2) forward/backward passes per iteration, plus the final robust estimate
      // (PGD-40 × 5 restarts).
      f = 6 * n * m * d * (iters * (steps + 2) + 200);
    } else {
      b = 8 * 4 * n * Math.max(n, d);
      f = 60 * n * n * Math.max(d, 1);
    }
    bytes = Math.max(bytes, b);
    flops = Math.max(flops, f);
  }
  const memMiB = 256 * Math.ceil((BASE_MIB + (2 * bytes) / 2 ** 20) / 256);
  const minutes = Math.max(MIN_MINUTES, Math.ceil((SAFETY * flops) / FLOPS / 60));
  return { memMiB, minutes, cpus: 1 };
}

/** Slurm's D-HH:MM:SS / HH:MM:SS form of a number of minutes. */
export function slurmTime(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const hms = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;
  return d > 0 ? `${d}-${hms}` : hms;
}
