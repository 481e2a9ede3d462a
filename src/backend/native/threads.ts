/**
 * Thread count of a native BLAS/LAPACK call: the team size (`setThreadCount`, `NTK_THREADS`, `--workers`,
 * default every core) — also in the CLI's compute worker — and one thread inside the team and pool workers
 * (they already run blocks in parallel). Results never depend on it (native/gemm.h).
 * @internal
 * @packageDocumentation
 */
import { teamThreads } from '../../parallel/team.ts';

let blockWorker = false;

/** Marks this thread as a team/pool worker: its native calls then use one thread. @internal */
export function markBlockWorker(): void {
  blockWorker = true;
}

/** Threads a native call made from this thread may use. @internal */
export function nativeThreads(): number {
  return blockWorker ? 1 : teamThreads();
}
