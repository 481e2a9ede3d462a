/** Test helpers: seeded random SPD matrices with a prescribed spectrum (not a test file). */
import { Matrix } from 'ml-matrix';
import { createRng, type Rng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';

/** Random orthogonal n×n matrix (modified Gram–Schmidt on a Gaussian matrix, twice). */
export function randomOrthogonal(rng: Rng, n: number): Float64Array {
  const q = rng.fillNormal(new Float64Array(n * n)); // rows are vectors
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < i; p++) {
        let d = 0;
        for (let j = 0; j < n; j++) d += q[i * n + j] * q[p * n + j];
        for (let j = 0; j < n; j++) q[i * n + j] -= d * q[p * n + j];
      }
      let s = 0;
      for (let j = 0; j < n; j++) s += q[i * n + j] ** 2;
      s = Math.sqrt(s);
      for (let j = 0; j < n; j++) q[i * n + j] /= s;
    }
  }
  return q;
}

/** A = Qᵀ diag(λ) Q, exactly symmetric, eigenvalues log-spaced from `scale` down to scale/cond. */
export function spdWithCond(
  seed: number,
  n: number,
  cond: number,
  scale = 1,
): { a: Mat; eigenvalues: Float64Array } {
  const rng = createRng(seed);
  const q = randomOrthogonal(rng, n);
  const lam = new Float64Array(n);
  for (let i = 0; i < n; i++) lam[i] = scale * cond ** -(n === 1 ? 0 : i / (n - 1));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += q[p * n + i] * lam[p] * q[p * n + j];
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  return { a: { rows: n, cols: n, data: a }, eigenvalues: lam.sort() };
}

/** Well-conditioned SPD: G·Gᵀ/n + I (cheap, any n). */
export function randomSpd(seed: number, n: number): Mat {
  const rng = createRng(seed);
  const g = rng.fillNormal(new Float64Array(n * n));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += g[i * n + p] * g[j * n + p];
      s = s / n + (i === j ? 1 : 0);
      a[i * n + j] = s;
      a[j * n + i] = s;
    }
  return { rows: n, cols: n, data: a };
}

export function toMl(m: Mat): Matrix {
  const out = new Matrix(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.set(i, j, m.data[i * m.cols + j]);
  return out;
}

export function fromMl(m: Matrix): Float64Array {
  const out = new Float64Array(m.rows * m.columns);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) out[i * m.columns + j] = m.get(i, j);
  return out;
}

/** ‖A − L·Lᵀ‖_max over the lower triangle. */
export function reconstructionError(a: Mat, l: Mat, jitter = 0): number {
  const n = a.rows;
  let worst = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p <= j; p++) s += l.data[i * n + p] * l.data[j * n + p];
      worst = Math.max(worst, Math.abs(s - a.data[i * n + j] - (i === j ? jitter : 0)));
    }
  return worst;
}
