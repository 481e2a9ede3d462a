/**
 * Worker entry of the piscina pool: runs one row-block task on shared buffers and returns nothing (results
 * are written in place, each task to disjoint rows).
 * @internal
 * @packageDocumentation
 */
import { getKernel } from '../backend/registry.ts';
import type { ParallelTask } from './tasks.ts';

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
    default:
      throw new Error(`tasks.worker: unknown task kind ${(task as { kind: string }).kind}`);
  }
}
