/**
 * Thread count of a native BLAS/LAPACK call: the team size (`setThreadCount`, `NTK_THREADS`, `--workers`,
 * default every core) on the main thread, one thread inside worker threads (they already run in parallel).
 * Results never depend on it (native/gemm.h).
 * @internal
 * @packageDocumentation
 */
import { isMainThread } from 'node:worker_threads';
import { teamThreads } from '../../parallel/team.ts';

/** Threads a native call made from this thread may use. @internal */
export function nativeThreads(): number {
  return isMainThread ? teamThreads() : 1;
}
