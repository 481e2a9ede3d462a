/**
 * The search step of the exchange method: the worst points of every perturbation set for the current
 * interpolant, with the attack module (PGD on the square loss; the dense arc grid for d = 2 caps).
 * @internal
 * @packageDocumentation
 */
import { pgd } from '../attacks/pgd.ts';
import { type KindCode, setMetricDistance } from '../attacks/setGeometry.ts';
import type { DifferentiableModel, Mat, PerturbationSet } from '../types.ts';

/** A candidate constraint: a point of set `set` with error `v` = |f − y|. */
export interface SearchAddition {
  readonly set: number;
  readonly point: Float64Array;
  readonly v: number;
}

/** Settings of one search. */
export interface SearchSettings {
  readonly set: PerturbationSet;
  readonly kindCode: KindCode;
  readonly tolerance: number;
  readonly maxAddPerSet: number;
  /** d = 2 caps: points per arc of the exact grid search, else 0. */
  readonly arcGrid: number;
  readonly restarts: number;
  readonly steps: number;
  /** Seed of this round's random starts. */
  readonly seed: number;
}

/** Result of {@link searchWorstPoints}. */
export interface SearchResult {
  /** Largest |f − y_i| found per set, shape [n]. */
  readonly setViolations: Float64Array;
  /** The worst point per set, row-major [n, d]. */
  readonly worst: Float64Array;
  /** Up to `maxAddPerSet` new constraints per set (errors above the tolerance). */
  readonly additions: SearchAddition[][];
}

/** (cos, sin) of the centre's angle + t, for d = 2 arcs. */
function arcPoint(x: Float64Array, i: number, t: number, out: Float64Array, off: number): void {
  const phi = Math.atan2(x[i * 2 + 1], x[i * 2]) + t;
  out[off] = Math.cos(phi);
  out[off + 1] = Math.sin(phi);
}

/**
 * Worst points of every set. ρ = 0: the centres. d = 2 caps: the dense arc grid (exact up to the spacing),
 * local maxima above the tolerance become constraints. Otherwise: `restarts` PGD runs of the attack module on
 * the square loss (f − y_i)², the first from the centre, the others from random points of the set, each with
 * `steps` steps of size 2.5ρ/steps on a linear schedule; the best distinct (farther apart than ρ/4) results
 * above the tolerance become constraints.
 */
export function searchWorstPoints(
  model: DifferentiableModel,
  X: Mat,
  Y: Float64Array,
  s: SearchSettings,
): SearchResult {
  const { rows: n, cols: d } = X;
  const radius = s.set.radius;
  const setViolations = new Float64Array(n);
  const worst = new Float64Array(n * d);
  const additions: SearchAddition[][] = Array.from({ length: n }, () => []);
  if (radius === 0) {
    const f = model.predict(X);
    for (let i = 0; i < n; i++) setViolations[i] = Math.abs(f[i] - Y[i]);
    worst.set(X.data);
    return { setViolations, worst, additions };
  }
  if (s.arcGrid > 0) {
    const G = s.arcGrid;
    const P = new Float64Array(n * G * 2);
    for (let i = 0; i < n; i++)
      for (let g = 0; g < G; g++)
        arcPoint(X.data, i, -radius + (2 * radius * g) / (G - 1), P, (i * G + g) * 2);
    const f = model.predict({ rows: n * G, cols: 2, data: P });
    for (let i = 0; i < n; i++) {
      const v = (g: number) => Math.abs(f[i * G + g] - Y[i]);
      let best = 0;
      for (let g = 1; g < G; g++) if (v(g) > v(best)) best = g;
      setViolations[i] = v(best);
      worst.set(P.subarray((i * G + best) * 2, (i * G + best) * 2 + 2), i * 2);
      const peaks: number[] = [];
      for (let g = 0; g < G; g++) {
        const left = g === 0 ? -1 : v(g - 1);
        const right = g === G - 1 ? -1 : v(g + 1);
        if (v(g) > s.tolerance && v(g) >= left && v(g) >= right) peaks.push(g);
      }
      peaks.sort((a, b) => v(b) - v(a));
      for (const g of peaks.slice(0, s.maxAddPerSet)) {
        additions[i].push({ set: i, point: P.slice((i * G + g) * 2, (i * G + g) * 2 + 2), v: v(g) });
      }
    }
    return { setViolations, worst, additions };
  }
  const R = s.restarts;
  const points: Float64Array[] = [];
  const values: Float64Array[] = [];
  for (let r = 0; r < R; r++) {
    const a = pgd(model, X, Y, {
      set: s.set,
      loss: 'square',
      steps: s.steps,
      stepSize: (2.5 * radius) / Math.max(1, s.steps),
      schedule: 'linear',
      restarts: 1,
      randomStart: r > 0,
      seed: s.seed * 1_000_003 + r,
    });
    points.push(a.points.data);
    values.push(a.predictions.map((v, i) => Math.abs(v - Y[i])));
  }
  for (let i = 0; i < n; i++) {
    const order = Array.from({ length: R }, (_, r) => r).sort((a, b) => values[b][i] - values[a][i]);
    setViolations[i] = values[order[0]][i];
    worst.set(points[order[0]].subarray(i * d, i * d + d), i * d);
    for (const r of order) {
      if (values[r][i] <= s.tolerance || additions[i].length >= s.maxAddPerSet) break;
      const p = points[r].slice(i * d, i * d + d);
      if (additions[i].every((a) => setMetricDistance(s.kindCode, a.point, 0, p, 0, d) > radius / 4)) {
        additions[i].push({ set: i, point: p, v: values[r][i] });
      }
    }
  }
  return { setViolations, worst, additions };
}
