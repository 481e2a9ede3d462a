/**
 * Unchecked symmetric eigensolver over a flat row-major buffer: Householder tridiagonalisation followed by
 * the implicit QL method (the EISPACK tred2/tql2 algorithms, as in JAMA and ml-matrix), reorganised for
 * row-major storage: the working matrix holds Vᵀ, so every inner loop (Householder updates and Givens
 * rotations) runs over contiguous memory.
 * @internal
 * @packageDocumentation
 */

function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Eigendecomposition of the symmetric n×n matrix in `w` (row-major; read in full, must be symmetric).
 * On return `d` holds the eigenvalues in ascending order and row j of `w` is the unit eigenvector of d[j].
 * Returns false if the QL iteration did not converge within 60·n sweeps (not observed in practice).
 */
export function dsyev(n: number, w: Float64Array, d: Float64Array): boolean {
  const e = new Float64Array(n);
  if (n === 0) return true;
  // ---- tred2 on W = Vᵀ (V[a][b] ≡ w[b*n + a]) ----
  for (let j = 0; j < n; j++) d[j] = w[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = w[j * n + i - 1];
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        const rj = j * n;
        w[i * n + j] = f; // V[j][i] = f
        g = e[j] + w[rj + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const v = w[rj + k]; // V[k][j]
          g += v * d[k];
          e[k] += v * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        const rj = j * n;
        for (let k = j; k <= i - 1; k++) w[rj + k] -= f * e[k] + g * d[k];
        d[j] = w[rj + i - 1];
        w[rj + i] = 0; // V[i][j] = 0
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    w[i * n + n - 1] = w[i * n + i]; // V[n-1][i] = V[i][i]
    w[i * n + i] = 1;
    const h = d[i + 1];
    const ri1 = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[ri1 + k] / h;
      for (let j = 0; j <= i; j++) {
        const rj = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += w[ri1 + k] * w[rj + k];
        for (let k = 0; k <= i; k++) w[rj + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) w[ri1 + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[j * n + n - 1];
    w[j * n + n - 1] = 0;
  }
  w[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
  // ---- tql2 ----
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  let ok = true;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m === n) m = n - 1;
    if (m > l) {
      let iter = 0;
      do {
        iter++;
        if (iter > 60 * n) {
          ok = false;
          break;
        }
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const ri = i * n;
          const ri1 = ri + n;
          for (let k = 0; k < n; k++) {
            const hv = w[ri1 + k];
            const vi = w[ri + k];
            w[ri1 + k] = s * vi + c * hv;
            w[ri + k] = c * vi - s * hv;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  // ---- sort ascending (selection sort on values, swapping rows of W) ----
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const t = w[i * n + j];
        w[i * n + j] = w[k * n + j];
        w[k * n + j] = t;
      }
    }
  }
  return ok;
}
