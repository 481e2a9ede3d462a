import { checkOptions } from '../internal/assert.ts';
import type { Mat, MatLike } from '../types.ts';
import { gemmArgs } from './gemmArgs.ts';
import { type BackendName, getKernel } from './registry.ts';

/** Options of {@link gemm}. */
export interface GemmOptions {
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
   * Compute backend.
   * @defaultValue `process.env.NTK_BACKEND`, else `'native'` when the C++ addon loaded, else `'wasm-simd'` if
   * WebAssembly SIMD is supported, else `'js'`
   */
  readonly backend?: BackendName;
}

/**
 * Matrix product C = alpha·op(A)·op(B) with a selectable backend: `'native'` (the optional C++ addon built at
 * install: AVX-512/AVX2/generic micro-kernels chosen at run time, on `setThreadCount` threads), `'wasm-simd'`
 * (AssemblyScript 4×4 f64x2 micro-kernel with Goto/BLIS packing, ≈ 29 GFLOP/s on one core of the reference
 * machine, calling thread) or `'js'` (the packed TypeScript kernel, ≈ 5.5 GFLOP/s). Without a request the
 * fastest available backend is used, silently falling back; see {@link parallelGemm} for worker threads.
 *
 * Numerics: the backends accumulate in float64 but in different orders; they agree to ≈ k·eps relative to
 * Σ|a||b| (checked at rtol 1e-12 by the conformance tests), and each is deterministic (the native one for any
 * thread count).
 *
 * @param a - shape [m, k] (or [k, m] with `transA`)
 * @param b - shape [k, n] (or [n, k] with `transB`)
 * @param options - transposes, alpha, backend
 * @returns C, shape [m, n]
 * @throws {@link ShapeError} if the inner dimensions differ
 * @throws {@link NonFiniteError} if an input has NaN or ±Infinity
 * @throws {@link ArgumentTypeError} if `transA`/`transB` are not booleans
 * @throws {@link DomainError} for an unknown backend name
 * @throws {@link BackendUnavailableError} if `backend: 'wasm-simd'` or `'native'` is requested but unavailable
 * @example
 * const c = gemm([[1, 2], [3, 4]], [[1], [1]], { backend: 'wasm-simd' });
 * Array.from(c.data); // [3, 7]
 * @remarks Since 0.1.0
 */
export function gemm(a: MatLike, b: MatLike, options?: GemmOptions): Mat {
  const o = checkOptions('gemm', options);
  const { A, B, transA, transB, alpha, backend, m, n, k } = gemmArgs('gemm', a, b, o);
  const c = new Float64Array(m * n);
  getKernel('dgemm', backend)(
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    A.data,
    0,
    A.cols,
    B.data,
    0,
    B.cols,
    0,
    c,
    0,
    n,
  );
  return { rows: m, cols: n, data: c };
}
