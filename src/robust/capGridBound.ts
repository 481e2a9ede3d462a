/**
 * Certified upper bound of max_{|φ − θ| ≤ ρ} ℓ(f(cos φ, sin φ), y) on an arc of the circle (caps in d = 2):
 * a dense grid plus a Lipschitz remainder per grid cell.
 * @internal
 * @packageDocumentation
 */
import type { Loss } from '../nn/loss.ts';
import type { DifferentiableModel } from '../types.ts';
import { ROUND_MARGIN } from './intervalPropagation.ts';

/** Rows per `predict` call. */
const CHUNK_ROWS = 65536;

/** Result of {@link capGridBound}: per-sample grid maximum (achieved) and certified upper bound. @internal */
export interface CapGridResult {
  /** max over grid points of ℓ (values actually attained: a valid lower bound). */
  readonly gridMax: Float64Array;
  /** Certified upper bound of the arc maximum. */
  readonly upper: Float64Array;
}

/**
 * For each unit row x_i = (cos θ_i, sin θ_i), evaluates ℓ on `gridPoints` evenly spaced angles of
 * [θ_i − ρ, θ_i + ρ] (spacing h = 2ρ/(G − 1)) and bounds the arc maximum by
 * max_k (ℓ_k + ℓ_{k+1} + K_i·h)/2 + margin, where K_i bounds |dℓ/dφ| on the arc: a point at angular
 * distance s from φ_k and h − s from φ_{k+1} has ℓ ≤ min(ℓ_k + K s, ℓ_{k+1} + K(h − s)) ≤ (ℓ_k + ℓ_{k+1} + Kh)/2.
 * `slope[i]` must be K_i (sup |ℓ'| on the prediction interval times the bound on |d f(x(φ))/dφ|).
 *
 * Where `curvature[i]` = M_i bounds |g''| for g(φ) = f(x(φ)) (finite), a second, O(h²) cell bound is also
 * used: linear interpolation error gives g ∈ [min(g_k, g_{k+1}) − M h²/8, max(g_k, g_{k+1}) + M h²/8] on
 * the cell, and the convex loss is largest at an end of that interval. Each cell takes the smaller bound.
 * @internal
 */
export function capGridBound(
  model: DifferentiableModel,
  x: Float64Array,
  y: Float64Array,
  n: number,
  rho: number,
  gridPoints: number,
  lossFn: Loss,
  slope: Float64Array,
  curvature: Float64Array,
): CapGridResult {
  const G = gridPoints;
  const h = (2 * rho) / (G - 1);
  const gridMax = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const upper = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const prev = new Float64Array(n);
  const prevF = new Float64Array(n);
  const total = n * G;
  const chunk = Math.min(total, CHUNK_ROWS);
  const buf = new Float64Array(2 * chunk);
  for (let start = 0; start < total; start += chunk) {
    const rows = Math.min(chunk, total - start);
    for (let k = 0; k < rows; k++) {
      const idx = start + k;
      const i = Math.floor(idx / G);
      const g = idx - i * G;
      const theta = Math.atan2(x[2 * i + 1], x[2 * i]);
      const phi = theta + rho * ((2 * g - (G - 1)) / (G - 1));
      buf[2 * k] = Math.cos(phi);
      buf[2 * k + 1] = Math.sin(phi);
    }
    const view = rows === chunk ? buf : buf.subarray(0, 2 * rows);
    const f = model.predict({ rows, cols: 2, data: view });
    for (let k = 0; k < rows; k++) {
      const idx = start + k;
      const i = Math.floor(idx / G);
      const g = idx - i * G;
      const l = lossFn.value(f[k], y[i]);
      if (l > gridMax[i] || Number.isNaN(l)) gridMax[i] = l;
      if (g > 0) {
        let cell = 0.5 * (prev[i] + l + slope[i] * h);
        const curv = curvature[i];
        if (curv < Number.POSITIVE_INFINITY) {
          const e = (curv * h * h) / 8;
          const lo = Math.min(prevF[i], f[k]) - e;
          const hi = Math.max(prevF[i], f[k]) + e;
          cell = Math.min(cell, Math.max(lossFn.value(lo, y[i]), lossFn.value(hi, y[i])));
        }
        if (cell > upper[i] || Number.isNaN(cell)) upper[i] = cell;
      }
      prev[i] = l;
      prevF[i] = f[k];
    }
  }
  for (let i = 0; i < n; i++) {
    const u = upper[i] + ROUND_MARGIN * (1 + Math.abs(upper[i]));
    upper[i] = Number.isNaN(u) ? Number.POSITIVE_INFINITY : u;
  }
  return { gridMax, upper };
}
