/**
 * Training runs with a recorded trace (W_t, attacked batch, gradient per iteration) and the terms of the
 * online-gradient-descent argument against a fixed comparator W', computed from the trace.
 */
import { exactCapAttack } from '../../src/attacks/exactCapAttack.ts';
import { type LossName, loss as lossByName } from '../../src/nn/loss.ts';
import {
  type AdversarialTrainOptions,
  type AdversarialTrainResult,
  adversarialTrain,
} from '../../src/robust/adversarialTrain.ts';
import type { Mat, TrainableModel } from '../../src/types.ts';

/** What happened at iteration t. */
export interface TraceStep {
  readonly params: Float64Array;
  readonly points: Float64Array;
  readonly gradient: Float64Array;
  /** L_t(W_t) = surrogate loss at t. */
  readonly loss: number;
}

/** adversarialTrain plus its full trace. */
export function traceTrain(
  net: TrainableModel,
  x: Mat,
  y: Float64Array,
  options: AdversarialTrainOptions,
): { result: AdversarialTrainResult; trace: TraceStep[] } {
  const trace: TraceStep[] = [];
  const result = adversarialTrain(net, x, y, {
    ...options,
    onStep: (s) =>
      trace.push({
        params: s.params.slice(),
        points: s.points.data.slice(),
        gradient: s.gradient.slice(),
        loss: s.surrogateLoss,
      }),
  });
  return { result, trace };
}

/** The online-learning terms of a trace against comparator W'. */
export interface OnlineTerms {
  /** (1/T) Σ_t L_t(W_t). */
  readonly meanLossIterates: number;
  /** (1/T) Σ_t L_t(W'). */
  readonly meanLossComparator: number;
  /** (1/T) Σ_t ⟨g_t, W_t − W'⟩. */
  readonly meanLinearRegret: number;
  /** ‖W₀ − W'‖²/(2αT) + (α/2T) Σ_t ‖g_t‖²: the OGD bound on meanLinearRegret. */
  readonly ogdBound: number;
  /** ε_t = L_t(W_t) − L_t(W') − ⟨g_t, W_t − W'⟩: mean and max over t (≤ 0 for a convex loss). */
  readonly epsMean: number;
  readonly epsMax: number;
  /** max_t ‖W' − W_t‖ (for the linearisation bound). */
  readonly maxDistToIterates: number;
  /** max_t [ε_t − c·‖W' − W_t‖²] for the given curvature constant c (≤ 0 when the C9 bound holds). */
  readonly curvatureExcess: number;
  /** Per sample, max_t ℓ(f(W', x_i^(t)), y_i): attacked points are in the set, so a lower bound on L*. */
  readonly perSampleMax: Float64Array;
}

/** Computes {@link OnlineTerms} of `trace` against `comparator` (same architecture). */
export function onlineTerms(
  trace: readonly TraceStep[],
  comparator: TrainableModel,
  w0: Float64Array,
  y: Float64Array,
  lossName: LossName,
  alpha: number,
  curvature = 0,
): OnlineTerms {
  const lossFn = lossByName(lossName);
  const n = y.length;
  const d = comparator.inputDim;
  const wc = comparator.params;
  const T = trace.length;
  let sumIt = 0;
  let sumComp = 0;
  let sumLin = 0;
  let sumG2 = 0;
  let epsSum = 0;
  let epsMax = Number.NEGATIVE_INFINITY;
  let maxDist = 0;
  let curvatureExcess = Number.NEGATIVE_INFINITY;
  const perSampleMax = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (const s of trace) {
    const f = comparator.predict({ rows: n, cols: d, data: s.points });
    let lc = 0;
    for (let i = 0; i < n; i++) {
      const l = lossFn.value(f[i], y[i]);
      lc += l;
      perSampleMax[i] = Math.max(perSampleMax[i], l);
    }
    lc /= n;
    let lin = 0;
    let g2 = 0;
    let dist2 = 0;
    for (let k = 0; k < wc.length; k++) {
      lin += s.gradient[k] * (s.params[k] - wc[k]);
      g2 += s.gradient[k] * s.gradient[k];
      dist2 += (s.params[k] - wc[k]) ** 2;
    }
    const eps = s.loss - lc - lin;
    sumIt += s.loss;
    sumComp += lc;
    sumLin += lin;
    sumG2 += g2;
    epsSum += eps;
    epsMax = Math.max(epsMax, eps);
    maxDist = Math.max(maxDist, Math.sqrt(dist2));
    curvatureExcess = Math.max(curvatureExcess, eps - curvature * dist2);
  }
  let d0 = 0;
  for (let k = 0; k < wc.length; k++) d0 += (w0[k] - wc[k]) ** 2;
  return {
    meanLossIterates: sumIt / T,
    meanLossComparator: sumComp / T,
    meanLinearRegret: sumLin / T,
    ogdBound: d0 / (2 * alpha * T) + (alpha * sumG2) / (2 * T),
    epsMean: epsSum / T,
    epsMax,
    maxDistToIterates: maxDist,
    curvatureExcess,
    perSampleMax,
  };
}

/**
 * Robust loss on the circle by a dense grid of each arc; per sample, the max with any extra lower bounds
 * (losses at other points known to be in the set).
 */
export function circleRobustLoss(
  net: TrainableModel,
  x: Mat,
  y: Float64Array,
  radius: number,
  lossName: LossName,
  gridPoints: number,
  extra?: Float64Array,
): number {
  const r = exactCapAttack(net, x, y, { radius, gridPoints, loss: lossName });
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.max(r.losses[i], extra ? extra[i] : Number.NEGATIVE_INFINITY);
  return s / y.length;
}
