/**
 * WASM-SIMD blocked Cholesky: the right-looking algorithm of `dpotrf` in src/linalg/lapack.ts (same block
 * size; the diagonal blocks go through its unblocked `dpotf2`, so pivots are reported the same way), with
 * the O(n³) parts — the panel's off-diagonal updates and the trailing update — done by the WASM GEMM/SYRK.
 * Agrees with the JavaScript factor to rounding (≈ n·eps relative).
 * @internal
 * @packageDocumentation
 */
import { dpotf2, POTRF_NB, type PotrfInfo } from '../../linalg/lapack.ts';
import { wasmDgemm } from './dgemm.ts';
import { wasmDsyrk } from './dsyrk.ts';

/** Inner column block of the panel solve (the outer block size is the JavaScript factor's POTRF_NB). */
const SUB = 16;

/**
 * Panel solve X·L11ᵀ = A21 in place (A21 is m×kb at `offP`, L11 kb×kb at `offL`), by column blocks of SUB:
 * the update from earlier columns is one WASM GEMM, the SUB-wide triangle is substituted in JavaScript.
 */
function panelSolve(m: number, kb: number, a: Float64Array, offL: number, offP: number, lda: number): void {
  for (let j0 = 0; j0 < kb; j0 += SUB) {
    const jb = Math.min(SUB, kb - j0);
    if (j0 > 0) {
      // X[:, j0:j0+jb] -= X[:, 0:j0] · L11[j0:j0+jb, 0:j0]ᵀ
      wasmDgemm(false, true, m, jb, j0, -1, a, offP, lda, a, offL + j0 * lda, lda, 1, a, offP + j0, lda);
    }
    for (let i = 0; i < m; i++) {
      const ri = offP + i * lda;
      for (let j = j0; j < j0 + jb; j++) {
        const rj = offL + j * lda;
        let s = a[ri + j];
        for (let p = j0; p < j; p++) s -= a[rj + p] * a[ri + p];
        a[ri + j] = s / a[rj + j];
      }
    }
  }
}

/** Same contract as `dpotrf` in src/linalg/lapack.ts. @internal */
export function wasmDpotrf(n: number, a: Float64Array, off: number, lda: number, nb = POTRF_NB): PotrfInfo {
  const out: PotrfInfo = { info: -1, minPivot: Number.POSITIVE_INFINITY };
  for (let k0 = 0; k0 < n; k0 += nb) {
    const kb = Math.min(nb, n - k0);
    const dk = off + k0 * lda + k0;
    dpotf2(kb, a, dk, lda, out);
    if (out.info >= 0) {
      out.info += k0;
      return out;
    }
    const r0 = k0 + kb;
    if (r0 >= n) break;
    panelSolve(n - r0, kb, a, dk, off + r0 * lda + k0, lda);
    wasmDsyrk(n - r0, kb, -1, a, off + r0 * lda + k0, lda, 1, a, off + r0 * lda + r0, lda);
  }
  return out;
}
