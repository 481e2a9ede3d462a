import { DomainError, ShapeError } from '../errors.ts';
import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
import type { Rng } from '../random/rng.ts';
import type { Mat } from '../types.ts';
import { resolveRng } from './resolveRng.ts';

/** Options of {@link capacityConstruction}. */
export interface CapacityConstructionOptions {
  /** Half the distance between the two points of a cell. @defaultValue 0.1 */
  readonly t?: number;
  /** Distance between consecutive cell centres c_k = k·spacing·e₁ (must exceed 3t). @defaultValue 4·t */
  readonly spacing?: number;
  /** The labelings b_k ∈ {±1}^d, shape [cells, d]; drawn uniformly from `seed` when absent. @defaultValue random */
  readonly labelings?: Mat;
  /** Seed for random labelings. @defaultValue 0 */
  readonly seed?: number;
  /** A random stream to draw labelings from instead of `seed`. @defaultValue none */
  readonly rng?: Rng;
}

/** The capacity construction's data set D_b, its probes and its geometry. */
export interface CapacityConstructionResult {
  /** Data points: row 2k is x_k⁺ (label +1), row 2k+1 is x_k⁻ (label −1); shape [2·cells, d]. */
  readonly x: Mat;
  /** Labels, shape [2·cells]: +1, −1, +1, −1, … */
  readonly y: Float64Array;
  /** Probes q_{k,j} = c_k + (t/√d)·e_j, row k·d + j; shape [cells·d, d]. */
  readonly probes: Mat;
  /** Label forced on each probe by robust interpolation: b_{k,j}; shape [cells·d]. */
  readonly probeLabels: Float64Array;
  /** The labelings b, shape [cells, d], entries ±1. */
  readonly labelings: Mat;
  /** Cell centres c_k, shape [cells, d]. */
  readonly centers: Mat;
  /** Robustness radius μ = t·√(1 − 1/d): each probe is at distance exactly μ from its same-sign point. */
  readonly radius: number;
  /** The half-distance t. */
  readonly t: number;
}

/**
 * The capacity construction of checks C14/C15 (docs/verification.md; ℓ₂ balls): for cells k = 0..cells−1 with labeling
 * b_k ∈ {±1}^d, the points x_k^± = c_k ± (t/√d)·b_k carry labels ±1 and the probes
 * q_{k,j} = c_k + (t/√d)·e_j (j = 0..d−1).
 *
 * Exact geometry (checked to 1e-12 in the tests): ‖x⁺ − x⁻‖ = 2t > 2μ with μ = t√(1 − 1/d), so the
 * radius-μ balls of a cell are disjoint; q_{k,j} is at distance exactly μ from x_k^{sign b_{k,j}} and
 * t√(1 + 3/d) from the other point of its cell (direct computation: (t/√d)·‖e_j + b‖ = (t/√d)√(d + 3)). So any classifier that is robust at
 * radius μ on D_b has sign f(q_{k,j}) = b_{k,j}: the cells·d probes are shattered.
 *
 * @param cells - number of cells (the data set has n = 2·cells points)
 * @param d - dimension (d ≥ 2)
 * @param options - t, spacing, labelings or seed; see {@link CapacityConstructionOptions}
 * @returns data, probes, their forced labels, and the radius μ
 * @throws {@link DomainError} for bad sizes, t ≤ 0, spacing ≤ 3t, or labelings entries other than ±1
 * @throws {@link ShapeError} if `labelings` is not shape [cells, d]
 * @example
 * const c = capacityConstruction(2, 4, { t: 1, seed: 1 });
 * c.radius; // 0.8660254
 * c.x.rows; // 4
 * c.probes.rows; // 8
 * @see docs/verification.md, claim 3 and checks C14, C15
 * @remarks Since 0.1.0
 */
export function capacityConstruction(
  cells: number,
  d: number,
  options?: CapacityConstructionOptions,
): CapacityConstructionResult {
  const fn = 'capacityConstruction';
  const opts = checkOptions(fn, options);
  checkInteger(fn, 'cells', cells, 1);
  checkInteger(fn, 'd', d, 2);
  const t = checkNumber(fn, 'options.t', opts.t ?? 0.1, { min: 0, exclusiveMin: true });
  const spacing = checkNumber(fn, 'options.spacing', opts.spacing ?? 4 * t, {
    min: 3 * t,
    exclusiveMin: true,
  });
  let b: Float64Array;
  if (opts.labelings !== undefined) {
    const l = opts.labelings;
    if (l.rows !== cells || l.cols !== d) {
      throw new ShapeError(
        `options.labelings must have shape [${cells}, ${d}] (got [${l.rows}, ${l.cols}])`,
        {
          fn,
          arg: 'options.labelings',
          expected: [cells, d],
          actual: [l.rows, l.cols],
        },
      );
    }
    const bad = l.data.findIndex((v) => v !== 1 && v !== -1);
    if (bad >= 0) {
      throw new DomainError(
        `options.labelings entries must be +1 or -1 (got ${l.data[bad]} at flat index ${bad})`,
        {
          fn,
          arg: 'options.labelings',
          actual: l.data[bad],
        },
      );
    }
    b = Float64Array.from(l.data);
  } else {
    const rng = resolveRng(fn, opts);
    b = new Float64Array(cells * d);
    for (let k = 0; k < b.length; k++) b[k] = rng.uniform() < 0.5 ? 1 : -1;
  }
  const h = t / Math.sqrt(d);
  const centers = new Float64Array(cells * d);
  const x = new Float64Array(2 * cells * d);
  const y = new Float64Array(2 * cells);
  const probes = new Float64Array(cells * d * d);
  for (let k = 0; k < cells; k++) {
    centers[k * d] = k * spacing;
    y[2 * k] = 1;
    y[2 * k + 1] = -1;
    for (let j = 0; j < d; j++) {
      const c = centers[k * d + j];
      x[2 * k * d + j] = c + h * b[k * d + j];
      x[(2 * k + 1) * d + j] = c - h * b[k * d + j];
    }
    for (let j = 0; j < d; j++) {
      const row = (k * d + j) * d;
      for (let i = 0; i < d; i++) probes[row + i] = centers[k * d + i];
      probes[row + j] += h;
    }
  }
  return {
    x: { rows: 2 * cells, cols: d, data: x },
    y,
    probes: { rows: cells * d, cols: d, data: probes },
    probeLabels: Float64Array.from(b),
    labelings: { rows: cells, cols: d, data: b },
    centers: { rows: cells, cols: d, data: centers },
    radius: t * Math.sqrt(1 - 1 / d),
    t,
  };
}
