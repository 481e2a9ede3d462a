/**
 * The adversarial-training algorithm of Gao et al. (2019), instrumented so that every quantity of the
 * convergence theorem is measured.
 * @packageDocumentation
 */
import { prepareAttack } from '../attacks/prepareAttack.ts';
import { runAttack } from '../attacks/runAttack.ts';
import type { AttackSpec, DataBox, PerturbationSet } from '../attacks/types.ts';
import { AbortError, ArgumentTypeError, NonFiniteError, ShapeError } from '../errors.ts';
import { checkInteger, checkNumber, checkOneOf, checkOptions, describe } from '../internal/assert.ts';
import type { LossName } from '../nn/loss.ts';
import { blockDistance, projectToBallUnchecked } from '../nn/projectToBall.ts';
import type { Mat, MatLike, TrainableModel, VecLike } from '../types.ts';
import { defaultRobustAttack } from './defaultRobustAttack.ts';

/** Distance of the parameters from initialisation, ‖W_t − W₀‖_F. */
export interface DistanceFromInit {
  /** √(Σ_h ‖W_h − W_{0,h}‖_F²) over the trained layers. */
  readonly total: number;
  /** ‖W_h − W_{0,h}‖_F per trained layer, keyed by layer name. */
  readonly byLayer: Readonly<Record<string, number>>;
}

/** What is recorded at iteration t (all quantities at the iterate W_t, before its update). */
export interface AdversarialTrainRecord {
  readonly iteration: number;
  /** L_A(W_t) = (1/n) Σ ℓ(f(W_t, A(W_t, x_i, y_i)), y_i): the loss on the batch the step is taken on. */
  readonly surrogateLoss: number;
  /** (1/n) Σ ℓ(f(W_t, x_i), y_i). */
  readonly cleanLoss: number;
  /** ‖W_t − W₀‖_F (≤ R for every layer, by the projection). */
  readonly distanceFromInit: DistanceFromInit;
  /** ‖∇_W L_A(W_t)‖ (Euclidean norm of the full-batch gradient over all trained parameters). */
  readonly gradNorm: number;
  /** Robust-loss estimate L*(W_t) by the stronger attack, every `robustEvery` iterations (and at the last). */
  readonly robustLoss?: number;
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
export interface AdversarialTrainStop {
  readonly reason: 'diverged';
  /** Iteration at which a non-finite loss, gradient or parameter appeared. */
  readonly iteration: number;
  readonly surrogateLoss: number;
  readonly gradNorm: number;
  readonly message: string;
}

/** Result of {@link adversarialTrain}. */
export interface AdversarialTrainResult {
  /** The final network W_T (a trained copy; the input network is not modified). */
  readonly net: TrainableModel;
  /** One record per completed iteration t = 0..T−1. */
  readonly history: readonly AdversarialTrainRecord[];
  readonly bound: AdversarialTrainBound;
  /** Lowest surrogate loss over the iterates. */
  readonly best: AdversarialTrainBest;
  /** Lowest measured robust loss over the iterates, when any was measured. */
  readonly bestRobust?: AdversarialTrainBest;
  /** `'completed'`, or `'diverged'` (see `stopped`). */
  readonly status: 'completed' | 'diverged';
  readonly stopped?: AdversarialTrainStop;
  /** W₀: the parameters at the start (the centre of the ball). */
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
  /** The attack A used for training, e.g. `{ kind: 'pgd', steps: 2, stepSize: 0.1 }` or `{ kind: 'exact-cap', gridPoints: 41 }`. */
  readonly attack: AttackSpec;
  /** The perturbation set B(x). */
  readonly set: PerturbationSet;
  /**
   * Training loss.
   * @defaultValue 'logistic'
   */
  readonly loss?: LossName;
  /** Step size α > 0. */
  readonly learningRate: number;
  /** Number of iterations T ≥ 1. */
  readonly iterations: number;
  /**
   * R: the radius of B(W₀, R) per trained layer (Frobenius). `Infinity` disables the projection.
   * @defaultValue Infinity
   */
  readonly ballRadius?: number;
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

function euclid(v: Float64Array): number {
  let scale = 0;
  for (let i = 0; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] / scale) ** 2;
  return scale * Math.sqrt(s);
}

function checkTrainable(fn: string, net: unknown): TrainableModel {
  const m = net as Partial<TrainableModel> | null;
  if (
    m === null ||
    typeof m !== 'object' ||
    !(m.params instanceof Float64Array) ||
    !Array.isArray(m.layers) ||
    typeof m.paramGradient !== 'function' ||
    typeof m.clone !== 'function'
  ) {
    throw new ArgumentTypeError(
      `net must implement TrainableModel (params, layers, paramGradient, clone) (got ${describe(net)})`,
      { fn, arg: 'net', expected: 'TrainableModel', actual: describe(net) },
    );
  }
  return m as TrainableModel;
}

/**
 * Adversarial training with projection onto the ball around initialisation, as in Gao et al. (2019):
 * for t = 0..T−1, attack every sample x_i^(t) = A(W_t, x_i, y_i), take a full-batch gradient step
 * W̃ = W_t − α∇_W (1/n)Σ ℓ(f(W_t, x_i^(t)), y_i), and project W̃ onto B(W₀, R) = {‖W_h − W_{0,h}‖_F ≤ R for
 * every trained layer h} (exact blockwise radial projection; distances never exceed R, even by rounding).
 *
 * Records per iteration the surrogate loss L_A(W_t), the clean loss, ‖W_t − W₀‖_F (per layer and total),
 * the gradient norm and, every `robustEvery` iterations, the robust loss by a stronger attack; returns the
 * online-learning slack H·R²/(2αT) + αG²/2 with the measured G = max_t ‖∇L_A(W_t)‖.
 *
 * Behaviour: the input `net` is not modified (training runs on `net.clone()`); W₀ is `net.params` at the
 * call. Seeded and deterministic (same inputs → bit-identical history). Cancellation: an aborted `signal`
 * throws {@link AbortError} (with `data.iteration`) at the next iteration boundary; use `onProgress` to keep
 * partial records. Divergence (non-finite loss, gradient or parameters) does not throw: training stops and
 * the result has `status: 'diverged'`, `stopped` with the iteration and values, and `net` holds the last
 * iterate with finite parameters.
 *
 * @param net - the network at initialisation W₀ (any {@link TrainableModel})
 * @param x - inputs, shape [n, d] (unit rows for caps)
 * @param y - labels, shape [n] (±1 for logistic and hinge)
 * @param options - see {@link AdversarialTrainOptions}
 * @returns `{ net, history, bound, best, bestRobust?, status, stopped?, initialParams }`
 * @throws {@link ShapeError} if `x.cols !== net.inputDim` or `y.length !== x.rows`
 * @throws {@link DomainError} for learningRate ≤ 0, iterations < 1, ballRadius < 0, an unknown attack or loss
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
 * r.history.every((h) => h.distanceFromInit.total <= 2); // true
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
  const n = xm.rows;
  const alpha = checkNumber(fn, 'options.learningRate', opts.learningRate, { min: 0, exclusiveMin: true });
  const T = checkInteger(fn, 'options.iterations', opts.iterations, 1);
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
  const robustAttack = opts.robustAttack ?? defaultRobustAttack(opts.attack, prep.kind, xm.cols);
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
  const W0 = new Float64Array(params);
  const prev = new Float64Array(params);
  const layers = model.layers;
  for (const l of layers) {
    if (l.offset < 0 || l.offset + l.length > params.length) {
      throw new ShapeError(`net.layers must lie inside net.params (layer ${l.name})`, {
        fn,
        arg: 'net.layers',
      });
    }
  }
  const common = {
    set: opts.set,
    loss,
    ...(opts.box !== undefined ? { box: opts.box } : {}),
  };
  const lossFn = prep.lossFn;
  const history: AdversarialTrainRecord[] = [];
  const upstream = new Float64Array(n);
  let G = 0;
  let sumSq = 0;
  let best: { t: number; loss: number; params: Float64Array; robust?: number } | null = null;
  let bestRobust: { t: number; loss: number; robust: number; params: Float64Array } | null = null;
  let stopped: AdversarialTrainStop | undefined;
  for (let t = 0; t < T; t++) {
    if (opts.signal?.aborted) {
      throw new AbortError(`training must not be aborted (got an abort at iteration ${t} of ${T})`, {
        fn,
        arg: 'options.signal',
        iteration: t,
        completed: history.length,
      });
    }
    let attacked: ReturnType<typeof runAttack>;
    try {
      attacked = runAttack(model, xm, yv, { ...common, attack: opts.attack, seed: seed + t });
    } catch (e) {
      // A non-finite loss inside the attack means the iterate W_t itself diverged.
      if (!(e instanceof NonFiniteError)) throw e;
      stopped = {
        reason: 'diverged',
        iteration: t,
        surrogateLoss: Number.POSITIVE_INFINITY,
        gradNorm: Number.NaN,
        message: `${e.message}; lower learningRate`,
      };
      break;
    }
    const f = attacked.predictions;
    for (let i = 0; i < n; i++) upstream[i] = lossFn.derivative(f[i], yv[i]) / n;
    const grad = model.paramGradient(attacked.points, upstream);
    const gradNorm = euclid(grad);
    const surrogate = attacked.meanLoss;
    const fClean = model.predict(xm);
    let clean = 0;
    for (let i = 0; i < n; i++) clean += lossFn.value(fClean[i], yv[i]);
    clean /= n;
    if (!Number.isFinite(surrogate) || !Number.isFinite(gradNorm) || !Number.isFinite(clean)) {
      stopped = {
        reason: 'diverged',
        iteration: t,
        surrogateLoss: surrogate,
        gradNorm,
        message: `loss or gradient became non-finite at iteration ${t} (surrogate ${surrogate}, clean ${clean}, gradient norm ${gradNorm}); lower learningRate`,
      };
      break;
    }
    const byLayer: Record<string, number> = {};
    let totSq = 0;
    for (const l of layers) {
      const dist = blockDistance(params, W0, l.offset, l.length);
      byLayer[l.name] = dist;
      totSq += dist * dist;
    }
    let robust: number | undefined;
    if (robustEvery > 0 && (t % robustEvery === 0 || t === T - 1)) {
      const strong = runAttack(model, xm, yv, {
        ...common,
        attack: robustAttack,
        seed: seed + 1_000_003 + t,
      });
      // Both attacks give lower bounds on each sample's max; keep the larger per sample.
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.max(strong.losses[i], attacked.losses[i]);
      robust = s / n;
    }
    const record: AdversarialTrainRecord = {
      iteration: t,
      surrogateLoss: surrogate,
      cleanLoss: clean,
      distanceFromInit: { total: Math.sqrt(totSq), byLayer },
      gradNorm,
      ...(robust !== undefined ? { robustLoss: robust } : {}),
    };
    history.push(record);
    G = Math.max(G, gradNorm);
    sumSq += gradNorm * gradNorm;
    if (best === null || surrogate < best.loss) {
      best = {
        t,
        loss: surrogate,
        params: new Float64Array(params),
        ...(robust !== undefined ? { robust } : {}),
      };
    }
    if (robust !== undefined && (bestRobust === null || robust < bestRobust.robust)) {
      bestRobust = { t, loss: surrogate, robust, params: new Float64Array(params) };
    }
    opts.onStep?.({
      iteration: t,
      params,
      points: attacked.points,
      gradient: grad,
      surrogateLoss: surrogate,
    });
    prev.set(params);
    for (let k = 0; k < params.length; k++) params[k] -= alpha * grad[k];
    projectToBallUnchecked(params, W0, layers, R);
    opts.onProgress?.(record, T);
    let finite = true;
    for (let k = 0; k < params.length && finite; k++) finite = Number.isFinite(params[k]);
    if (!finite) {
      stopped = {
        reason: 'diverged',
        iteration: t,
        surrogateLoss: surrogate,
        gradNorm,
        message: `parameters became non-finite after the update at iteration ${t}; lower learningRate`,
      };
      // Restore W_t, the last finite iterate, so `net` stays usable.
      params.set(prev);
      break;
    }
  }
  const done = history.length;
  const H = layers.length;
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
    slackMeanSquare: distanceTerm + (done > 0 ? (alpha * sumSq) / done / 2 : 0),
  };
  const withParams = (p: Float64Array): TrainableModel => {
    const c = model.clone();
    c.params.set(p);
    return c;
  };
  const b = best ?? { t: 0, loss: Number.NaN, params: W0 };
  return {
    net: model,
    history,
    bound,
    best: {
      iteration: b.t,
      surrogateLoss: b.loss,
      ...(b.robust !== undefined ? { robustLoss: b.robust } : {}),
      net: withParams(b.params),
    },
    ...(bestRobust !== null
      ? {
          bestRobust: {
            iteration: bestRobust.t,
            surrogateLoss: bestRobust.loss,
            robustLoss: bestRobust.robust,
            net: withParams(bestRobust.params),
          },
        }
      : {}),
    status: stopped === undefined ? 'completed' : 'diverged',
    ...(stopped !== undefined ? { stopped } : {}),
    initialParams: W0,
  };
}
