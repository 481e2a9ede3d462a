/**
 * Which task to run: `--task N`, or the array index a cluster engine puts in the environment, so one
 * command line works under Slurm, Kubernetes, PBS and SGE alike.
 * @packageDocumentation
 */
import { UsageError } from '../context.ts';

/** Environment variables holding an array-job index, with the index of the first element. */
export const TASK_INDEX_VARS: readonly {
  readonly name: string;
  readonly base: number;
  readonly engine: string;
}[] = [
  { name: 'SLURM_ARRAY_TASK_ID', base: 0, engine: 'Slurm (--array=0-…)' },
  { name: 'JOB_COMPLETION_INDEX', base: 0, engine: 'Kubernetes Indexed Job' },
  { name: 'PBS_ARRAY_INDEX', base: 0, engine: 'PBS Pro (-J 0-…)' },
  { name: 'PBS_ARRAYID', base: 0, engine: 'Torque (-t 0-…)' },
  { name: 'SGE_TASK_ID', base: 1, engine: 'SGE/UGE (-t 1-…, 1-based)' },
  { name: 'LSB_JOBINDEX', base: 1, engine: 'LSF (J[1-…], 1-based)' },
];

/** The task number from the flag, else from the first engine variable set; a usage error if neither. */
export function taskIndex(flag: number | undefined, env: NodeJS.ProcessEnv, tasks: number): number {
  let id = flag;
  let from = '--task';
  if (id === undefined) {
    for (const v of TASK_INDEX_VARS) {
      const raw = env[v.name];
      if (raw === undefined || raw === '' || raw === 'undefined') continue;
      if (!/^\d+$/.test(raw))
        throw new UsageError(`${v.name} must be a non-negative integer (got ${JSON.stringify(raw)})`);
      id = Number(raw) - v.base;
      from = `${v.name}=${raw}`;
      break;
    }
  }
  if (id === undefined) {
    throw new UsageError(
      `no task given: pass --task N, --all, or run under an array job (${TASK_INDEX_VARS.map((v) => v.name).join(', ')})`,
    );
  }
  if (!(id >= 0 && id < tasks)) throw new UsageError(`task ${id} (from ${from}) is outside 0..${tasks - 1}`);
  return id;
}
