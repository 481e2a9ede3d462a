/**
 * Bounds on the first and second derivative of a network along unit-speed great circles through a cap,
 * for the output-space arc grid certificate (`arcBound`).
 * @internal
 * @packageDocumentation
 */
import { actDeriv } from '../nn/activation.ts';
import type { NodeBound } from './netNodeBound.ts';
import type { PiecewiseNet } from './piecewiseNet.ts';

/** Relative widening of the constants (rounding of the sums). */
const MARGIN = 1e-12;

/**
 * K ≥ sup |g'| and M ≥ sup |g''| for g(φ) = f(x(φ)) along any unit-speed great circle x(φ) inside the cap
 * whose first-layer pre-activation bounds are `root.preLo[0]`, `root.preHi[0]`.
 *
 * - Two layers, f = Σ_r v_r σ(w_r·x + b_r) + c: g' = Σ v_r σ'(z_r)(w_r·t) with |w_r·t| ≤ ‖w_r‖₂ and σ'
 *   nondecreasing, so K = Σ_r |v_r| σ'(hi_r) ‖w_r‖₂. For C² activations (softplus, ReLU²),
 *   g'' = Σ v_r (σ''(z_r)(w_r·t)² − σ'(z_r)(z_r − b_r)) (x'' = −x), so
 *   M = Σ_r |v_r| (sup σ''·‖w_r‖₂² + σ'(hi_r)·max(|lo_r − b_r|, |hi_r − b_r|)) with sup σ'' = 1/4 (softplus),
 *   2 (ReLU², if hi_r > 0). ReLU: M = +∞.
 * - Deeper ReLU nets (and one-layer linear ones): K = Π_l ‖W_l‖_F (ReLU is 1-Lipschitz, ‖·‖₂ ≤ ‖·‖_F),
 *   M = +∞.
 * @internal
 */
export function arcConstants(net: PiecewiseNet, root: NodeBound): { slope: number; curvature: number } {
  const L = net.layers.length;
  if (L === 2) {
    const { fanIn: d, fanOut: m, W, b } = net.layers[0];
    const v = net.layers[1].W;
    const s = net.activation;
    let K = 0;
    let M = 0;
    for (let r = 0; r < m; r++) {
      const lo = root.preLo[0][r];
      const hi = root.preHi[0][r];
      let wn = 0;
      for (let j = 0; j < d; j++) wn += W[r * d + j] ** 2;
      const dHi = actDeriv(s, hi);
      K += Math.abs(v[r]) * dHi * Math.sqrt(wn);
      const s2 = s === 'softplus' ? 0.25 : hi > 0 ? 2 : 0;
      M += Math.abs(v[r]) * (s2 * wn + dHi * Math.max(Math.abs(lo - b[r]), Math.abs(hi - b[r])));
    }
    return {
      slope: K * (1 + MARGIN),
      curvature: s === 'relu' ? Number.POSITIVE_INFINITY : M * (1 + MARGIN),
    };
  }
  if (net.activation !== 'relu')
    return { slope: Number.POSITIVE_INFINITY, curvature: Number.POSITIVE_INFINITY };
  let K = 1;
  for (const l of net.layers) {
    let f = 0;
    for (let k = 0; k < l.W.length; k++) f += l.W[k] ** 2;
    K *= Math.sqrt(f);
  }
  return { slope: K * (1 + MARGIN), curvature: Number.POSITIVE_INFINITY };
}
