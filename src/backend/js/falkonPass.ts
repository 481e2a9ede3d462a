/**
 * JavaScript reference of FALKON's fused pass over a block of kernel rows (always registered; the native
 * twin is native/falkon_pass.cc). The summation order is part of the contract, so every path gives the
 * same bits for any thread count:
 *
 * - rows are split into a FIXED partition of {@link FALKON_PART_ROWS}-row parts (independent of the thread
 *   count); each part accumulates its own partial g_p = Σ_{r in part, in order} K_r·t_r from +0, and w gets
 *   the partials added in part order, w ← (…((w + g_0) + g_1) …) + g_last;
 * - the row product d_c = K_r·u[:, c] is summed in 8 interleaved lanes (lane ℓ adds the terms j ≡ ℓ mod 8
 *   of j < M − M mod 8 in order, from +0), combined as ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)), then the tail
 *   terms are added in order — what one AVX-512 or two AVX2 accumulators compute;
 * - t_c = (d_c + v_rc)·invN (d_c alone without v, v_rc alone without u, 0 without both);
 * - every product is rounded before its sum (no fused multiply-add).
 * @internal
 * @packageDocumentation
 */

/** Rows of one part of the fixed partition of a pass (the unit of work of a thread). @internal */
export const FALKON_PART_ROWS = 256;

/**
 * Unchecked fused pass w ← w + K_bᵀ·(K_b·u + v)·invN over a block K_b of `rows` kernel rows ([rows, M]
 * row-major), u [M, k] and v [rows, k] row-major (null = 0), w [M, k] row-major accumulated in place; each
 * row of K_b is read once. Summation order: see the module comment.
 */
export type FalkonPassFn = (
  rows: number,
  M: number,
  k: number,
  kb: Float64Array,
  u: Float64Array | null,
  v: Float64Array | null,
  invN: number,
  w: Float64Array,
) => void;

/** K_r·x over j < M in the contract's 8-lane order (K_r at kb[o…], x at x[xo…], both contiguous). */
function laneDot(kb: Float64Array, o: number, x: Float64Array, xo: number, M: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  const m8 = M - (M % 8);
  for (let j = 0; j < m8; j += 8) {
    s0 += kb[o + j] * x[xo + j];
    s1 += kb[o + j + 1] * x[xo + j + 1];
    s2 += kb[o + j + 2] * x[xo + j + 2];
    s3 += kb[o + j + 3] * x[xo + j + 3];
    s4 += kb[o + j + 4] * x[xo + j + 4];
    s5 += kb[o + j + 5] * x[xo + j + 5];
    s6 += kb[o + j + 6] * x[xo + j + 6];
    s7 += kb[o + j + 7] * x[xo + j + 7];
  }
  let s = s0 + s1 + (s2 + s3) + (s4 + s5 + (s6 + s7));
  for (let j = m8; j < M; j++) s += kb[o + j] * x[xo + j];
  return s;
}

/**
 * The partial g_p (layout [k, M]) of the rows [r0, r1) of the block, from +0 into `g`; `uT` is u
 * transposed ([k, M]) or null. Exported for the conformance test's negative control (partials added in
 * another order). @internal
 */
export function falkonPartial(
  r0: number,
  r1: number,
  M: number,
  k: number,
  kb: Float64Array,
  uT: Float64Array | null,
  v: Float64Array | null,
  invN: number,
  g: Float64Array,
): void {
  g.fill(0, 0, M * k);
  const t = new Float64Array(4 * k);
  // Rows in groups of up to 4: each entry of g still gets the rows' terms one at a time in row order (the
  // group only saves loads and stores of g).
  for (let ra = r0; ra < r1; ra += 4) {
    const nr = Math.min(4, r1 - ra);
    for (let q = 0; q < nr; q++) {
      const r = ra + q;
      for (let c = 0; c < k; c++) {
        let s: number;
        if (uT !== null) {
          s = laneDot(kb, r * M, uT, c * M, M);
          if (v !== null) s += v[r * k + c];
        } else s = v !== null ? v[r * k + c] : 0;
        t[q * k + c] = s * invN;
      }
    }
    const o0 = ra * M;
    for (let c = 0; c < k; c++) {
      const go = c * M;
      if (nr === 4) {
        const t0 = t[c];
        const t1 = t[k + c];
        const t2 = t[2 * k + c];
        const t3 = t[3 * k + c];
        for (let j = 0; j < M; j++) {
          let x = g[go + j];
          x += kb[o0 + j] * t0;
          x += kb[o0 + M + j] * t1;
          x += kb[o0 + 2 * M + j] * t2;
          x += kb[o0 + 3 * M + j] * t3;
          g[go + j] = x;
        }
      } else {
        for (let q = 0; q < nr; q++) {
          const tq = t[q * k + c];
          const o = o0 + q * M;
          for (let j = 0; j < M; j++) g[go + j] += kb[o + j] * tq;
        }
      }
    }
  }
}

/** u [M, k] transposed to [k, M] (null stays null). @internal */
export function transposeCentres(u: Float64Array | null, M: number, k: number): Float64Array | null {
  if (u === null) return null;
  const uT = new Float64Array(M * k);
  for (let j = 0; j < M; j++) for (let c = 0; c < k; c++) uT[c * M + j] = u[j * k + c];
  return uT;
}

/** w [M, k] += g ([k, M], at element offset `go`): one part's partial added to the output. @internal */
export function addPartial(w: Float64Array, g: Float64Array, go: number, M: number, k: number): void {
  for (let j = 0; j < M; j++) for (let c = 0; c < k; c++) w[j * k + c] += g[go + c * M + j];
}

/** @internal */
export const jsFalkonPass: FalkonPassFn = (rows, M, k, kb, u, v, invN, w) => {
  const uT = transposeCentres(u, M, k);
  const g = new Float64Array(M * k);
  for (let r0 = 0; r0 < rows; r0 += FALKON_PART_ROWS) {
    falkonPartial(r0, Math.min(rows, r0 + FALKON_PART_ROWS), M, k, kb, uT, v, invN, g);
    addPartial(w, g, 0, M, k);
  }
};
