/**
 * Public types of {@link robustInterpolate}.
 * @packageDocumentation
 */
import type { KernelChoice, KernelFn, KernelPairFn } from '../kernels/types.ts';
import type { DifferentiableModel, Mat, PerturbationSet } from '../types.ts';

/** A perturbation set of robust interpolation (the library's {@link PerturbationSet}). */
export type RobustSet = PerturbationSet;

/**
 * A kernel function in the `fcReluKernel` / `twoLayerNtk` shape: `x2` omitted means `x2 = x1`. When it also
 * has the closed-form `inputGradient(x, z, alpha, { get })` of the toolkit's kernels, that gradient is used.
 */
export type KernelFunction = KernelPairFn & Partial<Pick<KernelFn, 'inputGradient' | 'spec'>>;

/**
 * Closed-form input gradient of a kernel expansion: row i of the result is
 * ∂/∂x_i Σ_j coef_j k(x_i, c_j), shape [x.rows, d].
 */
export type KernelExpansionGradient = (x: Mat, centers: Mat, coef: Float64Array) => Mat;

/** Options of {@link robustInterpolate}. */
export interface RobustInterpolateOptions {
  /** The kernel function, e.g. `fcReluKernel({ depth: 1, bStd: 1 })`. */
  readonly kernel: KernelFunction;
  /** Which kernel of the pair to interpolate with (the library-wide name of the NNGP/NTK choice). @defaultValue 'ntk' */
  readonly get?: KernelChoice;
  /** @deprecated Use `get` (same meaning; `get` wins when both are given). */
  readonly which?: KernelChoice;
  /** The perturbation set around every input (`cap` needs unit-norm rows). */
  readonly set: RobustSet;
  /** Target for the sup error max_i sup_{x' ∈ B(x_i)} |f(x') − y_i|. @defaultValue 1e-3 */
  readonly tolerance?: number;
  /** Maximal number of exchange rounds (each adds worst-case points and refits). @defaultValue 50 */
  readonly maxIterations?: number;
  /**
   * Initial points per set: the centre x_i, plus for `cap` sets in d = 2 an evenly spaced arc grid of this
   * many points (both ends included; with an odd count the middle one is the centre itself), otherwise
   * this many − 1 random points of the set.
   * @defaultValue 3
   */
  readonly initialPoints?: number;
  /** Points per arc of the dense search grid for `cap` sets in d = 2 (exact search). @defaultValue 401 */
  readonly searchGrid?: number;
  /** Most points added per set per round. @defaultValue 2 */
  readonly maxAddPerSet?: number;
  /** Search by gradient ascent (all kinds except d = 2 caps): random starts per set. @defaultValue 6 */
  readonly restarts?: number;
  /** Gradient-ascent steps per start. @defaultValue 15 */
  readonly steps?: number;
  /**
   * Input gradient of the expansion. Default: `kernel.inputGradient` when the kernel has one (the toolkit's
   * kernels do), else central finite differences of `kernel` (step 1e-6·max(1, |x|)).
   */
  readonly gradient?: KernelExpansionGradient;
  /** Seed for the random starts and samples. @defaultValue 0 */
  readonly seed?: number;
  /** Cancels the iteration between rounds. */
  readonly signal?: AbortSignal;
  /**
   * Certify the final sup error with the kernel predictor's certified output bounds
   * ({@link KernelPredictor.boundOutput}: interval bounds, linear relaxation, input branch-and-bound) — a
   * verified robust interpolant in any d. `true` uses the default budget; an object sets it (per set and
   * side). Needs a toolkit kernel (with `spec` and `inputGradient`) and no `options.gradient`.
   * @defaultValue false
   */
  readonly certify?:
    | boolean
    | { readonly tolerance?: number; readonly maxNodes?: number; readonly timeLimitMs?: number };
}

/** One exchange round. */
export interface RobustInterpolateStep {
  readonly iteration: number;
  readonly centers: number;
  readonly maxViolation: number;
  readonly rkhsNorm: number;
}

/** Result of {@link robustInterpolate}. */
export interface RobustInterpolateResult {
  /** Coefficients of f = Σ_j α_j k(·, c_j), length m. */
  readonly alpha: Float64Array;
  /** The interpolation points c_j, shape [m, d]. */
  readonly centers: Mat;
  /** Target value of each centre (the label of its set), length m. */
  readonly centerLabels: Float64Array;
  /** Index of the set (input row) each centre belongs to, length m. */
  readonly centerSet: Int32Array;
  /** √(αᵀKα): the RKHS norm of f (the kernel analogue of the distance from initialisation). */
  readonly rkhsNorm: number;
  /** True iff the sup error found is ≤ tolerance. */
  readonly converged: boolean;
  /** Why the iteration stopped. */
  readonly reason: 'converged' | 'max-iterations' | 'sets-overlap' | 'not-positive-definite';
  /** Exchange rounds performed. */
  readonly iterations: number;
  /** Largest |f(x') − y_i| found over all sets (exact on d = 2 arcs up to the grid; an attack's lower bound otherwise). */
  readonly maxViolation: number;
  /** Worst |f(x') − y_i| found per set, length n. */
  readonly setViolations: Float64Array;
  /** The worst point found per set, shape [n, d]. */
  readonly worstPoints: Mat;
  /** Diagonal jitter the Cholesky factorisation needed (0 if none). */
  readonly jitterUsed: number;
  /** Per-round progress. */
  readonly history: readonly RobustInterpolateStep[];
  /**
   * With `options.certify`: a certified upper bound of max_i sup_{x' ∈ B(x_i)} |f(x') − y_i| (≥ `maxViolation`;
   * +∞ where nothing could be certified). Undefined without `certify`.
   */
  readonly certifiedViolation?: number;
  /** With `options.certify`: the certified bound per set, length n. */
  readonly certifiedSetViolations?: Float64Array;
  /** With `options.certify`: true iff `certifiedViolation ≤ tolerance` (a verified robust interpolant). */
  readonly verified?: boolean;
  /**
   * f as a model the attacks and robust-loss estimators accept: a {@link KernelPredictor} (closed-form
   * gradients and certified output bounds) when the kernel has `inputGradient` and no `options.gradient` is
   * given, else a plain differentiable model.
   */
  readonly predictor: DifferentiableModel;
}
