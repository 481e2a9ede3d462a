/**
 * GEMM conformance problems and their reference: one definition for the backend (dgemm.test.ts) and the
 * native instruction-set (native.test.ts) conformance tests.
 */
import { createRng } from '../../src/random/rng.ts';

/** One C ← α·op(A)·op(B) + β·C problem shape. */
export interface GemmCase {
  readonly name?: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly alpha: number;
  readonly beta: number;
  /** extra columns in every leading dimension and the offset into every buffer */
  readonly pad: number;
}

/** A case with its operands (uniform in [−1, 1), seeded), row-major, each at offset `off` = `c.pad`. */
export interface GemmProblem {
  readonly c: GemmCase;
  readonly a: Float64Array;
  readonly lda: number;
  readonly b: Float64Array;
  readonly ldb: number;
  readonly c0: Float64Array;
  readonly ldc: number;
  readonly off: number;
}

export function gemmProblem(c: GemmCase, seed: number): GemmProblem {
  const rng = createRng(seed);
  const fill = (len: number) => Float64Array.from({ length: len }, () => rng.uniform() * 2 - 1);
  const lda = (c.transA ? c.m : c.k) + c.pad;
  const ldb = (c.transB ? c.k : c.n) + c.pad;
  const ldc = c.n + c.pad;
  const off = c.pad;
  return {
    c,
    a: fill(off + (c.transA ? c.k : c.m) * lda),
    lda,
    b: fill(off + (c.transB ? c.n : c.k) * ldb),
    ldb,
    c0: fill(off + c.m * ldc),
    ldc,
    off,
  };
}

/**
 * Naive product and the rigorous forward-error bound 2γ_{k+2}·(|α|Σ|a||b| + |β||c|) per entry (both the
 * product under test and this reference round; γ_j = j·u/(1 − j·u) ≤ 2j·u here).
 */
export function gemmReference(p: GemmProblem): { ref: Float64Array; bound: Float64Array } {
  const { c, a, b, c0, lda, ldb, ldc, off } = p;
  const at = (x: Float64Array, ld: number, i: number, j: number, t: boolean) =>
    t ? x[off + j * ld + i] : x[off + i * ld + j];
  const ref = c0.slice();
  const bound = new Float64Array(c0.length);
  const gamma = (2 * c.k + 4) * Number.EPSILON;
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let s = 0;
      let sAbs = 0;
      for (let q = 0; q < c.k; q++) {
        const t = at(a, lda, i, q, c.transA) * at(b, ldb, q, j, c.transB);
        s += t;
        sAbs += Math.abs(t);
      }
      const o = off + i * ldc + j;
      const cOld = c.beta === 0 ? 0 : c.beta * c0[o];
      ref[o] = c.alpha * s + cOld;
      bound[o] = gamma * (Math.abs(c.alpha) * sAbs + Math.abs(cOld)) + Number.MIN_VALUE;
    }
  }
  return { ref, bound };
}
