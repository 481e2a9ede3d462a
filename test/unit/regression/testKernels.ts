/** Small kernel functions for regression tests (not a test file). */
import { createRng } from '../../../src/random/rng.ts';
import type { KernelPair, Mat } from '../../../src/types.ts';

/** nngp = RBF(ℓ = 1), ntk = RBF + 0.5·(1 + x·x')/d: both strictly PD on distinct points. */
export function rbfPair(x1: Mat, x2?: Mat): KernelPair {
  const b = x2 ?? x1;
  const d = x1.cols;
  const nngp = new Float64Array(x1.rows * b.rows);
  const ntk = new Float64Array(x1.rows * b.rows);
  for (let i = 0; i < x1.rows; i++)
    for (let j = 0; j < b.rows; j++) {
      let sq = 0;
      let dot = 0;
      for (let p = 0; p < d; p++) {
        const u = x1.data[i * d + p];
        const v = b.data[j * d + p];
        sq += (u - v) ** 2;
        dot += u * v;
      }
      const r = Math.exp(-sq / 2);
      nngp[i * b.rows + j] = r;
      ntk[i * b.rows + j] = r + (0.5 * (1 + dot)) / d;
    }
  return {
    nngp: { rows: x1.rows, cols: b.rows, data: nngp },
    ntk: { rows: x1.rows, cols: b.rows, data: ntk },
  };
}

/** Seeded Gaussian inputs [n, d]. */
export function randomInputs(seed: number, n: number, d: number, scale = 1): Mat {
  return { rows: n, cols: d, data: createRng(seed).fillNormal(new Float64Array(n * d), scale) };
}

/** y = sin(x·w) per output column. */
export function smoothTargets(x: Mat, k = 1): Mat {
  const out = new Float64Array(x.rows * k);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let p = 0; p < x.cols; p++) s += x.data[i * x.cols + p] * (j + 1) * 0.7 ** p;
      out[i * k + j] = Math.sin(s);
    }
  return { rows: x.rows, cols: k, data: out };
}
