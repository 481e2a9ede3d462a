/**
 * WASM-SIMD DSYRK (lower triangle) through the WASM GEMM: C ← alpha·A·Aᵀ + beta·C for the lower triangle
 * of the n×n C, A n×k row-major. Block rows of 128: the part left of the diagonal block is one GEMM, the
 * diagonal block is computed whole in scratch and its lower triangle copied.
 * @internal
 * @packageDocumentation
 */
import { wasmDgemm } from './dgemm.ts';

const NB = 128;
let scratch = new Float64Array(NB * NB);

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
  if (scratch.length < NB * NB) scratch = new Float64Array(NB * NB);
  for (let i0 = 0; i0 < n; i0 += NB) {
    const ib = Math.min(NB, n - i0);
    if (i0 > 0) {
      wasmDgemm(
        false,
        true,
        ib,
        i0,
        k,
        alpha,
        a,
        offA + i0 * lda,
        lda,
        a,
        offA,
        lda,
        beta,
        c,
        offC + i0 * ldc,
        ldc,
      );
    }
    wasmDgemm(false, true, ib, ib, k, 1, a, offA + i0 * lda, lda, a, offA + i0 * lda, lda, 0, scratch, 0, ib);
    for (let i = 0; i < ib; i++) {
      const ci = offC + (i0 + i) * ldc + i0;
      for (let j = 0; j <= i; j++) {
        const prev = beta === 0 ? 0 : beta * c[ci + j];
        c[ci + j] = prev + alpha * scratch[i * ib + j];
      }
    }
  }
}
