/**
 * The capacity construction of claim 3 (checks C14, C15; docs/verification.md), ℓ₂ version: K cells in R^d, each with
 * two oppositely labelled points x_k^± = c_k ± (t/√d)·b_k (b_k ∈ {±1}^d), perturbation radius
 * μ = t√(1 − 1/d), and d probes q_{k,j} = c_k + (t/√d)·e_j. The probe q_{k,j} lies on the sphere of radius
 * μ around the point whose label is b_{k,j}, so every robust interpolator labels it b_{k,j}.
 */
import { createRng } from '../../src/random/rng.ts';
import type { Mat } from '../../src/types.ts';

export interface CapacityConstruction {
  readonly cells: number;
  readonly dim: number;
  readonly t: number;
  /** Perturbation radius μ = t√(1 − 1/d). */
  readonly mu: number;
  /** Cell centres, shape [K, d]. */
  readonly centres: Mat;
  /** Labelling b, K·d entries ±1 (row k = cell k). */
  readonly b: Int8Array;
  /** Data points, shape [2K, d]: row 2k = x_k^+ (label +1), row 2k+1 = x_k^- (label −1). */
  readonly x: Mat;
  readonly y: Float64Array;
  /** Probes q_{k,j}, shape [K·d, d], row k·d + j. */
  readonly probes: Mat;
  /** Labels every robust interpolator must give the probes: b_{k,j}. */
  readonly probeLabels: Float64Array;
}

/** Cell centres: spaced `spacing` apart along e₁, jittered (seeded) so the probes are in general position. */
export function capacityCentres(cells: number, dim: number, spacing: number, seed: number): Mat {
  const rng = createRng(seed);
  const data = new Float64Array(cells * dim);
  for (let k = 0; k < cells; k++) {
    for (let j = 0; j < dim; j++) data[k * dim + j] = (j === 0 ? spacing * k : 0) + 0.25 * rng.normal();
  }
  return { rows: cells, cols: dim, data };
}

/** Builds the construction for labelling `b` (K·d entries ±1) around the given centres. */
export function capacityConstruction(centres: Mat, b: Int8Array, t: number): CapacityConstruction {
  const K = centres.rows;
  const d = centres.cols;
  const s = t / Math.sqrt(d);
  const x = new Float64Array(2 * K * d);
  const y = new Float64Array(2 * K);
  const probes = new Float64Array(K * d * d);
  const probeLabels = new Float64Array(K * d);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) {
      const c = centres.data[k * d + j];
      x[2 * k * d + j] = c + s * b[k * d + j];
      x[(2 * k + 1) * d + j] = c - s * b[k * d + j];
    }
    y[2 * k] = 1;
    y[2 * k + 1] = -1;
    for (let j = 0; j < d; j++) {
      const row = (k * d + j) * d;
      for (let i = 0; i < d; i++) probes[row + i] = centres.data[k * d + i] + (i === j ? s : 0);
      probeLabels[k * d + j] = b[k * d + j];
    }
  }
  return {
    cells: K,
    dim: d,
    t,
    mu: t * Math.sqrt(1 - 1 / d),
    centres,
    b,
    x: { rows: 2 * K, cols: d, data: x },
    y,
    probes: { rows: K * d, cols: d, data: probes },
    probeLabels,
  };
}

/** A uniformly random labelling b ∈ {±1}^{K·d}. */
export function randomLabelling(count: number, rng: { uniform(): number }): Int8Array {
  return Int8Array.from({ length: count }, () => (rng.uniform() < 0.5 ? -1 : 1));
}

/** Euclidean distance between row i of a and row j of b. */
export function rowDistance(a: Mat, i: number, b: Mat, j: number): number {
  let s = 0;
  for (let c = 0; c < a.cols; c++) {
    const v = a.data[i * a.cols + c] - b.data[j * b.cols + c];
    s += v * v;
  }
  return Math.sqrt(s);
}
