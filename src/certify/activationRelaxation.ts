/**
 * Linear relaxations of the scalar activations on a pre-activation interval, for linear bound propagation.
 * @internal
 * @packageDocumentation
 */
import { type Activation, act, actDeriv } from '../nn/activation.ts';

/** Relative slack added to every relaxation intercept to absorb floating-point rounding. */
const SLACK = 1e-12;

/**
 * A pair of lines with lowerSlope·z + lowerIntercept ≤ σ(z) ≤ upperSlope·z + upperIntercept for every
 * z ∈ [l, u]. @internal
 */
export interface Relaxation {
  lowerSlope: number;
  lowerIntercept: number;
  upperSlope: number;
  upperIntercept: number;
}

/** Inverse of σ' (the tangent point with a given slope), for the convex activations. @internal */
export function derivInverse(s: Activation, slope: number): number {
  if (s === 'relu2') return slope / 2;
  if (s === 'softplus') {
    if (slope <= 0) return Number.NEGATIVE_INFINITY;
    if (slope >= 1) return Number.POSITIVE_INFINITY;
    return Math.log(slope) - Math.log1p(-slope);
  }
  return 0;
}

/**
 * Writes into `out` sound linear bounds of σ on [l, u] (l ≤ u):
 *
 * - every activation here is convex, so the chord through (l, σ(l)) and (u, σ(u)) is an upper bound on
 *   [l, u] and any tangent σ(t) + σ'(t)(z − t) a lower bound everywhere;
 * - ReLU: identity for l ≥ 0, zero for u ≤ 0; otherwise the chord above and, below, the adaptive CROWN
 *   choice z (if u ≥ −l) or 0;
 * - ReLU², softplus: the tangent parallel to the chord (t = σ'^{-1}(chord slope), clamped to [l, u]),
 *   which minimises the largest vertical gap between the two lines.
 *
 * Both intercepts are moved outward by 1e-12 × the magnitudes involved (rounding of σ and the products).
 * @internal
 */
export function activationRelaxation(s: Activation, l: number, u: number, out: Relaxation): Relaxation {
  if (s === 'relu' && l >= 0) return setLines(out, 1, 0, 1, 0, 0);
  if (u <= 0 && s !== 'softplus') return setLines(out, 0, 0, 0, 0, 0);
  const fl = act(s, l);
  const fu = act(s, u);
  const mag = Math.abs(fl) + Math.abs(fu) + Math.abs(l) + Math.abs(u);
  if (!(u - l > 1e-12 * (1 + Math.abs(l) + Math.abs(u)))) {
    // A (near-)point interval: the tangent at the midpoint for both, widened by the curvature over the
    // interval (σ'' ≤ 2 for ReLU², ≤ 1/4 for softplus; ReLU with l < 0 < u cannot reach here unless
    // l ≈ u ≈ 0, where σ ∈ [0, u]).
    const t = 0.5 * (l + u);
    const g = actDeriv(s, t);
    const h = u - l;
    const curv = s === 'relu' ? Math.max(u, 0) : (s === 'relu2' ? 2 : 0.25) * h * h;
    const slack = SLACK * (mag + 1) + curv + Math.abs(g) * h;
    return setLines(out, 0, act(s, t) - slack, 0, act(s, t) + slack, 0);
  }
  const chord = (fu - fl) / (u - l);
  const upperIntercept = fl - chord * l;
  let lowerSlope: number;
  let lowerIntercept: number;
  if (s === 'relu') {
    lowerSlope = u >= -l ? 1 : 0;
    lowerIntercept = 0;
  } else {
    const t = Math.min(Math.max(derivInverse(s, chord), l), u);
    lowerSlope = actDeriv(s, t);
    lowerIntercept = act(s, t) - lowerSlope * t;
  }
  return setLines(out, lowerSlope, lowerIntercept, chord, upperIntercept, SLACK * (mag + 1) * (1 + chord));
}

function setLines(
  out: Relaxation,
  ls: number,
  li: number,
  us: number,
  ui: number,
  slack: number,
): Relaxation {
  out.lowerSlope = ls;
  out.lowerIntercept = li - slack;
  out.upperSlope = us;
  out.upperIntercept = ui + slack;
  return out;
}

/**
 * Another sound lower line of σ on [l, u] (l < u), chosen by a parameter (for optimising the bound):
 * ReLU — slope `param` ∈ [0, 1] through the origin (αz ≤ max(z, 0) for every z); ReLU², softplus — the
 * tangent at t = `param` ∈ [l, u] (convexity). Writes `lowerSlope`, `lowerIntercept` (lowered by the same
 * rounding slack as {@link activationRelaxation}); the upper line is left unchanged.
 * @internal
 */
export function lowerLine(s: Activation, l: number, u: number, param: number, out: Relaxation): Relaxation {
  const mag = Math.abs(act(s, l)) + Math.abs(act(s, u)) + Math.abs(l) + Math.abs(u);
  let slope: number;
  let intercept: number;
  if (s === 'relu') {
    slope = Math.min(Math.max(param, 0), 1);
    intercept = 0;
  } else {
    const t = Math.min(Math.max(param, l), u);
    slope = actDeriv(s, t);
    intercept = act(s, t) - slope * t;
  }
  out.lowerSlope = slope;
  out.lowerIntercept = intercept - SLACK * (mag + 1) * (2 + Math.abs(slope));
  return out;
}
