/**
 * Shared machinery of C17 and C18: adversarial training of two-layer ReLU nets of width m inside
 * B(W₀, R) with R taken from the robust kernel interpolant, and the certified robust loss of the result
 * (upper end of robustLossBracket, d = 2 cap grid certificate).
 *
 * Scaling of R (square loss ℓ(ŷ, y) = (ŷ − y)², labels ±1, symmetric init so f(W₀, ·) ≡ 0 and
 * L(W₀) = 1): the linearised net f_lin(W₀ + ΔW, x) = ⟨∇_W f(W₀, x), ΔW⟩ ranges, over ‖ΔW‖_F ≤ R, over the
 * ball of radius R of the RKHS of the empirical NTK H_m, and H_m → H^∞ = (x·x′)(π − θ)/(2π) (first-layer
 * ReLU NTK) as m → ∞. The robust kernel interpolant g satisfies |g − y_i| ≤ tol on the whole cap of x_i,
 * so with R = ‖g‖_H the kernel limit attains robust square loss ≤ tol². The square loss's "margin" is the
 * target value itself (|y| = 1), so the scale factor is 1. (For the logistic loss the factor would be the
 * margin M with log(1 + e^{−M}) = the target loss, R = M‖g‖_H.)
 */
import { twoLayerNtk } from '../../src/kernels/twoLayerNtk.ts';
import { type TwoLayerNet, twoLayerNet } from '../../src/nn/twoLayerNet.ts';
import { adversarialTrain } from '../../src/robust/adversarialTrain.ts';
import { robustInterpolate } from '../../src/robust/robustInterpolate.ts';
import { robustLossBracket } from '../../src/robust/robustLossBracket.ts';
import type { Mat, TrainableModel } from '../../src/types.ts';

/** Labelled circle data: x shape [n, 2] (unit rows), y shape [n] in {±1}. */
export interface LabelledCircle {
  readonly x: Mat;
  readonly y: Float64Array;
}

/** What a trainer gets: the perturbation radius, the ball radius and the step schedule. */
export interface WidthTrainerOptions {
  readonly rho: number;
  readonly ballRadius: number;
  readonly learningRate: number;
  readonly iterations: number;
  readonly seed: number;
}

/** Trains `net` (at W₀) on (x, y) and returns the trained network (a twoLayerNet for the certificate). */
export type WidthTrainer = (
  net: TwoLayerNet,
  x: Mat,
  y: Float64Array,
  options: WidthTrainerOptions,
) => TrainableModel;

/** Training loss of C17/C18. */
export const WIDTH_LOSS = 'square' as const;

/** Grid points per arc of the exact cap attack used for training. */
export const TRAIN_GRID = 41;

/**
 * The default trainer: the paper's adversarial training (adversarialTrain) with the exact cap attack
 * (dense arc grid), square loss, projection onto B(W₀, R); returns the last iterate W_T.
 */
export const adversarialWidthTrainer: WidthTrainer = (net, x, y, o) =>
  adversarialTrain(net, x, y, {
    attack: { kind: 'exact-cap', gridPoints: TRAIN_GRID },
    set: { kind: 'cap', radius: o.rho },
    loss: WIDTH_LOSS,
    learningRate: o.learningRate,
    iterations: o.iterations,
    ballRadius: o.ballRadius,
    robustEvery: 0,
    seed: o.seed,
  }).net;

/** The first-layer ReLU NTK, the kernel limit of `twoLayerNet({ activation: 'relu', train: 'first' })`. */
export const widthKernel = twoLayerNtk({ activation: 'relu', train: 'first' });

/** Robust kernel interpolant of the data at radius ρ (tolerance 1e-3 on 801-point arc grids). */
export interface KernelReference {
  readonly rkhsNorm: number;
  readonly converged: boolean;
  readonly reason: string;
  /** Certified robust square loss of the interpolant (bracket upper end); the m → ∞ reference. */
  readonly certifiedLoss: number;
  /** Sup error of the interpolant found on the arc grid. */
  readonly maxViolation: number;
}

export const INTERPOLATION_TOLERANCE = 1e-3;

/**
 * Whether two oppositely labelled caps intersect: angle(x_i, x_j) ≤ 2ρ (Kahan's stable angle
 * 2·atan2(‖a − b‖, ‖a + b‖)); then no function is ±1 on both and no robust interpolant exists.
 */
export function capsOverlap(data: LabelledCircle, rho: number): boolean {
  const { x, y } = data;
  for (let i = 0; i < x.rows; i++)
    for (let j = i + 1; j < x.rows; j++) {
      if (y[i] === y[j]) continue;
      const a0 = x.data[2 * i];
      const a1 = x.data[2 * i + 1];
      const b0 = x.data[2 * j];
      const b1 = x.data[2 * j + 1];
      const angle = 2 * Math.atan2(Math.hypot(a0 - b0, a1 - b1), Math.hypot(a0 + b0, a1 + b1));
      if (angle <= 2 * rho) return true;
    }
  return false;
}

export function kernelReference(data: LabelledCircle, rho: number): KernelReference {
  // Overlapping caps: decided by geometry (the exchange method would only find it out slowly).
  if (capsOverlap(data, rho)) {
    return {
      rkhsNorm: Number.NaN,
      converged: false,
      reason: 'sets-overlap',
      certifiedLoss: Number.NaN,
      maxViolation: Number.NaN,
    };
  }
  const r = robustInterpolate(data.x, data.y, {
    kernel: widthKernel,
    set: { kind: 'cap', radius: rho },
    tolerance: INTERPOLATION_TOLERANCE,
    maxIterations: 60,
    searchGrid: 801,
  });
  // The kernel predictor's own bracket: sampled grid maximum (+∞ upper end when it cannot certify).
  const b = robustLossBracket(r.predictor, data.x, data.y, {
    set: { kind: 'cap', radius: rho },
    loss: WIDTH_LOSS,
    attack: { kind: 'exact-cap', gridPoints: 2001 },
  });
  return {
    rkhsNorm: r.rkhsNorm,
    converged: r.converged,
    reason: r.reason,
    certifiedLoss: Number.isFinite(b.meanUpper) ? b.meanUpper : b.meanLower,
    maxViolation: r.maxViolation,
  };
}

/** One trained width. */
export interface WidthRun {
  readonly width: number;
  /** Certified upper end of the robust loss L*(W_T) (robustLossBracket, d = 2 cap grid). */
  readonly certified: number;
  /** Lower end of the same bracket (attained loss: dense-grid maximum). */
  readonly lower: number;
  /** Grid points per arc of the certificate that was used. */
  readonly gridPoints: number;
  /** ‖W_T − W₀‖_F. */
  readonly distance: number;
}

function distance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) ** 2;
  return Math.sqrt(s);
}

/**
 * Trains a symmetric-init ReLU net of width m and certifies its robust loss. The certificate starts with
 * `coarseGrid` points per arc and is refined to `fineGrid` when the attained loss is ≤ `threshold` and the
 * coarse upper end is above it or loose (gap > 10 % of the upper end).
 */
export function trainAndCertify(
  data: LabelledCircle,
  width: number,
  rho: number,
  trainer: WidthTrainer,
  o: {
    readonly ballRadius: number;
    readonly learningRate: number;
    readonly iterations: number;
    readonly seed: number;
    readonly threshold?: number;
    readonly coarseGrid: number;
    readonly fineGrid: number;
  },
): WidthRun {
  const net = twoLayerNet({ inputDim: 2, width, activation: 'relu', init: 'symmetric', seed: o.seed });
  const w0 = new Float64Array(net.params);
  const trained = trainer(net, data.x, data.y, {
    rho,
    ballRadius: o.ballRadius,
    learningRate: o.learningRate,
    iterations: o.iterations,
    seed: o.seed,
  });
  const bracket = (gridPoints: number) =>
    robustLossBracket(trained, data.x, data.y, {
      set: { kind: 'cap', radius: rho },
      loss: WIDTH_LOSS,
      attack: { kind: 'none' },
      gridPoints,
    });
  let b = bracket(o.coarseGrid);
  let grid = o.coarseGrid;
  // Refine only where it matters: the attained loss is at or below the threshold and the coarse certificate
  // either straddles it or is loose (gap > 10 % of the upper end; the ReLU remainder grows like √m).
  const undecided =
    b.meanLower <= (o.threshold ?? Number.POSITIVE_INFINITY) &&
    (b.meanUpper > (o.threshold ?? Number.POSITIVE_INFINITY) || b.gap > 0.1 * b.meanUpper);
  if (undecided && o.fineGrid > o.coarseGrid && rho > 0) {
    b = bracket(o.fineGrid);
    grid = o.fineGrid;
  }
  return {
    width,
    certified: b.meanUpper,
    lower: b.meanLower,
    gridPoints: grid,
    distance: distance(trained.params, w0),
  };
}

/** Doubling grid from..to (both powers of two times `from`). */
export function doublingGrid(from: number, to: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m *= 2) out.push(m);
  return out;
}

/**
 * Least-squares slope of log y against log x with its standard error (n ≥ 3 points).
 */
export function logLogSlope(x: readonly number[], y: readonly number[]): { slope: number; se: number } {
  const n = x.length;
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ly[i] - my - slope * (lx[i] - mx)) ** 2;
  return { slope, se: Math.sqrt(rss / (n - 2) / sxx) };
}
