/**
 * Certified upper ends of a convex loss over perturbation sets, from a model's output bounds
 * ({@link CertifiableModel.boundOutput}).
 * @packageDocumentation
 */
import type { Loss } from '../nn/loss.ts';
import type { CertifiableModel, DataBox, Mat, OutputBoundMethod, PerturbationSet } from '../types.ts';

/** Branch-and-bound budget and tolerance handed to {@link CertifiableModel.boundOutput}. @internal */
export interface BoundBudget {
  readonly tolerance?: number;
  readonly maxNodes?: number;
  readonly timeLimitMs?: number;
  readonly signal?: AbortSignal;
  readonly gridPoints?: number;
}

/** Per-sample certified loss upper ends with the method and nodes used. @internal */
export interface CertifiedLossUpper {
  readonly upper: Float64Array;
  /** The best points the bound searches returned (one Mat [n, d] per call; the caller checks membership). */
  readonly searchPoints: readonly Mat[];
  readonly method: OutputBoundMethod[];
  readonly nodes: Float64Array;
}

/**
 * Upper ends of max_{x' ∈ B(x_i)} ℓ(f(x'), y_i) for a certifiable model.
 *
 * Every toolkit loss is convex in the prediction, so over a certified prediction interval [lo, hi] its maximum
 * is at an end. The square loss needs both ends (two calls, signs +1 and −1). The logistic and hinge losses are
 * non-increasing functions of the margin y·f, so one call with sign s_i = sign(y_i) bounds min y_i f from below,
 * which bounds the loss from above; y_i = 0 gives a constant loss. `attained` (the best attack's predictions and
 * the clean ones) lets branch-and-bound stop once the certified end is within tolerance of an attained value.
 *
 * @param fClean - f(x_i), shape [n]
 * @param fAttack - f at the attack's points, shape [n]
 * @internal
 */
export function certifiedLossUpper(
  model: CertifiableModel,
  x: Mat,
  y: Float64Array,
  lossFn: Loss,
  set: PerturbationSet,
  box: DataBox | undefined,
  fClean: Float64Array,
  fAttack: Float64Array,
  budget: BoundBudget,
): CertifiedLossUpper {
  const n = x.rows;
  const bound = (sign: Float64Array) => {
    const attained = new Float64Array(n);
    for (let i = 0; i < n; i++) attained[i] = Math.min(sign[i] * fClean[i], sign[i] * fAttack[i]);
    return model.boundOutput(x, {
      set,
      sign,
      attained,
      ...(box !== undefined ? { box } : {}),
      ...budget,
    });
  };
  const upper = new Float64Array(n);
  const nodes = new Float64Array(n);
  const searchPoints: Mat[] = [];
  const collect = (r: { points?: Mat }) => {
    if (r.points !== undefined) searchPoints.push(r.points);
  };
  let method: OutputBoundMethod[];
  if (lossFn.name === 'square') {
    const below = bound(new Float64Array(n).fill(1));
    const above = bound(new Float64Array(n).fill(-1));
    collect(below);
    collect(above);
    method = below.method.map((m, i) => worse(m, above.method[i]));
    for (let i = 0; i < n; i++) {
      const lo = below.lower[i];
      const hi = -above.lower[i];
      upper[i] = Math.max(lossFn.value(lo, y[i]), lossFn.value(hi, y[i]));
      nodes[i] = below.nodes[i] + above.nodes[i];
    }
  } else {
    const sign = y.map((v) => (v < 0 ? -1 : 1));
    const b = bound(sign);
    collect(b);
    method = [...b.method];
    for (let i = 0; i < n; i++) {
      // lower[i] ≤ min s_i f: the worst prediction is s_i·lower[i] (for y_i = 0 the loss is constant).
      upper[i] = y[i] === 0 ? lossFn.value(0, 0) : lossFn.value(sign[i] * b.lower[i], y[i]);
      nodes[i] = b.nodes[i];
    }
  }
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(upper[i]) || method[i] === 'none') {
      upper[i] = Number.POSITIVE_INFINITY;
      method[i] = 'none';
    }
  }
  return { upper, method, nodes, searchPoints };
}

/** The method to report when two one-sided bounds were combined: 'none' wins, then 'bab', then the first. */
function worse(a: OutputBoundMethod, b: OutputBoundMethod): OutputBoundMethod {
  if (a === 'none' || b === 'none') return 'none';
  if (a === 'bab' || b === 'bab') return 'bab';
  return a;
}
