import { checkInteger } from '../internal/assert.ts';
import { setTeamThreads, startTeam, teamThreads } from './team.ts';

/**
 * Sets how many threads (the calling thread included) the synchronous kernels may use: the Gram matrices of
 * {@link fcReluKernel}, the WASM-SIMD Cholesky behind {@link kernelRidge}, {@link gradientDescentMse},
 * {@link fitKernelRegression} and {@link gpInference}, and the native backend's GEMM, Cholesky and
 * triangular solves (threads of the C++ addon; one thread inside worker threads that run blocks). Results are bit-identical for every thread count
 * (work is split into blocks fixed by the problem size; each block is computed by the single-thread code).
 * The default is `process.env.NTK_THREADS`, else `os.availableParallelism()`; 1 keeps everything on the
 * calling thread. Workers start on first use and never keep the process alive; await the returned promise
 * to have them ready before the first large job.
 *
 * @param threads - total threads, an integer ≥ 1
 * @returns a promise that resolves when the workers wait for jobs
 * @throws {@link DomainError} if `threads` is not an integer ≥ 1
 * @example
 * await setThreadCount(1);
 * const k = fcReluKernel({ depth: 1 })([[1, 0], [0, 1]]);
 * k.ntk.data[1]; // 0.0796
 * @remarks Since 0.2.0
 */
export async function setThreadCount(threads: number): Promise<void> {
  setTeamThreads(checkInteger('setThreadCount', 'threads', threads, 1));
  if (teamThreads() > 1) await startTeam();
}
