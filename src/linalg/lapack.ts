/**
 * Unchecked LAPACK-like kernels over flat row-major `Float64Array` buffers (offset + leading dimension):
 * blocked Cholesky `dpotrf` and triangular solves `dtrsm`. They trust their input; the public layer
 * (`cholesky`, `solveTriangular`) validates. A WASM/worker backend can swap in implementations with the
 * same signatures.
 * @internal
 * @packageDocumentation
 */
import { dgemm, dsyrk } from './blas.ts';

/** Result of the unchecked blocked Cholesky kernel `dpotrf`: `info` is −1 on success, else the index of the first non-positive pivot. */
export interface PotrfInfo {
  info: number;
  /** Smallest pivot d_j = A_jj − Σ L_jp² seen (the failing one on failure). */
  minPivot: number;
}

/** Block size of the right-looking Cholesky. */
export const POTRF_NB = 96;

/**
 * Unblocked lower Cholesky of the n×n block at `off` (in place, lower triangle; upper untouched). Also the
 * diagonal-block factor of the WASM `dpotrf`, so both backends report the same pivots.
 * @internal
 */
export function dpotf2(n: number, a: Float64Array, off: number, lda: number, out: PotrfInfo): void {
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
 * Right-looking blocked Cholesky A = L·Lᵀ of the n×n matrix at `off` (row-major, lower triangle read and
 * overwritten by L; the strictly upper triangle is not referenced). Per block column: unblocked factor of the
 * diagonal block, a triangular solve for the panel below it, and a {@link dsyrk} update of the trailing matrix.
 * Flops ≈ n³/3, almost all in dsyrk/dgemm.
 */
export function dpotrf(n: number, a: Float64Array, off: number, lda: number, nb = POTRF_NB): PotrfInfo {
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
    // Panel: L21 = A21 · L11^{-T}, row by row (forward substitution with L11).
    for (let i = r0; i < n; i++) {
      const ri = off + i * lda + k0;
      for (let j = 0; j < kb; j++) {
        const rj = dk + j * lda;
        let s = a[ri + j];
        for (let p = 0; p < j; p++) s -= a[rj + p] * a[ri + p];
        a[ri + j] = s / a[rj + j];
      }
    }
    // Trailing update: A22 ← A22 − L21·L21ᵀ (lower triangle).
    dsyrk(n - r0, kb, -1, a, off + r0 * lda + k0, lda, 1, a, off + r0 * lda + r0, lda);
  }
  return out;
}

/** Block size of the blocked triangular solves. */
const TRSM_NB = 64;

/**
 * Solves op(L)·X = B in place (B ← X), L n×n lower triangular (row-major, only the lower triangle is read),
 * B n×k row-major. `trans = false`: L·X = B (forward); `trans = true`: Lᵀ·X = B (backward). Blocked: the
 * off-diagonal updates are {@link dgemm} calls.
 */
export function dtrsm(
  trans: boolean,
  n: number,
  k: number,
  l: Float64Array,
  offL: number,
  ldl: number,
  b: Float64Array,
  offB: number,
  ldb: number,
): void {
  if (k === 1 && ldb === 1) {
    dtrsv(trans, n, l, offL, ldl, b, offB);
    return;
  }
  if (!trans) {
    for (let i0 = 0; i0 < n; i0 += TRSM_NB) {
      const ib = Math.min(TRSM_NB, n - i0);
      if (i0 > 0)
        dgemm(false, false, ib, k, i0, -1, l, offL + i0 * ldl, ldl, b, offB, ldb, 1, b, offB + i0 * ldb, ldb);
      for (let i = i0; i < i0 + ib; i++) {
        const li = offL + i * ldl;
        const bi = offB + i * ldb;
        for (let p = i0; p < i; p++) {
          const lv = l[li + p];
          if (lv === 0) continue;
          const bp = offB + p * ldb;
          for (let j = 0; j < k; j++) b[bi + j] -= lv * b[bp + j];
        }
        const inv = 1 / l[li + i];
        for (let j = 0; j < k; j++) b[bi + j] *= inv;
      }
    }
    return;
  }
  const nBlocks = Math.ceil(n / TRSM_NB);
  for (let blk = nBlocks - 1; blk >= 0; blk--) {
    const i0 = blk * TRSM_NB;
    const ib = Math.min(TRSM_NB, n - i0);
    const i1 = i0 + ib;
    if (i1 < n)
      dgemm(
        true,
        false,
        ib,
        k,
        n - i1,
        -1,
        l,
        offL + i1 * ldl + i0,
        ldl,
        b,
        offB + i1 * ldb,
        ldb,
        1,
        b,
        offB + i0 * ldb,
        ldb,
      );
    for (let i = i1 - 1; i >= i0; i--) {
      const li = offL + i * ldl;
      const bi = offB + i * ldb;
      const inv = 1 / l[li + i];
      for (let j = 0; j < k; j++) b[bi + j] *= inv;
      for (let p = i0; p < i; p++) {
        const lv = l[li + p];
        if (lv === 0) continue;
        const bp = offB + p * ldb;
        for (let j = 0; j < k; j++) b[bp + j] -= lv * b[bi + j];
      }
    }
  }
}

/**
 * Single right-hand side of {@link dtrsm}: row-oriented dot products for L·x = b, row-oriented axpys for
 * Lᵀ·x = b, both over contiguous rows of L.
 */
export function dtrsv(
  trans: boolean,
  n: number,
  l: Float64Array,
  offL: number,
  ldl: number,
  x: Float64Array,
  offX: number,
): void {
  if (!trans) {
    for (let i = 0; i < n; i++) {
      const li = offL + i * ldl;
      let s0 = x[offX + i];
      let s1 = 0;
      let p = 0;
      for (; p + 1 < i; p += 2) {
        s0 -= l[li + p] * x[offX + p];
        s1 -= l[li + p + 1] * x[offX + p + 1];
      }
      if (p < i) s0 -= l[li + p] * x[offX + p];
      x[offX + i] = (s0 + s1) / l[li + i];
    }
    return;
  }
  for (let i = n - 1; i >= 0; i--) {
    const li = offL + i * ldl;
    const xi = x[offX + i] / l[li + i];
    x[offX + i] = xi;
    if (xi !== 0) for (let p = 0; p < i; p++) x[offX + p] -= xi * l[li + p];
  }
}
