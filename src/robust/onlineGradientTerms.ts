/**
 * The terms of the convergence theorem shared by the law function and the verification suite: the
 * schedule α = ε_s/G₀², T = ⌈R²G₀²/ε_s²⌉ and the online-gradient-descent slack over the rounds t = 1..T.
 * @internal
 * @packageDocumentation
 */
import { loss as lossByName } from '../nn/loss.ts';
import type { Mat, TrainableModel } from '../types.ts';
import type { AdversarialTrainResult } from './adversarialTrain.ts';

/**
 * G₀ = ‖∇_W L(W₀)‖ on the clean points (logistic loss) and the theorem's schedule for radius R and target
 * slack ε_s (G₀ = 0 falls back to 1). T is capped at `maxIterations`.
 * @internal
 */
export function theoremSchedule(
  net: TrainableModel,
  x: Mat,
  y: Float64Array,
  R: number,
  slackTarget: number,
  maxIterations = Number.POSITIVE_INFINITY,
): { g0: number; alpha: number; T: number } {
  const l = lossByName('logistic');
  const f0 = net.predict(x);
  const up = Float64Array.from(y, (yi, i) => l.derivative(f0[i], yi) / y.length);
  const g = net.paramGradient(x, up);
  let s = 0;
  for (const l2 of net.layers) for (let k = l2.offset; k < l2.offset + l2.length; k++) s += g[k] * g[k];
  const g0 = Math.sqrt(s);
  const G0 = g0 > 1e-12 ? g0 : 1;
  return {
    g0,
    alpha: slackTarget / (G0 * G0),
    T: Math.min(maxIterations, Math.max(1, Math.ceil((R * R * G0 * G0) / (slackTarget * slackTarget)))),
  };
}

/**
 * Over the rounds t = 1..T of a training result: min L_A(W_t), G = max ‖∇L_A(W_t)‖ and the slack
 * ‖W_1 − W′‖²/(2αT) + αG²/2 against the comparator W′ (W_1 as recorded by the caller's onStep, or the final
 * parameters when T = 1).
 * @internal
 */
export function roundsSlack(
  r: AdversarialTrainResult,
  w1: Float64Array | undefined,
  comparator: Float64Array,
  alpha: number,
): { minSurrogate: number; gradBound: number; startDistance: number; slack: number; rounds: number } {
  const records = r.final !== undefined ? [...r.history, r.final] : [...r.history];
  const start = w1 ?? r.net.params;
  let d1 = 0;
  for (let k = 0; k < start.length; k++) d1 += (start[k] - comparator[k]) ** 2;
  let G = 0;
  let minSurrogate = Number.POSITIVE_INFINITY;
  let rounds = 0;
  for (const h of records) {
    if (h.iteration < 1) continue;
    rounds++;
    G = Math.max(G, h.gradNorm);
    minSurrogate = Math.min(minSurrogate, h.surrogateLoss);
  }
  const slack = rounds > 0 ? d1 / (2 * alpha * rounds) + (alpha * G * G) / 2 : Number.POSITIVE_INFINITY;
  return { minSurrogate, gradBound: G, startDistance: Math.sqrt(d1), slack, rounds };
}
