/**
 * The adversarial-training algorithm of Gao et al. (2019), instrumented so that every quantity of the
 * convergence theorem is measured.
 * @packageDocumentation
 */
import { cleanPredictionsOf } from '../attacks/attackLoop.ts';
import { prepareAttack } from '../attacks/prepareAttack.ts';
import { runAttack } from '../attacks/runAttack.ts';
import { setViolation } from '../attacks/setViolation.ts';
import type { AttackSpec, DataBox, PerturbationSet } from '../attacks/types.ts';
import { ArgumentTypeError, ShapeError } from '../errors.ts';
import { checkInteger, checkNumber, checkOneOf, checkOptions, describe } from '../internal/assert.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import { checkTrainable } from '../nn/jacobian.ts';
import type { LossName } from '../nn/loss.ts';
import {
  checkSignLabels,
  type LoopBatch,
  projectedGradientLoop,
  type TrainingRecord,
  type TrainingStop,
} from '../nn/projectedGradientLoop.ts';
import type { Mat, MatLike, TrainableModel, VecLike } from '../types.ts';
import { defaultRobustAttack } from './defaultRobustAttack.ts';

export type { DistanceFromInit } from '../nn/projectedGradientLoop.ts';

/** What is recorded at iteration t: the one history shape shared with {@link train}. */
export type AdversarialTrainRecord = TrainingRecord;

/**
 * An attack supplied as a function (research code, or a deliberately broken attack in a negative control):
 * returns the batch x_i^(t), shape [n, d]. adversarialTrain measures how far each point lies outside its
 * set (`maxSetViolation` in the history); it does not trust the attack.
 */
export interface CustomTrainingAttack {
  readonly kind: 'custom';
  /** Shown in messages and reports. */
  readonly name: string;
  run(model: TrainableModel, x: Mat, y: Float64Array, seed: number): MatLike;
}

/** The online-learning slack of the convergence argument, with the measured gradient bound. */
export interface AdversarialTrainBound {
  /** R. */
  readonly ballRadius: number;
  /** α. */
  readonly learningRate: number;
  /** T: iterations completed. */
  readonly iterations: number;
  /** H: number of trained layers; the ball is a product of H Frobenius balls so ‖W₀ − W'‖² ≤ H·R². */
  readonly layers: number;
  /** G = max_t ‖∇_W L_A(W_t)‖ (measured). */
  readonly gradBound: number;
  /** H·R²/(2αT) (R²/(2αT) for one trained layer). */
  readonly distanceTerm: number;
  /** αG²/2. */
  readonly gradientTerm: number;
  /** distanceTerm + gradientTerm: min_t L_A(W_t) ≤ min_{W'∈B} (1/T)Σ_t L_t(W') + slack + ε_lin. */
  readonly slack: number;
  /** Sharper variant with (1/T)Σ_t ‖∇L_t‖² in place of G²: distanceTerm + (α/2)·mean squared gradient norm. */
  readonly slackMeanSquare: number;
}

/** The iterate with the lowest surrogate loss (the theorem's min_t L_A(W_t)). */
export interface AdversarialTrainBest {
  readonly iteration: number;
  readonly surrogateLoss: number;
  /** Present when the robust loss was measured at that iteration. */
  readonly robustLoss?: number;
  /** A copy of the network at that iterate. */
  readonly net: TrainableModel;
}

/** Why training stopped early. */
export type AdversarialTrainStop = TrainingStop;

/** Result of {@link adversarialTrain}. */
export interface AdversarialTrainResult {
  /** The final network W_T (a trained copy; the input network is not modified). */
  readonly net: TrainableModel;
  /** One record per completed iteration t = 0..T−1 (the iterate before each step). */
  readonly history: readonly AdversarialTrainRecord[];
  /** The record at the returned iterate W_T (no step taken from it); absent when training diverged there. */
  readonly final?: AdversarialTrainRecord;
  readonly bound: AdversarialTrainBound;
  /** Lowest surrogate loss over the iterates (history and final). */
  readonly best: AdversarialTrainBest;
  /** Lowest measured robust loss over the iterates, when any was measured. */
  readonly bestRobust?: AdversarialTrainBest;
  /** `'completed'`, or `'diverged'` (see `stopped`). */
  readonly status: 'completed' | 'diverged';
  readonly stopped?: AdversarialTrainStop;
  /** W₀: the centre of the ball (`options.center`, else the parameters at the call). */
  readonly initialParams: Float64Array;
}

/** Instrumentation passed to `onStep` before each update (views valid only during the call). */
export interface AdversarialTrainStep {
  readonly iteration: number;
  /** W_t (read-only view). */
  readonly params: Float64Array;
  /** The attacked batch x_i^(t), shape [n, d]. */
  readonly points: Mat;
  /** ∇_W L_A(W_t), length params.length. */
  readonly gradient: Float64Array;
  readonly surrogateLoss: number;
}

/** Options of {@link adversarialTrain}. */
export interface AdversarialTrainOptions {
  /**
   * The attack A used for training, e.g. `{ kind: 'pgd', steps: 2, stepSize: 0.1 }`,
   * `{ kind: 'exact-cap', gridPoints: 41 }`, `{ kind: 'none' }` (clean training: the same loop as
   * {@link train}) or a {@link CustomTrainingAttack}.
   */
  readonly attack: AttackSpec | CustomTrainingAttack;
  /** The perturbation set B(x). */
  readonly set: PerturbationSet;
  /**
   * Training loss.
   * @defaultValue 'logistic'
   */
  readonly loss?: LossName;
  /** Step size α > 0. */
  readonly learningRate: number;
  /** Number of steps T ≥ 0. */
  readonly iterations: number;
  /**
   * R: the radius of B(W₀, R) per trained layer (Frobenius). `Infinity` disables the projection.
   * @defaultValue Infinity
   */
  readonly ballRadius?: number;
  /**
   * W₀, the centre of the ball (same layout as `net.params`).
   * @defaultValue the parameters of `net` at the call
   */
  readonly center?: Float64Array;
  /**
   * Seed of the attacks' random starts (iteration t uses seed + t).
   * @defaultValue 0
   */
  readonly seed?: number;
  /**
   * Measure the robust loss every k iterations (and at the last one); 0 never.
   * @defaultValue max(1, floor(iterations / 10))
   */
  readonly robustEvery?: number;
  /**
   * The stronger attack for the robust loss.
   * @defaultValue `{ kind: 'exact-cap', gridPoints: 1001 }` for caps in d = 2, otherwise PGD with 4× the
   * training steps (at least 20), 5 restarts and random starts
   */
  readonly robustAttack?: AttackSpec;
  /** Optional data-domain box for the attacks. */
  readonly box?: DataBox;
  /** Cancels training: checked before every iteration; an aborted signal throws {@link AbortError}. */
  readonly signal?: AbortSignal;
  /** Called after every iteration with its record. */
  readonly onProgress?: (record: AdversarialTrainRecord, iterations: number) => void;
  /** Instrumentation hook called before every update with W_t, the attacked batch and the gradient. */
  readonly onStep?: (step: AdversarialTrainStep) => void;
}

/**
 * Adversarial training with projection onto the ball around initialisation, as in Gao et al. (2019):
 * for t = 0..T−1, attack every sample x_i^(t) = A(W_t, x_i, y_i), take a full-batch gradient step
 * W̃ = W_t − α∇_W (1/n)Σ ℓ(f(W_t, x_i^(t)), y_i), and project W̃ onto B(W₀, R) = {‖W_h − W_{0,h}‖_F ≤ R for
 * every trained layer h} (exact blockwise radial projection; distances never exceed R, even by rounding).
 *
 * This is the one projected-gradient loop of the toolkit: {@link train} is this loop with the clean points
 * as the batch (`attack: { kind: 'none' }`), the same history records, the same centre convention and the
 * same gradient norm.
 *
 * Records per iteration (one {@link AdversarialTrainRecord} per step, plus `final` at W_T) the surrogate
 * loss L_A(W_t), the clean loss, ‖W_t − W₀‖_F (per layer and total), the gradient norm over the trained
 * layers, whether the step was projected, the largest distance of a batch point outside its perturbation
 * set (measured by {@link setViolation} for every attack, built-in or custom: a check can assert ≤ 1e-12)
 * and, every `robustEvery` iterations, the robust loss by a stronger attack; returns the online-learning
 * slack H·R²/(2αT) + αG²/2 with the measured G = max_t ‖∇L_A(W_t)‖.
 *
 * Behaviour: the input `net` is not modified (training runs on `net.clone()`); W₀ is `options.center`, else
 * `net.params` at the call. Labels must be ±1 for the logistic and hinge losses. Seeded and deterministic
 * (same inputs → bit-identical history). Cancellation: an aborted `signal` throws {@link AbortError} (with
 * `data.iteration`) at the next iteration boundary; use `onProgress` to keep partial records. Divergence
 * (non-finite loss, gradient or parameters) does not throw: training stops and the result has
 * `status: 'diverged'`, `stopped` with the iteration and values, and `net` holds the last iterate with a
 * finite loss (never NaN).
 *
 * @param net - the network at initialisation W₀ (any {@link TrainableModel})
 * @param x - inputs, shape [n, d] (unit rows for caps)
 * @param y - labels, shape [n] (±1 for logistic and hinge)
 * @param options - see {@link AdversarialTrainOptions}
 * @returns `{ net, history, final?, bound, best, bestRobust?, status, stopped?, initialParams }`
 * @throws {@link ShapeError} if `x.cols !== net.inputDim`, `y.length !== x.rows`, `center` has the wrong
 *   length, or a custom attack returns the wrong shape
 * @throws {@link DomainError} for learningRate ≤ 0, iterations < 0, ballRadius < 0, an unknown attack or
 *   loss, labels other than ±1 with the logistic or hinge loss
 * @throws {@link NonFiniteError} for NaN/±Infinity in x or y
 * @throws {@link AbortError} when `signal` is aborted
 * @example
 * const net = twoLayerNet({ inputDim: 2, width: 8, activation: 'softplus', init: 'symmetric', seed: 1 });
 * const x = [[1, 0], [0, 1], [-1, 0], [0, -1]];
 * const r = adversarialTrain(net, x, [1, -1, 1, -1], {
 *   attack: { kind: 'pgd', steps: 2, stepSize: 0.1 }, set: { kind: 'cap', radius: 0.2 },
 *   learningRate: 0.5, iterations: 5, ballRadius: 2,
 * });
 * r.history.length; // 5
 * r.history[0].surrogateLoss; // 0.693147
 * r.history.every((h) => h.distanceFromInit.total <= 2 && h.maxSetViolation <= 1e-12); // true
 * r.final.iteration; // 5
 * @see R. Gao et al. (2019) "Convergence of Adversarial Training in Overparametrized Neural Networks", NeurIPS, arXiv:1906.07916
 * @see M. Zinkevich (2003) "Online Convex Programming and Generalized Infinitesimal Gradient Ascent" (the regret bound)
 * @remarks Since 0.1.0
 */
export function adversarialTrain(
  net: TrainableModel,
  x: MatLike,
  y: VecLike,
  options: AdversarialTrainOptions,
): AdversarialTrainResult {
  const fn = 'adversarialTrain';
  const base = checkTrainable(fn, net);
  const opts = checkOptions(fn, options);
  const loss = checkOneOf(fn, 'options.loss', opts.loss ?? 'logistic', [
    'square',
    'logistic',
    'hinge',
  ] as const);
  // Validates x, y, set, box and shapes once (the attacks re-validate cheaply per call).
  const prep = prepareAttack(fn, base, x, y, {
    set: opts.set,
    loss,
    ...(opts.box !== undefined ? { box: opts.box } : {}),
  });
  const xm = prep.x;
  const yv = prep.y;
  checkSignLabels(fn, loss, yv);
  const n = xm.rows;
  const alpha = checkNumber(fn, 'options.learningRate', opts.learningRate, { min: 0, exclusiveMin: true });
  const T = checkInteger(fn, 'options.iterations', opts.iterations, 0);
  const R =
    opts.ballRadius === undefined || opts.ballRadius === Number.POSITIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : checkNumber(fn, 'options.ballRadius', opts.ballRadius, { min: 0 });
  const seed = checkInteger(fn, 'options.seed', opts.seed ?? 0, Number.MIN_SAFE_INTEGER);
  const robustEvery = checkInteger(
    fn,
    'options.robustEvery',
    opts.robustEvery ?? Math.max(1, Math.floor(T / 10)),
    0,
  );
  const attack = opts.attack as AttackSpec | CustomTrainingAttack;
  const custom = attack !== null && typeof attack === 'object' && attack.kind === 'custom' ? attack : null;
  if (custom !== null && typeof custom.run !== 'function') {
    throw new ArgumentTypeError(`options.attack.run must be a function (got ${describe(custom.run)})`, {
      fn,
      arg: 'options.attack.run',
    });
  }
  const robustAttack =
    opts.robustAttack ??
    defaultRobustAttack(custom === null ? (attack as AttackSpec) : { kind: 'none' }, prep.kind, xm.cols);
  for (const [name, f] of [
    ['options.onProgress', opts.onProgress],
    ['options.onStep', opts.onStep],
  ] as const) {
    if (f !== undefined && typeof f !== 'function') {
      throw new ArgumentTypeError(`${name} must be a function (got ${describe(f)})`, { fn, arg: name });
    }
  }
  const model = base.clone();
  const params = model.params;
  const layers = model.layers;
  for (const l of layers) {
    if (l.offset < 0 || l.offset + l.length > params.length) {
      throw new ShapeError(`net.layers must lie inside net.params (layer ${l.name})`, {
        fn,
        arg: 'net.layers',
      });
    }
  }
  const W0 =
    opts.center === undefined ? new Float64Array(params) : toVec(opts.center, fn, 'options.center').slice();
  if (W0.length !== params.length) {
    throw new ShapeError(`options.center must have length ${params.length} (got ${W0.length})`, {
      fn,
      arg: 'options.center',
      expected: params.length,
      actual: W0.length,
    });
  }
  const common = {
    set: opts.set,
    loss,
    ...(opts.box !== undefined ? { box: opts.box } : {}),
  };
  const violationOptions = { set: opts.set, ...(opts.box !== undefined ? { box: opts.box } : {}) };
  const lossFn = prep.lossFn;
  const batch = (m: TrainableModel, t: number): LoopBatch => {
    if (custom !== null) {
      const points = toMat(custom.run(m, xm, yv, seed + t), fn, 'options.attack.run(…)');
      if (points.rows !== n || points.cols !== xm.cols) {
        throw new ShapeError(
          `options.attack.run must return shape [${n}, ${xm.cols}] (got [${points.rows}, ${points.cols}])`,
          { fn, arg: 'options.attack.run' },
        );
      }
      const predictions = m.predict(points);
      const losses = new Float64Array(n);
      let s = 0;
      for (let i = 0; i < n; i++) {
        losses[i] = lossFn.value(predictions[i], yv[i]);
        s += losses[i];
      }
      const v = setViolation(xm, points, violationOptions).max;
      return { points, predictions, losses, meanLoss: s / n, maxSetViolation: v, clean: false };
    }
    const a = runAttack(m, xm, yv, { ...common, attack: attack as AttackSpec, seed: seed + t });
    const cleanPredictions = cleanPredictionsOf(a);
    return {
      points: a.points,
      predictions: a.predictions,
      losses: a.losses,
      meanLoss: a.meanLoss,
      maxSetViolation: setViolation(xm, a.points, violationOptions).max,
      clean: (attack as AttackSpec).kind === 'none',
      ...(cleanPredictions !== undefined ? { cleanPredictions } : {}),
    };
  };
  const robust = (m: TrainableModel, t: number, b: LoopBatch): number | undefined => {
    if (!(robustEvery > 0 && (t % robustEvery === 0 || t >= T - 1))) return undefined;
    const strong = runAttack(m, xm, yv, { ...common, attack: robustAttack, seed: seed + 1_000_003 + t });
    // Both attacks give lower bounds on each sample's max when the batch lies in the sets.
    let s = 0;
    for (let i = 0; i < n; i++)
      s += b.maxSetViolation <= 1e-12 ? Math.max(strong.losses[i], b.losses[i]) : strong.losses[i];
    return s / n;
  };
  const out = projectedGradientLoop({
    fn,
    model,
    x: xm,
    y: yv,
    loss: lossFn,
    learningRate: alpha,
    iterations: T,
    radius: R,
    center: W0,
    ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
    batch,
    robust,
    ...(opts.onProgress !== undefined ? { onRecord: (r: TrainingRecord) => opts.onProgress?.(r, T) } : {}),
    ...(opts.onStep !== undefined ? { onStep: opts.onStep } : {}),
  });
  const history = out.history;
  const done = history.length;
  const H = layers.length;
  const G = out.gradBound;
  const distanceTerm = done > 0 ? (H * R * R) / (2 * alpha * done) : Number.POSITIVE_INFINITY;
  const bound: AdversarialTrainBound = {
    ballRadius: R,
    learningRate: alpha,
    iterations: done,
    layers: H,
    gradBound: G,
    distanceTerm,
    gradientTerm: (alpha * G * G) / 2,
    slack: distanceTerm + (alpha * G * G) / 2,
    slackMeanSquare: distanceTerm + (done > 0 ? (alpha * out.sumSquaredGrad) / done / 2 : 0),
  };
  const withParams = (p: Float64Array): TrainableModel => {
    const c = model.clone();
    c.params.set(p);
    return c;
  };
  const records = out.final !== undefined ? [...history, out.final] : history;
  let best: AdversarialTrainRecord | undefined;
  let bestRobust: AdversarialTrainRecord | undefined;
  for (const r of records) {
    if (best === undefined || r.surrogateLoss < best.surrogateLoss) best = r;
    if (
      r.robustLoss !== undefined &&
      (bestRobust === undefined || r.robustLoss < (bestRobust.robustLoss ?? 0))
    )
      bestRobust = r;
  }
  return {
    net: model,
    history,
    ...(out.final !== undefined ? { final: out.final } : {}),
    bound,
    best: {
      iteration: best?.iteration ?? 0,
      surrogateLoss: best?.surrogateLoss ?? Number.NaN,
      ...(best?.robustLoss !== undefined ? { robustLoss: best.robustLoss } : {}),
      net: withParams(out.best?.params ?? W0),
    },
    ...(bestRobust !== undefined
      ? {
          bestRobust: {
            iteration: bestRobust.iteration,
            surrogateLoss: bestRobust.surrogateLoss,
            robustLoss: bestRobust.robustLoss ?? Number.NaN,
            net: withParams(out.bestRobust?.params ?? W0),
          },
        }
      : {}),
    status: out.stopped === undefined ? 'completed' : 'diverged',
    ...(out.stopped !== undefined ? { stopped: out.stopped } : {}),
    initialParams: W0,
  };
}
