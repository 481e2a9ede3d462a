import { DomainError } from '../errors.ts';
import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
import type { Rng } from '../random/rng.ts';
import type { Mat } from '../types.ts';
import type { Dataset } from './dataset.ts';
import { resolveRng } from './resolveRng.ts';
import { uniformSphere } from './uniformSphere.ts';

/** Options of {@link separatedClusters}. */
export interface SeparatedClustersOptions {
  /** Number of classes (one cluster each). @defaultValue 2 */
  readonly classes?: number;
  /** Minimum distance between cluster centres (centres lie on the unit sphere). @defaultValue 1 */
  readonly separation?: number;
  /** Points are centre + spread·u with u uniform in the unit ball, then projected to the sphere. @defaultValue 0.1 */
  readonly spread?: number;
  /** Seed of the random stream. @defaultValue 0 */
  readonly seed?: number;
  /** A random stream to draw from instead of `seed`. @defaultValue none */
  readonly rng?: Rng;
}

/** What {@link separatedClusters} returns: the data set plus its geometry. */
export interface SeparatedClustersResult extends Dataset {
  /** The cluster centres, shape [classes, d], unit rows. */
  readonly centers: Mat;
  /** The smallest distance between two points of different classes (the data's actual separation). */
  readonly minGap: number;
}

/**
 * Clustered, well-separated labelled points on the unit sphere S^{d−1}: class centres are drawn uniformly
 * on the sphere subject to pairwise distance ≥ `separation`, points are centre + spread·u (u uniform in
 * the unit ball) projected back onto the sphere, and classes take turns (point i has class i mod classes).
 *
 * The perturbation balls of radius ρ around points of different classes are disjoint whenever
 * ρ < minGap / 2 (reported), the "separated data" assumption of the paper's expressivity claim.
 *
 * @param n - number of points
 * @param d - dimension (d ≥ 2)
 * @param options - classes, separation, spread, seed; see {@link SeparatedClustersOptions}
 * @returns `{ x, y, centers, minGap }`, x shape [n, d], y shape [n] holding the class index 0..classes−1
 * @throws {@link DomainError} for bad sizes, or if 10⁴ attempts cannot place the centres this far apart
 * @example
 * const s = separatedClusters(20, 3, { separation: 1, spread: 0.1, seed: 3 });
 * s.minGap > 0.6; // true
 * @see docs/verification.md, claim 2 (separated data)
 * @remarks Since 0.1.0
 */
export function separatedClusters(
  n: number,
  d: number,
  options?: SeparatedClustersOptions,
): SeparatedClustersResult {
  const fn = 'separatedClusters';
  const opts = checkOptions(fn, options);
  const { classes = 2, separation = 1, spread = 0.1 } = opts;
  checkInteger(fn, 'n', n, 0);
  checkInteger(fn, 'd', d, 2);
  checkInteger(fn, 'options.classes', classes, 1);
  checkNumber(fn, 'options.separation', separation, { min: 0, max: 2 });
  checkNumber(fn, 'options.spread', spread, { min: 0 });
  const rng = resolveRng(fn, opts);
  const centers = new Float64Array(classes * d);
  let placed = 0;
  for (let attempt = 0; placed < classes; attempt++) {
    if (attempt >= 10_000) {
      throw new DomainError(
        `options.separation must allow ${classes} centres on S^${d - 1} (got ${separation}; placed ${placed})`,
        { fn, arg: 'options.separation', actual: separation },
      );
    }
    const c = uniformSphere(1, d, { rng }).data;
    let ok = true;
    for (let k = 0; k < placed && ok; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (c[j] - centers[k * d + j]) ** 2;
      ok = Math.sqrt(s) >= separation;
    }
    if (ok) centers.set(c, d * placed++);
  }
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    y[i] = k;
    const u = uniformSphere(1, d, { rng }).data;
    const r = spread * rng.uniform() ** (1 / d);
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = centers[k * d + j] + r * u[j];
      x[i * d + j] = v;
      s += v * v;
    }
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < d; j++) x[i * d + j] *= inv;
  }
  let minGap = Number.POSITIVE_INFINITY;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (y[a] === y[b]) continue;
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[a * d + j] - x[b * d + j]) ** 2;
      minGap = Math.min(minGap, Math.sqrt(s));
    }
  }
  return {
    x: { rows: n, cols: d, data: x },
    y,
    classNames: Array.from({ length: classes }, (_, k) => String(k)),
    source: `separatedClusters(n ${n}, d ${d}, classes ${classes}, separation ${separation}, spread ${spread})`,
    centers: { rows: classes, cols: d, data: centers },
    minGap,
  };
}
