/**
 * Worker entry of the piscina pool: runs one row-block task on shared buffers and returns nothing (results
 * are written in place, each task to disjoint rows).
 * @internal
 * @packageDocumentation
 */
import { markBlockWorker } from '../backend/native/threads.ts';
import { getKernel } from '../backend/registry.ts';
import { type GramState, gramRowsInto, gramState } from './gramRows.ts';
import type { GramTask, ParallelTask } from './tasks.ts';

markBlockWorker(); // native kernels run single-threaded inside pool tasks

/** Per-job state of the last few Gram jobs this worker served (per-row precomputation is O(n·d·depth)). */
const jobs = new Map<string, GramState>();

function stateFor(task: GramTask): GramState {
  let state = jobs.get(task.job);
  if (state === undefined) {
    const x1 = new Float64Array(task.x1, task.off1 * 8, task.n1 * task.d);
    const x2 = task.x2 === null ? null : new Float64Array(task.x2, task.off2 * 8, task.n2 * task.d);
    state = gramState({ spec: task.spec, x1, n1: task.n1, d: task.d, x2, n2: task.n2 });
    if (jobs.size >= 4) jobs.delete(jobs.keys().next().value as string);
    jobs.set(task.job, state);
  }
  return state;
}

/** Runs one task; returns the number of output rows written. */
export default function runTask(task: ParallelTask): number {
  switch (task.kind) {
    case 'gemm': {
      const dgemm = getKernel('dgemm', task.backend);
      dgemm(
        task.transA,
        task.transB,
        task.m,
        task.n,
        task.k,
        task.alpha,
        new Float64Array(task.a),
        task.offA,
        task.lda,
        new Float64Array(task.b),
        task.offB,
        task.ldb,
        task.beta,
        new Float64Array(task.c),
        task.offC,
        task.ldc,
      );
      return task.m;
    }
    case 'gram': {
      gramRowsInto(stateFor(task), task.r0, task.r1, new Float64Array(task.nngp), new Float64Array(task.ntk));
      return task.r1 - task.r0;
    }
    default:
      throw new Error(`tasks.worker: unknown task kind ${(task as { kind: string }).kind}`);
  }
}
