/**
 * Unchecked BLAS-like kernels over flat row-major `Float64Array` buffers (stdlib style: explicit
 * offsets and leading dimensions). They trust their input: validate in the public layer.
 * @internal
 * @packageDocumentation
 */

/** Σ_i x[offX + i·strideX] · y[offY + i·strideY] for i < n. */
export function ddot(
  n: number,
  x: Float64Array,
  strideX: number,
  offX: number,
  y: Float64Array,
  strideY: number,
  offY: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  if (strideX === 1 && strideY === 1) {
    for (; i + 1 < n; i += 2) {
      s0 += x[offX + i] * y[offY + i];
      s1 += x[offX + i + 1] * y[offY + i + 1];
    }
    if (i < n) s0 += x[offX + i] * y[offY + i];
    return s0 + s1;
  }
  for (; i < n; i++) s0 += x[offX + i * strideX] * y[offY + i * strideY];
  return s0;
}

/** y ← alpha·x + y (length n, unit strides from the given offsets). */
export function daxpy(
  n: number,
  alpha: number,
  x: Float64Array,
  offX: number,
  y: Float64Array,
  offY: number,
): void {
  for (let i = 0; i < n; i++) y[offY + i] += alpha * x[offX + i];
}

/**
 * y ← alpha·op(A)·x + beta·y, row-major A with leading dimension lda; op(A) is m×n.
 * `transA` means A is stored n×m and op(A) = Aᵀ.
 */
export function dgemv(
  transA: boolean,
  m: number,
  n: number,
  alpha: number,
  a: Float64Array,
  offA: number,
  lda: number,
  x: Float64Array,
  offX: number,
  beta: number,
  y: Float64Array,
  offY: number,
): void {
  if (beta !== 1) for (let i = 0; i < m; i++) y[offY + i] = beta === 0 ? 0 : beta * y[offY + i];
  if (!transA) {
    for (let i = 0; i < m; i++) y[offY + i] += alpha * ddot(n, a, 1, offA + i * lda, x, 1, offX);
  } else {
    // op(A)[i, j] = A[j, i]: accumulate rows of A scaled by x[j].
    for (let j = 0; j < n; j++) daxpy(m, alpha * x[offX + j], a, offA + j * lda, y, offY);
  }
}

/** Cache-block sizes of the packed GEMM (rows of A per block, depth, columns of B per block). */
const GEMM_MC = 64;
const GEMM_KC = 256;
const GEMM_NC = 1024;
const packABuf = new Float64Array(GEMM_MC * GEMM_KC);
const packBBuf = new Float64Array(GEMM_KC * GEMM_NC);

/**
 * C ← alpha·op(A)·op(B) + beta·C, all row-major; op(A) is m×k, op(B) is k×n, C is m×n.
 * `transA`: A is stored k×m (op(A) = Aᵀ); `transB`: B is stored n×k (op(B) = Bᵀ).
 *
 * Goto/BLIS-style: op(B) is packed in KC×NC panels of 4-column slivers, op(A) in MC×KC blocks of 4-row
 * slivers (zero-padded at the edges), and a 4×4 register tile accumulates 16 sums over the depth. The
 * transposes only change the packing, so every variant runs the same micro-kernel. Small products use
 * an unpacked loop. Deterministic: the summation order depends only on (m, n, k).
 */
export function dgemm(
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
  if (m * n * k < 32768 || m < 4 || n < 4) {
    dgemmSmall(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    return;
  }
  for (let i = 0; i < m; i++) {
    const ci = offC + i * ldc;
    if (beta === 0) c.fill(0, ci, ci + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) c[ci + j] *= beta;
  }
  if (alpha === 0 || k === 0) return;
  const pa = packABuf;
  const pb = packBBuf;
  for (let jc = 0; jc < n; jc += GEMM_NC) {
    const nc = Math.min(GEMM_NC, n - jc);
    for (let pc = 0; pc < k; pc += GEMM_KC) {
      const kc = Math.min(GEMM_KC, k - pc);
      packB(transB, kc, nc, b, offB, ldb, pc, jc, pb);
      for (let ic = 0; ic < m; ic += GEMM_MC) {
        const mc = Math.min(GEMM_MC, m - ic);
        packA(transA, mc, kc, alpha, a, offA, lda, ic, pc, pa);
        macroKernel(mc, nc, kc, pa, pb, c, offC + ic * ldc + jc, ldc);
      }
    }
  }
}

/** Packs op(B)[pc:pc+kc, jc:jc+nc] as ⌈nc/4⌉ slivers, each kc×4 contiguous (zero-padded). */
function packB(
  transB: boolean,
  kc: number,
  nc: number,
  b: Float64Array,
  offB: number,
  ldb: number,
  pc: number,
  jc: number,
  out: Float64Array,
): void {
  let o = 0;
  for (let j = 0; j < nc; j += 4) {
    const w = Math.min(4, nc - j);
    if (!transB) {
      let src = offB + pc * ldb + jc + j;
      if (w === 4) {
        for (let p = 0; p < kc; p++, src += ldb, o += 4) {
          out[o] = b[src];
          out[o + 1] = b[src + 1];
          out[o + 2] = b[src + 2];
          out[o + 3] = b[src + 3];
        }
      } else {
        for (let p = 0; p < kc; p++, src += ldb, o += 4)
          for (let q = 0; q < 4; q++) out[o + q] = q < w ? b[src + q] : 0;
      }
    } else {
      // op(B)[p, j] = B[j, p]
      for (let q = 0; q < 4; q++) {
        if (q < w) {
          const src = offB + (jc + j + q) * ldb + pc;
          for (let p = 0; p < kc; p++) out[o + p * 4 + q] = b[src + p];
        } else for (let p = 0; p < kc; p++) out[o + p * 4 + q] = 0;
      }
      o += kc * 4;
    }
  }
}

/** Packs alpha·op(A)[ic:ic+mc, pc:pc+kc] as ⌈mc/4⌉ slivers, each kc×4 contiguous (zero-padded). */
function packA(
  transA: boolean,
  mc: number,
  kc: number,
  alpha: number,
  a: Float64Array,
  offA: number,
  lda: number,
  ic: number,
  pc: number,
  out: Float64Array,
): void {
  let o = 0;
  for (let i = 0; i < mc; i += 4) {
    const h = Math.min(4, mc - i);
    if (transA) {
      // op(A)[i, p] = A[p, i]: rows of A are contiguous in i.
      let src = offA + pc * lda + ic + i;
      for (let p = 0; p < kc; p++, src += lda, o += 4)
        for (let q = 0; q < 4; q++) out[o + q] = q < h ? alpha * a[src + q] : 0;
    } else {
      for (let q = 0; q < 4; q++) {
        if (q < h) {
          const src = offA + (ic + i + q) * lda + pc;
          for (let p = 0; p < kc; p++) out[o + p * 4 + q] = alpha * a[src + p];
        } else for (let p = 0; p < kc; p++) out[o + p * 4 + q] = 0;
      }
      o += kc * 4;
    }
  }
}

/** C[0:mc, 0:nc] += packedA · packedB with a 4×4 register tile. */
function macroKernel(
  mc: number,
  nc: number,
  kc: number,
  pa: Float64Array,
  pb: Float64Array,
  c: Float64Array,
  offC: number,
  ldc: number,
): void {
  for (let j = 0; j < nc; j += 4) {
    const bo = (j >> 2) * kc * 4;
    const w = Math.min(4, nc - j);
    for (let i = 0; i < mc; i += 4) {
      const ao = (i >> 2) * kc * 4;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      let ap = ao;
      let bp = bo;
      for (let p = 0; p < kc; p++, ap += 4, bp += 4) {
        const a0 = pa[ap];
        const a1 = pa[ap + 1];
        const a2 = pa[ap + 2];
        const a3 = pa[ap + 3];
        const b0 = pb[bp];
        const b1 = pb[bp + 1];
        const b2 = pb[bp + 2];
        const b3 = pb[bp + 3];
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
      }
      const h = Math.min(4, mc - i);
      const r0 = offC + i * ldc + j;
      if (h === 4 && w === 4) {
        const r1 = r0 + ldc;
        const r2 = r1 + ldc;
        const r3 = r2 + ldc;
        c[r0] += c00;
        c[r0 + 1] += c01;
        c[r0 + 2] += c02;
        c[r0 + 3] += c03;
        c[r1] += c10;
        c[r1 + 1] += c11;
        c[r1 + 2] += c12;
        c[r1 + 3] += c13;
        c[r2] += c20;
        c[r2 + 1] += c21;
        c[r2 + 2] += c22;
        c[r2 + 3] += c23;
        c[r3] += c30;
        c[r3 + 1] += c31;
        c[r3 + 2] += c32;
        c[r3 + 3] += c33;
      } else {
        const t = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        for (let q = 0; q < h; q++) for (let s = 0; s < w; s++) c[r0 + q * ldc + s] += t[q * 4 + s];
      }
    }
  }
}

/**
 * Unpacked reference GEMM for small products (packing overhead dominates below ~32³).
 * `transA`: A is stored k×m (op(A) = Aᵀ); `transB`: B is stored n×k (op(B) = Bᵀ).
 */
function dgemmSmall(
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
  for (let i = 0; i < m; i++) {
    const ci = offC + i * ldc;
    if (beta === 0) c.fill(0, ci, ci + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) c[ci + j] *= beta;
  }
  if (alpha === 0 || k === 0) return;
  if (transB) {
    // C[i, j] += alpha · Σ_p op(A)[i, p] · B[j, p]: contiguous dot products over rows of B.
    for (let i = 0; i < m; i++) {
      const ci = offC + i * ldc;
      for (let j = 0; j < n; j++) {
        const s = transA
          ? ddot(k, a, lda, offA + i, b, 1, offB + j * ldb)
          : ddot(k, a, 1, offA + i * lda, b, 1, offB + j * ldb);
        c[ci + j] += alpha * s;
      }
    }
    return;
  }
  // i-p-j order: stream rows of B into rows of C, four rows of C at a time so each B row is read once per 4.
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const c0 = offC + i * ldc;
    const c1 = c0 + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    for (let p = 0; p < k; p++) {
      const a0 = alpha * (transA ? a[offA + p * lda + i] : a[offA + i * lda + p]);
      const a1 = alpha * (transA ? a[offA + p * lda + i + 1] : a[offA + (i + 1) * lda + p]);
      const a2 = alpha * (transA ? a[offA + p * lda + i + 2] : a[offA + (i + 2) * lda + p]);
      const a3 = alpha * (transA ? a[offA + p * lda + i + 3] : a[offA + (i + 3) * lda + p]);
      const bp = offB + p * ldb;
      for (let j = 0; j < n; j++) {
        const bv = b[bp + j];
        c[c0 + j] += a0 * bv;
        c[c1 + j] += a1 * bv;
        c[c2 + j] += a2 * bv;
        c[c3 + j] += a3 * bv;
      }
    }
  }
  for (; i < m; i++) {
    const ci = offC + i * ldc;
    for (let p = 0; p < k; p++) {
      const av = alpha * (transA ? a[offA + p * lda + i] : a[offA + i * lda + p]);
      if (av !== 0) daxpy(n, av, b, offB + p * ldb, c, ci);
    }
  }
}

/** Block size of {@link dsyrk}'s row blocks. */
const SYRK_NB = 128;
const syrkScratch = new Float64Array(SYRK_NB * SYRK_NB);

/**
 * Lower triangle of C ← alpha·A·Aᵀ + beta·C, A is n×k row-major. Only entries with column ≤ row are read
 * or written. Row blocks of 128: the strictly-lower part of each block row is one {@link dgemm} call; the
 * diagonal block goes through a scratch tile so the upper triangle is never touched.
 */
export function dsyrk(
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
  for (let i0 = 0; i0 < n; i0 += SYRK_NB) {
    const ib = Math.min(SYRK_NB, n - i0);
    if (i0 > 0)
      dgemm(
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
    dgemm(false, true, ib, ib, k, 1, a, offA + i0 * lda, lda, a, offA + i0 * lda, lda, 0, syrkScratch, 0, ib);
    for (let i = 0; i < ib; i++) {
      const ci = offC + (i0 + i) * ldc + i0;
      for (let j = 0; j <= i; j++) {
        const prev = beta === 0 ? 0 : beta * c[ci + j];
        c[ci + j] = prev + alpha * syrkScratch[i * ib + j];
      }
    }
  }
}
