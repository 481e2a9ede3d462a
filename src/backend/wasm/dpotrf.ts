/**
 * WASM-SIMD blocked Cholesky: the right-looking algorithm of `dpotrf` in src/linalg/lapack.ts (same block
 * size, same pivot reporting), with the O(n³) parts — the panel's off-diagonal updates and the trailing
 * update — done by the WASM GEMM/SYRK. Agrees with the JavaScript factor to rounding (≈ n·eps relative).
 * @internal
 * @packageDocumentation
 */
import type { PotrfInfo } from '../../linalg/lapack.ts';
import { wasmDgemm } from './dgemm.ts';
import { wasmDsyrk } from './dsyrk.ts';

/** Outer block size (as the JavaScript factor) and inner column block of the panel solve. */
const NB = 96;
const SUB = 16;

/** Unblocked lower Cholesky of the n×n diagonal block at `off` (same arithmetic as the JS dpotf2). */
function dpotf2(n: number, a: Float64Array, off: number, lda: number, out: PotrfInfo): void {
  for (let j = 0; j < n; j++) {
    const rj = off + j * lda;
    let d = a[rj + j];
    for (let p = 0; p < j; p++) d -= a[rj + p] * a[rj + p];
    if (d < out.minPivot || Number.isNaN(d)) out.minPivot = d;
    if (!(d > 0)) {
      out.info = j;
      return;
    }
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = off + i * lda;
      let s = a[ri + j];
      for (let p = 0; p < j; p++) s -= a[ri + p] * a[rj + p];
      a[ri + j] = s * inv;
    }
  }
}

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
export function wasmDpotrf(n: number, a: Float64Array, off: number, lda: number, nb = NB): PotrfInfo {
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
