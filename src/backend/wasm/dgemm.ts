/**
 * WASM-SIMD DGEMM driver: Goto/BLIS blocking in JavaScript, 4×4 f64x2 micro-kernel in WebAssembly.
 * Matrices stay in their own (Shared)ArrayBuffers; packed panels of A and B and one block of C are copied
 * into the module's scratch memory for each block product.
 *
 * Determinism: every C entry gets `C ← β·C`, then `C += α·(Σ_{p in block} a·b)` for the k-blocks in
 * order, with a block size that depends only on k. The value of an entry therefore does not depend on
 * which rows or columns share a call, so row-block partitions across workers are bit-identical.
 * @internal
 * @packageDocumentation
 */
import { getWasmKernels, scratchView } from './loader.ts';

/** Rows of A per packed block (L2), depth per block (k), columns of B per packed panel. */
const MC = 128;
const KC = 256;
const NC = 1024;

const up4 = (x: number): number => (x + 3) & ~3;

/**
 * C ← alpha·op(A)·op(B) + beta·C, row-major, same contract as `dgemm` in src/linalg/blas.ts.
 * @internal
 */
export function wasmDgemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  offA: number,
  lda: number,
  b: Float64Array,
  offB: number,
  ldb: number,
  beta: number,
  c: Float64Array,
  offC: number,
  ldc: number,
): void {
  driver(false, transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
}

/**
 * Lower triangle only: C[i, j] ← alpha·(op(A)·op(B))[i, j] + beta·C[i, j] for j ≤ i, C n×n; entries above
 * the diagonal are neither read nor written. Blocks wholly above the diagonal are skipped, so a SYRK
 * (op(B) = Aᵀ) costs about half a GEMM and packs each panel of B once.
 * @internal
 */
export function wasmDgemmLower(
  transA: boolean,
  transB: boolean,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  offA: number,
  lda: number,
  b: Float64Array,
  offB: number,
  ldb: number,
  beta: number,
  c: Float64Array,
  offC: number,
  ldc: number,
): void {
  driver(true, transA, transB, n, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
}

function driver(
  lower: boolean,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  offA: number,
  lda: number,
  b: Float64Array,
  offB: number,
  ldb: number,
  beta: number,
  c: Float64Array,
  offC: number,
  ldc: number,
): void {
  // β = 0 on a full product: the first k-block writes each C block without reading it (the macro-kernel's
  // overwrite mode gives the bits of accumulating onto zeros), so C is neither zeroed nor copied in first.
  const overwrite = beta === 0 && !lower && alpha !== 0 && k > 0;
  if (beta !== 1 && !overwrite) {
    for (let i = 0; i < m; i++) {
      const ci = offC + i * ldc;
      const end = lower ? i + 1 : n;
      if (beta === 0) c.fill(0, ci, ci + end);
      else for (let j = 0; j < end; j++) c[ci + j] *= beta;
    }
  }
  if (alpha === 0 || k === 0 || m === 0 || n === 0) return;
  const w = getWasmKernels();
  const mcMax = Math.min(MC, up4(m));
  const ncMax = Math.min(NC, up4(n));
  const kcMax = Math.min(KC, k);
  const base = w.scratchBase() >> 3; // in float64 elements
  const aOff = base;
  const bOff = aOff + mcMax * kcMax;
  const cOff = bOff + kcMax * ncMax;
  const view = scratchView(w, 8 * (mcMax * kcMax + kcMax * ncMax + mcMax * ncMax));

  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncp = up4(nc);
    // Lower: rows above jc have no entry on or below the diagonal in these columns.
    const icStart = lower ? Math.floor(jc / MC) * MC : 0;
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packB(transB, b, offB, ldb, pc, jc, kc, nc, ncp, view, bOff);
      for (let ic = icStart; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        const mcp = up4(mc);
        packA(transA, a, offA, lda, ic, pc, mc, kc, mcp, view, aOff);
        const cBlock = offC + ic * ldc + jc;
        if (lower && ic < jc + nc) {
          // Only the columns left of this block's last row reach the diagonal: stop the macro-kernel there.
          const ncEff = Math.min(ncp, up4(ic + mc - jc));
          copyLower(c, cBlock, ldc, view, cOff, ncp, mc, nc, ic - jc, false);
          w.dgemmMacro(mcp, ncEff, kc, alpha, aOff * 8, bOff * 8, cOff * 8, ncp, 0);
          copyLower(c, cBlock, ldc, view, cOff, ncp, mc, nc, ic - jc, true);
        } else {
          const first = overwrite && pc === 0;
          if (!first) copyBlock(c, cBlock, ldc, view, cOff, ncp, mc, nc);
          w.dgemmMacro(mcp, ncp, kc, alpha, aOff * 8, bOff * 8, cOff * 8, ncp, first ? 1 : 0);
          copyBlock(view, cOff, ncp, c, cBlock, ldc, mc, nc);
        }
      }
    }
  }
}

/**
 * Copies the on-or-below-diagonal part of a C block between `c` and the scratch `view` (`out`: view → c).
 * Row i of the block holds global row ic + i and columns jc…; `shift` = ic − jc, so column j of the block
 * is on or below the diagonal when j ≤ i + shift.
 */
function copyLower(
  c: Float64Array,
  offC: number,
  ldc: number,
  view: Float64Array,
  offV: number,
  ldv: number,
  mc: number,
  nc: number,
  shift: number,
  out: boolean,
): void {
  for (let i = 0; i < mc; i++) {
    const cnt = Math.min(nc, i + shift + 1);
    if (cnt <= 0) continue;
    const ci = offC + i * ldc;
    const vi = offV + i * ldv;
    if (out) for (let j = 0; j < cnt; j++) c[ci + j] = view[vi + j];
    else for (let j = 0; j < cnt; j++) view[vi + j] = c[ci + j];
  }
}

/** Copies an mc×nc block between row-major buffers: memcpy per row when rows are long, a loop otherwise. */
function copyBlock(
  src: Float64Array,
  offS: number,
  lds: number,
  dst: Float64Array,
  offD: number,
  ldd: number,
  mc: number,
  nc: number,
): void {
  if (nc >= 32) {
    for (let i = 0; i < mc; i++) {
      const s = offS + i * lds;
      dst.set(src.subarray(s, s + nc), offD + i * ldd);
    }
    return;
  }
  for (let i = 0; i < mc; i++) {
    const s = offS + i * lds;
    const d = offD + i * ldd;
    for (let j = 0; j < nc; j++) dst[d + j] = src[s + j];
  }
}

/** Packs op(A)[ic:ic+mc, pc:pc+kc] into mcp/4 micro-panels of kc×4, zero rows beyond mc. */
function packA(
  transA: boolean,
  a: Float64Array,
  offA: number,
  lda: number,
  ic: number,
  pc: number,
  mc: number,
  kc: number,
  mcp: number,
  v: Float64Array,
  dst: number,
): void {
  for (let q = 0; q < mcp; q += 4) {
    const d = dst + q * kc;
    const rows = Math.min(4, mc - q);
    if (!transA) {
      for (let r = 0; r < 4; r++) {
        if (r < rows) {
          const src = offA + (ic + q + r) * lda + pc;
          for (let p = 0; p < kc; p++) v[d + p * 4 + r] = a[src + p];
        } else {
          for (let p = 0; p < kc; p++) v[d + p * 4 + r] = 0;
        }
      }
    } else if (rows === 4) {
      for (let p = 0; p < kc; p++) {
        const src = offA + (pc + p) * lda + ic + q;
        const o = d + p * 4;
        v[o] = a[src];
        v[o + 1] = a[src + 1];
        v[o + 2] = a[src + 2];
        v[o + 3] = a[src + 3];
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = offA + (pc + p) * lda + ic + q;
        for (let r = 0; r < 4; r++) v[d + p * 4 + r] = r < rows ? a[src + r] : 0;
      }
    }
  }
}

/** Packs op(B)[pc:pc+kc, jc:jc+nc] into ncp/4 micro-panels of kc×4, zero columns beyond nc. */
function packB(
  transB: boolean,
  b: Float64Array,
  offB: number,
  ldb: number,
  pc: number,
  jc: number,
  kc: number,
  nc: number,
  ncp: number,
  v: Float64Array,
  dst: number,
): void {
  if (!transB) {
    const full = nc & ~3;
    for (let p = 0; p < kc; p++) {
      const src = offB + (pc + p) * ldb + jc;
      let d = dst + p * 4;
      let j = 0;
      for (; j < full; j += 4) {
        v[d] = b[src + j];
        v[d + 1] = b[src + j + 1];
        v[d + 2] = b[src + j + 2];
        v[d + 3] = b[src + j + 3];
        d += kc * 4;
      }
      if (j < ncp) for (let t = 0; t < 4; t++) v[d + t] = j + t < nc ? b[src + j + t] : 0;
    }
  } else {
    for (let q = 0; q < ncp; q += 4) {
      const d = dst + q * kc;
      for (let t = 0; t < 4; t++) {
        if (q + t < nc) {
          const src = offB + (jc + q + t) * ldb + pc;
          for (let p = 0; p < kc; p++) v[d + p * 4 + t] = b[src + p];
        } else {
          for (let p = 0; p < kc; p++) v[d + p * 4 + t] = 0;
        }
      }
    }
  }
}
