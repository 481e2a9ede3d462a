import { gemmArgs } from '../backend/gemmArgs.ts';
import { type BackendName, getKernel } from '../backend/registry.ts';
import { checkInteger, checkOptions } from '../internal/assert.ts';
import type { Mat, MatLike } from '../types.ts';
import { gemmBlockRows, partitionRows } from './partition.ts';
import { runBlocks } from './runBlocks.ts';
import { toShared } from './shared.ts';
import { defaultWorkerPool, type WorkerPool } from './WorkerPool.ts';

/** Options of {@link parallelGemm}. */
export interface ParallelGemmOptions {
  /**
   * Use Aᵀ instead of A.
   * @defaultValue false
   */
  readonly transA?: boolean;
  /**
   * Use Bᵀ instead of B.
   * @defaultValue false
   */
  readonly transB?: boolean;
  /**
   * Scale of the product.
   * @defaultValue 1
   */
  readonly alpha?: number;
  /**
   * Compute backend of each worker.
   * @defaultValue `process.env.NTK_BACKEND ?? ('wasm-simd' if supported, else 'js')`
   */
  readonly backend?: BackendName;
  /**
   * Maximum number of tasks in flight (≤ pool size is useful). The result does not depend on it.
   * @defaultValue the pool size
   */
  readonly workers?: number;
  /** Cancels the call: the promise rejects with {@link AbortError}. */
  readonly signal?: AbortSignal;
  /**
   * Pool to run on.
   * @defaultValue {@link defaultWorkerPool}()
   */
  readonly pool?: WorkerPool;
}

/** Below this many multiply-adds the product runs on the calling thread (same kernel, same result). */
const INLINE_FLOPS = 64 * 64 * 64;

/**
 * Matrix product C = alpha·op(A)·op(B) on worker threads: C's rows are split into blocks of 64–256 rows
 * (a function of m only) and each block is one task on a shared buffer. Every entry is computed by one task
 * with the same kernel, so the result is bit-identical whatever `workers` or the pool size is (small
 * products run the same blocks on the calling thread, with the same result). On `'wasm-simd'` it is also
 * bit-identical to one single-thread kernel call; the `'js'` kernel switches code paths by problem size,
 * so there it matches a single call to ≈ 1e-16 relative.
 *
 * Numerics: `'wasm-simd'` and `'js'` sum in different orders, so they agree to ≈ k·eps relative to
 * Σ|a||b|, not bit for bit.
 *
 * @param a - shape [m, k] (or [k, m] with `transA`)
 * @param b - shape [k, n] (or [n, k] with `transB`)
 * @param options - transposes, alpha, backend, workers, signal, pool
 * @returns a promise of C, shape [m, n]
 * @throws {@link ShapeError} if the inner dimensions differ
 * @throws {@link NonFiniteError} if an input has NaN or ±Infinity
 * @throws {@link DomainError} for an invalid option value
 * @throws {@link BackendUnavailableError} if `backend: 'wasm-simd'` is requested but unsupported
 * @throws {@link AbortError} if `options.signal` aborts
 * @example
 * const c = await parallelGemm([[1, 2], [3, 4]], [[1], [1]]);
 * Array.from(c.data); // [3, 7]
 * @remarks Since 0.1.0
 */
export async function parallelGemm(a: MatLike, b: MatLike, options?: ParallelGemmOptions): Promise<Mat> {
  const fn = 'parallelGemm';
  const o = checkOptions(fn, options);
  const { workers, signal, pool } = o;
  const { A, B, transA, transB, alpha, backend: be, m, n, k } = gemmArgs(fn, a, b, o);
  const p = pool ?? defaultWorkerPool();
  const w = workers === undefined ? p.size : checkInteger(fn, 'options.workers', workers, 1);
  const blocks = partitionRows(m, gemmBlockRows(m));
  if (m * n * k <= INLINE_FLOPS || blocks.length === 1) {
    // Same blocks, same kernel, on this thread: identical to the pooled result.
    const c = new Float64Array(m * n);
    const dgemm = getKernel('dgemm', be);
    for (const { r0, r1 } of blocks) {
      const offA = transA ? r0 : r0 * A.cols;
      dgemm(transA, transB, r1 - r0, n, k, alpha, A.data, offA, A.cols, B.data, 0, B.cols, 0, c, r0 * n, n);
    }
    return { rows: m, cols: n, data: c };
  }
  const sa = toShared(A.data);
  const sb = toShared(B.data);
  const sc = new SharedArrayBuffer(m * n * 8);
  await runBlocks(
    fn,
    p,
    blocks,
    ({ r0, r1 }) => ({
      kind: 'gemm',
      backend: be,
      transA,
      transB,
      m: r1 - r0,
      n,
      k,
      alpha,
      a: sa.buffer,
      offA: sa.offset + (transA ? r0 : r0 * A.cols),
      lda: A.cols,
      b: sb.buffer,
      offB: sb.offset,
      ldb: B.cols,
      beta: 0,
      c: sc,
      offC: r0 * n,
      ldc: n,
    }),
    w,
    signal,
  );
  return { rows: m, cols: n, data: new Float64Array(sc).slice() };
}
