/**
 * Full-batch (projected) gradient descent for trainable models.
 * @packageDocumentation
 */
import { ShapeError } from '../errors.ts';
import { checkInteger, checkNumber, checkOneOf, checkOptions } from '../internal/assert.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import type { MatLike, TrainableModel, VecLike } from '../types.ts';
import { checkTrainable } from './jacobian.ts';
import { type Loss, type LossName, loss as lossFn } from './loss.ts';
import {
  checkSignLabels,
  type LoopBatch,
  projectedGradientLoop,
  type TrainingRecord,
  type TrainingStop,
} from './projectedGradientLoop.ts';
import { blockDistance } from './projectToBall.ts';

/** Per-iteration progress, passed to `onProgress`. */
export interface TrainProgress {
  /** Iteration t (0-based): the loss and gradient norm are at W_t, before the step. */
  readonly iteration: number;
  readonly loss: number;
  readonly gradNorm: number;
  /** Per-layer ‖W_{t,h} − W_{0,h}‖_F at W_t. */
  readonly distanceFromInit: readonly number[];
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** Pointwise loss. @defaultValue `'square'` */
  readonly loss?: LossName;
  /** Step size α > 0. */
  readonly learningRate: number;
  /** Number of gradient steps T (integer ≥ 0). */
  readonly iterations: number;
  /**
   * Radius R of B(W₀, R): after every step each trained layer is projected back to ‖W_h − W_{0,h}‖_F ≤ R.
   * @defaultValue `Infinity` (plain gradient descent)
   */
  readonly ballRadius?: number;
  /**
   * The centre W₀ of the ball (same layout as `model.params`).
   * @defaultValue the parameters of `model` at the call (the convention of {@link adversarialTrain})
   */
  readonly center?: Float64Array;
  /** Cancels training between iterations (throws {@link AbortError}). */
  readonly signal?: AbortSignal;
  /** Called after every iteration's loss is computed. */
  readonly onProgress?: (p: TrainProgress) => void;
}

/** What {@link train} returns. */
export interface TrainResult<M extends TrainableModel> {
  /** One record per step t = 0..iterations−1 (at W_t, before its step): the history shape of {@link adversarialTrain}. */
  readonly history: readonly TrainingRecord[];
  /** The record at the returned iterate (no step taken from it); absent when its loss was not finite. */
  readonly final?: TrainingRecord;
  /** Set when training diverged (the same report as {@link adversarialTrain}'s `stopped`). */
  readonly stopped?: TrainingStop;
  /** The trained model (a clone; the input model is not modified). On divergence: the last finite iterate. */
  readonly model: M;
  /** Mean loss L(W_t) = (1/n) Σ ℓ(f(W_t, x_i), y_i) for every finite-loss iterate t = 0, 1, … (length iterations + 1 without divergence); the surrogateLoss of history and final. */
  readonly lossHistory: readonly number[];
  /** ‖∇L(W_t)‖₂ over the trained layers, for each step taken (the gradNorm of history). */
  readonly gradNormHistory: readonly number[];
  /** Per-layer ‖W_{t,h} − W_{0,h}‖_F for every entry of `lossHistory` (the iterates W_0, W_1, …). */
  readonly distanceHistory: readonly (readonly number[])[];
  /** Per-layer ‖W_h − W_{0,h}‖_F of the returned model, in the order of `model.layers`. */
  readonly distanceFromInit: readonly number[];
  /** Index t of the returned iterate W_t (= options.iterations without divergence). */
  readonly iterations: number;
  /** True when the loss or gradient became non-finite; details in `divergence`. */
  readonly diverged: boolean;
  /** The iteration at which training stopped and the values seen there. */
  readonly divergence?: { readonly iteration: number; readonly loss: number; readonly gradNorm: number };
}

/**
 * Full-batch gradient descent on L(W) = (1/n) Σ_i ℓ(f(W, x_i), y_i), optionally projected onto
 * B(W₀, R) after every step (the training loop of Gao et al. without the attack):
 * W_{t+1} = Π_{B(W₀,R)}(W_t − α ∇L(W_t)).
 *
 * It is the same loop as {@link adversarialTrain} with the clean points as the batch: the same history
 * records (`history`, `final`), centre convention (W₀ = `center`, else the parameters at the call) and
 * gradient norm (over the trained layers). `lossHistory`, `gradNormHistory` and `distanceHistory` are views
 * of those records. If the loss or the gradient becomes non-finite (a step size too large), training stops
 * and reports the iteration and values in `divergence`, returning the last iterate with a finite loss
 * rather than NaNs.
 *
 * @param model - a `TrainableModel`; it is cloned, not modified
 * @param x - inputs, shape [n, d]
 * @param y - labels, shape [n] (±1 for logistic/hinge)
 * @param options - see {@link TrainOptions}
 * @returns a {@link TrainResult}
 * @throws {@link ShapeError} if x.cols ≠ model.inputDim, y.length ≠ n, or center has the wrong length
 * @throws {@link NonFiniteError} if x, y or center contain NaN/±Infinity
 * @throws {@link DomainError} for learningRate ≤ 0, iterations < 0, ballRadius < 0, an unknown loss, labels
 *   other than ±1 with the logistic or hinge loss
 * @throws {@link AbortError} if `signal` is aborted
 * @example
 * const net = twoLayerNet({ inputDim: 2, width: 20, init: 'symmetric', seed: 1 });
 * const r = train(net, [[1, 0], [0, 1]], [1, -1], { learningRate: 0.5, iterations: 50, ballRadius: 1 });
 * r.lossHistory[50] < r.lossHistory[0]; // true
 * r.distanceFromInit[0] <= 1; // true
 * r.history.length; // 50
 * @see R. Gao et al., NeurIPS 2019, arXiv:1906.07916
 * @remarks Since 0.1.0
 */
export function train<M extends TrainableModel>(
  model: M,
  x: MatLike,
  y: VecLike,
  options: TrainOptions,
): TrainResult<M> {
  const fn = 'train';
  const net0 = checkTrainable(fn, model);
  const o = checkOptions(fn, options);
  const lossName = checkOneOf(fn, 'options.loss', o.loss ?? 'square', [
    'square',
    'logistic',
    'hinge',
  ] as const);
  const lr = checkNumber(fn, 'options.learningRate', o.learningRate, { min: 0, exclusiveMin: true });
  const iterations = checkInteger(fn, 'options.iterations', o.iterations, 0);
  const radius =
    o.ballRadius === undefined || o.ballRadius === Number.POSITIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : checkNumber(fn, 'options.ballRadius', o.ballRadius, { min: 0 });
  const xm = toMat(x, fn, 'x');
  if (xm.cols !== net0.inputDim) {
    throw new ShapeError(`x must have ${net0.inputDim} columns (the model's inputDim) (got ${xm.cols})`, {
      fn,
      arg: 'x',
      expected: net0.inputDim,
      actual: xm.cols,
    });
  }
  const yv = toVec(y, fn, 'y');
  if (yv.length !== xm.rows) {
    throw new ShapeError(`y must have length ${xm.rows} (the number of rows of x) (got ${yv.length})`, {
      fn,
      arg: 'y',
      expected: xm.rows,
      actual: yv.length,
    });
  }
  checkSignLabels(fn, lossName, yv);
  const center = o.center !== undefined ? toVec(o.center, fn, 'options.center').slice() : net0.params.slice();
  if (center.length !== net0.params.length) {
    throw new ShapeError(`options.center must have length ${net0.params.length} (got ${center.length})`, {
      fn,
      arg: 'options.center',
      expected: net0.params.length,
      actual: center.length,
    });
  }
  const net = net0.clone() as M;
  const l: Loss = lossFn(lossName);
  const n = xm.rows;
  const batch = (m: TrainableModel): LoopBatch => {
    const f = m.predict(xm);
    const losses = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      losses[i] = l.value(f[i], yv[i]);
      s += losses[i];
    }
    return { points: xm, predictions: f, losses, meanLoss: s / n, maxSetViolation: 0, clean: true };
  };
  const layerNames = net.layers.map((ly) => ly.name);
  const perLayer = (r: TrainingRecord): number[] =>
    layerNames.map((name) => r.distanceFromInit.byLayer[name]);
  const out = projectedGradientLoop({
    fn,
    model: net,
    x: xm,
    y: yv,
    loss: l,
    learningRate: lr,
    iterations,
    radius,
    center,
    ...(o.signal !== undefined ? { signal: o.signal } : {}),
    batch,
    ...(o.onProgress !== undefined
      ? {
          onRecord: (r: TrainingRecord) =>
            o.onProgress?.({
              iteration: r.iteration,
              loss: r.surrogateLoss,
              gradNorm: r.iteration === iterations ? Number.NaN : r.gradNorm,
              distanceFromInit: perLayer(r),
            }),
        }
      : {}),
  });
  const records = out.final !== undefined ? [...out.history, out.final] : out.history;
  const steps = out.final !== undefined ? iterations : Math.max(0, (out.stopped?.iteration ?? 1) - 1);
  const base = {
    model: net,
    history: out.history,
    ...(out.final !== undefined ? { final: out.final } : {}),
    lossHistory: records.map((r) => r.surrogateLoss),
    gradNormHistory: out.history.map((r) => r.gradNorm),
    distanceHistory: records.map(perLayer),
    distanceFromInit: net.layers.map((ly) => blockDistance(net.params, center, ly.offset, ly.length)),
    iterations: steps,
  };
  const st = out.stopped;
  return st === undefined
    ? { ...base, diverged: false }
    : {
        ...base,
        stopped: st,
        diverged: true,
        divergence: { iteration: st.iteration, loss: st.surrogateLoss, gradNorm: st.gradNorm },
      };
}
