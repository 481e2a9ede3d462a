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

/**
 * C ← alpha·op(A)·op(B) + beta·C, all row-major; op(A) is m×k, op(B) is k×n, C is m×n.
 * `transA`: A is stored k×m (op(A) = Aᵀ); `transB`: B is stored n×k (op(B) = Bᵀ).
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
