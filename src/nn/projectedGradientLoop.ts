/**
 * The one projected-gradient training loop behind `train` (clean batches) and `adversarialTrain` (attacked
 * batches): W_{t+1} = Π_{B(W₀,R)}(W_t − α ∇_W (1/n) Σ_i ℓ(f(W_t, x_i^(t)), y_i)).
 * @internal
 * @packageDocumentation
 */
import { AbortError, DomainError, NonFiniteError } from '../errors.ts';
import type { Mat, TrainableModel } from '../types.ts';
import type { Loss } from './loss.ts';
import { blockDistance, projectToBallUnchecked } from './projectToBall.ts';

/** Distance of the parameters from the centre of the ball, ‖W_t − W₀‖_F. */
export interface DistanceFromInit {
  /** √(Σ_h ‖W_h − W_{0,h}‖_F²) over the trained layers. */
  readonly total: number;
  /** ‖W_h − W_{0,h}‖_F per trained layer, keyed by layer name. */
  readonly byLayer: Readonly<Record<string, number>>;
}

/** What is recorded at iteration t (all quantities at the iterate W_t, before its update). */
export interface TrainingRecord {
  readonly iteration: number;
  /** L_A(W_t) = (1/n) Σ ℓ(f(W_t, x_i^(t)), y_i): the loss on the batch the step is taken on (the clean loss without an attack). */
  readonly surrogateLoss: number;
  /** (1/n) Σ ℓ(f(W_t, x_i), y_i). */
  readonly cleanLoss: number;
  /** ‖W_t − W₀‖_F (≤ R for every layer, by the projection). */
  readonly distanceFromInit: DistanceFromInit;
  /** ‖∇_W L_A(W_t)‖₂ over the trained parameters (the layers of the model). */
  readonly gradNorm: number;
  /** Largest distance of a batch point x_i^(t) outside its perturbation set (0 for clean batches). */
  readonly maxSetViolation: number;
  /** Whether the step from W_t left the ball and was projected back (false for the final record). */
  readonly projected: boolean;
  /** Robust-loss estimate L*(W_t) by a stronger attack, when measured at this iterate. */
  readonly robustLoss?: number;
}

/** A batch at iterate W_t: the points the step is taken on and their losses. @internal */
export interface LoopBatch {
  readonly points: Mat;
  readonly predictions: Float64Array;
  readonly losses: Float64Array;
  readonly meanLoss: number;
  /** max distance of `points` outside the sets. */
  readonly maxSetViolation: number;
  /** The points are the clean inputs (the clean loss is the batch loss). */
  readonly clean: boolean;
  /** f(W_t, x_i) at the clean inputs when the attack already computed them (else the loop evaluates them). */
  readonly cleanPredictions?: Float64Array;
}

/** Why training stopped early. */
export interface TrainingStop {
  readonly reason: 'diverged';
  /** Iteration at which a non-finite loss, gradient or parameter appeared. */
  readonly iteration: number;
  readonly surrogateLoss: number;
  readonly gradNorm: number;
  readonly message: string;
}

/** The loop's inputs (validated by the public caller). @internal */
export interface LoopSpec {
  readonly fn: string;
  /** The model to train in place (already a clone). */
  readonly model: TrainableModel;
  readonly x: Mat;
  readonly y: Float64Array;
  readonly loss: Loss;
  readonly learningRate: number;
  readonly iterations: number;
  readonly radius: number;
  readonly center: Float64Array;
  readonly signal?: AbortSignal;
  /** The batch at W_t (an attack, or the clean points); may throw NonFiniteError when W_t diverged. */
  batch(model: TrainableModel, t: number): LoopBatch;
  /** Robust-loss estimate at W_t (or undefined when not measured at t). */
  robust?(model: TrainableModel, t: number, batch: LoopBatch): number | undefined;
  onRecord?(record: TrainingRecord): void;
  onStep?(step: {
    iteration: number;
    params: Float64Array;
    points: Mat;
    gradient: Float64Array;
    surrogateLoss: number;
  }): void;
}

/** The loop's output. @internal */
export interface LoopOutput {
  /** One record per step taken, t = 0..steps−1. */
  readonly history: TrainingRecord[];
  /** The record at the returned iterate W_steps (no step taken from it); absent if its loss was not finite. */
  readonly final?: TrainingRecord;
  readonly stopped?: TrainingStop;
  /** The iterate with the lowest surrogate loss (history and final) and its parameters. */
  readonly best?: { readonly iteration: number; readonly params: Float64Array };
  /** The iterate with the lowest measured robust loss and its parameters. */
  readonly bestRobust?: { readonly iteration: number; readonly params: Float64Array };
  /** max_t gradNorm and Σ_t gradNorm² over the steps taken. */
  readonly gradBound: number;
  readonly sumSquaredGrad: number;
}

/** ‖v‖₂ over the trained layers, scaled against overflow. */
export function layerNorm(v: Float64Array, layers: TrainableModel['layers']): number {
  let scale = 0;
  for (const l of layers)
    for (let k = l.offset; k < l.offset + l.length; k++) scale = Math.max(scale, Math.abs(v[k]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (const l of layers) for (let k = l.offset; k < l.offset + l.length; k++) s += (v[k] / scale) ** 2;
  return scale * Math.sqrt(s);
}

/** Throws DomainError unless every label is −1 or +1 (the logistic and hinge losses assume it). */
export function checkSignLabels(fn: string, lossName: string, y: Float64Array): void {
  if (lossName !== 'logistic' && lossName !== 'hinge') return;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 && y[i] !== -1) {
      throw new DomainError(
        `y must contain only −1 and +1 for the ${lossName} loss (got y[${i}] = ${y[i]})`,
        {
          fn,
          arg: 'y',
          actual: y[i],
        },
      );
    }
  }
}

/**
 * Runs the loop: at every t ≤ T evaluates the batch at W_t, records it, and (for t < T) steps and projects.
 * Divergence (non-finite loss, gradient or parameters) stops the loop with `stopped` set and the model
 * holding the last iterate with a finite loss.
 * @internal
 */
export function projectedGradientLoop(spec: LoopSpec): LoopOutput {
  const { fn, model, x, y, loss, learningRate: alpha, iterations: T, radius: R, center } = spec;
  const params = model.params;
  const layers = model.layers;
  const n = x.rows;
  const prev = params.slice();
  const upstream = new Float64Array(n);
  const history: TrainingRecord[] = [];
  let final: TrainingRecord | undefined;
  let stopped: TrainingStop | undefined;
  let G = 0;
  let sumSq = 0;
  let best: { iteration: number; loss: number; params: Float64Array } | undefined;
  let bestRobust: { iteration: number; loss: number; params: Float64Array } | undefined;
  const diverged = (t: number, surrogate: number, gradNorm: number, message: string): void => {
    stopped = { reason: 'diverged', iteration: t, surrogateLoss: surrogate, gradNorm, message };
    // Return W_{t−1}: W_t itself has a non-finite loss or gradient.
    if (t > 0) params.set(prev);
  };
  for (let t = 0; t <= T; t++) {
    if (spec.signal?.aborted) {
      throw new AbortError(`training must not be aborted (got an abort at iteration ${t} of ${T})`, {
        fn,
        arg: 'options.signal',
        iteration: t,
        completed: history.length,
      });
    }
    let batch: LoopBatch;
    try {
      batch = spec.batch(model, t);
    } catch (e) {
      // A non-finite loss inside the attack means the iterate W_t itself diverged.
      if (!(e instanceof NonFiniteError)) throw e;
      diverged(t, Number.POSITIVE_INFINITY, Number.NaN, `${e.message}; lower learningRate`);
      break;
    }
    const surrogate = batch.meanLoss;
    let clean = surrogate;
    if (!batch.clean) {
      const fc = batch.cleanPredictions ?? model.predict(x);
      clean = 0;
      for (let i = 0; i < n; i++) clean += loss.value(fc[i], y[i]);
      clean /= n;
    }
    for (let i = 0; i < n; i++) upstream[i] = loss.derivative(batch.predictions[i], y[i]) / n;
    const grad = model.paramGradient(batch.points, upstream);
    const gradNorm = layerNorm(grad, layers);
    if (!Number.isFinite(surrogate) || !Number.isFinite(clean) || !Number.isFinite(gradNorm)) {
      diverged(
        t,
        surrogate,
        gradNorm,
        `loss or gradient became non-finite at iteration ${t} (surrogate ${surrogate}, clean ${clean}, gradient norm ${gradNorm}); lower learningRate`,
      );
      break;
    }
    const byLayer: Record<string, number> = {};
    let totSq = 0;
    for (const l of layers) {
      const dist = blockDistance(params, center, l.offset, l.length);
      byLayer[l.name] = dist;
      totSq += dist * dist;
    }
    const robust = spec.robust?.(model, t, batch);
    const base = {
      iteration: t,
      surrogateLoss: surrogate,
      cleanLoss: clean,
      distanceFromInit: { total: Math.sqrt(totSq), byLayer },
      gradNorm,
      maxSetViolation: batch.maxSetViolation,
      ...(robust !== undefined ? { robustLoss: robust } : {}),
    };
    if (best === undefined || surrogate < best.loss)
      best = { iteration: t, loss: surrogate, params: params.slice() };
    if (robust !== undefined && (bestRobust === undefined || robust < bestRobust.loss))
      bestRobust = { iteration: t, loss: robust, params: params.slice() };
    if (t === T) {
      final = { ...base, projected: false };
      spec.onRecord?.(final);
      break;
    }
    spec.onStep?.({ iteration: t, params, points: batch.points, gradient: grad, surrogateLoss: surrogate });
    prev.set(params);
    for (const l of layers) for (let k = l.offset; k < l.offset + l.length; k++) params[k] -= alpha * grad[k];
    let projected = false;
    if (R !== Number.POSITIVE_INFINITY) {
      for (const l of layers) projected ||= blockDistance(params, center, l.offset, l.length) > R;
      projectToBallUnchecked(params, center, layers, R);
    }
    const record: TrainingRecord = { ...base, projected };
    history.push(record);
    G = Math.max(G, gradNorm);
    sumSq += gradNorm * gradNorm;
    spec.onRecord?.(record);
    let finite = true;
    for (let k = 0; k < params.length && finite; k++) finite = Number.isFinite(params[k]);
    if (!finite) {
      stopped = {
        reason: 'diverged',
        iteration: t + 1,
        surrogateLoss: surrogate,
        gradNorm,
        message: `parameters became non-finite after the update at iteration ${t}; lower learningRate`,
      };
      params.set(prev);
      break;
    }
  }
  return {
    history,
    ...(final !== undefined ? { final } : {}),
    ...(stopped !== undefined ? { stopped } : {}),
    ...(best !== undefined ? { best: { iteration: best.iteration, params: best.params } } : {}),
    ...(bestRobust !== undefined
      ? { bestRobust: { iteration: bestRobust.iteration, params: bestRobust.params } }
      : {}),
    gradBound: G,
    sumSquaredGrad: sumSq,
  };
}
