/**
 * WASM-SIMD DSYRK (lower triangle): C ← alpha·A·Aᵀ + beta·C for the lower triangle of the n×n C, A n×k
 * row-major, through the lower-triangle mode of the WASM GEMM driver (blocks above the diagonal skipped,
 * each packed panel of Aᵀ reused by every block row below it).
 * @internal
 * @packageDocumentation
 */
import { wasmDgemmLower } from './dgemm.ts';

/** Same contract as `dsyrk` in src/linalg/blas.ts (lower triangle of C referenced and updated). @internal */
export function wasmDsyrk(
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  offA: number,
  lda: number,
  beta: number,
  c: Float64Array,
  offC: number,
  ldc: number,
): void {
  wasmDgemmLower(false, true, n, k, alpha, a, offA, lda, a, offA, lda, beta, c, offC, ldc);
}
