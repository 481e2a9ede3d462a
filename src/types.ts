/**
 * Core data types shared by every module.
 * @packageDocumentation
 */

/** Dense row-major float64 matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Anything the public edge accepts as a matrix: a `Mat`, nested arrays, or an ml-matrix `Matrix`-like object. */
export type MatLike =
  | Mat
  | readonly (readonly number[])[]
  | {
      readonly rows: number;
      readonly columns: number;
      get(i: number, j: number): number;
      to2DArray(): number[][];
    };

/** Anything the public edge accepts as a vector. */
export type VecLike = Float64Array | readonly number[];

/** Result of a kernel function: the NNGP (Σ) and the NTK (Θ) matrices, each shape [n1, n2]. */
export interface KernelPair {
  readonly nngp: Mat;
  readonly ntk: Mat;
}

/** A scalar-output model f: R^d → R that the attacks and robust-loss estimators can differentiate. */
export interface DifferentiableModel {
  /** Input dimension d. */
  readonly inputDim: number;
  /** Predictions f(x_i), shape [n], for inputs x of shape [n, d]. */
  predict(x: Mat): Float64Array;
  /** ∂(Σ_i upstream_i f(x_i))/∂x, shape [n, d]; `upstream` defaults to all ones. */
  inputGradient(x: Mat, upstream?: Float64Array): Mat;
}

/**
 * A differentiable model with trainable parameters in one flat buffer, so projections, norms and
 * optimisers work on any architecture. `layers` lists the trained blocks (for per-layer ball projection).
 */
export interface TrainableModel extends DifferentiableModel {
  /** All trained parameters, flat; updating it in place updates the model. */
  readonly params: Float64Array;
  /** The trained blocks of `params`: the ball B(W₀, R) constrains each block's Frobenius norm separately. */
  readonly layers: readonly { readonly name: string; readonly offset: number; readonly length: number }[];
  /** ∂(Σ_i upstream_i f(x_i))/∂params, length params.length; `upstream` has shape [n]. */
  paramGradient(x: Mat, upstream: Float64Array): Float64Array;
  /** Independent copy (parameters copied, fixed quantities shared). */
  clone(): TrainableModel;
}

/**
 * A perturbation set B(x) around each input x.
 *
 * - `'linf'`: {x' : ‖x' − x‖∞ ≤ radius};
 * - `'l2'`: {x' : ‖x' − x‖₂ ≤ radius};
 * - `'cap'`: the spherical cap B(x, ρ) ∩ S^{d−1}, i.e. unit vectors at geodesic angle ≤ `radius` (radians)
 *   from x (inputs must have unit norm). For d = 2 this is an arc of half-width ρ.
 */
export interface PerturbationSet {
  readonly kind: 'linf' | 'l2' | 'cap';
  /** ρ ≥ 0: the norm radius, or the cap's angle in radians. */
  readonly radius: number;
}

/**
 * An optional data-domain box applied to every attacked point (e.g. pixel range). Scalars apply to every
 * coordinate; arrays give per-coordinate bounds (length d). Not allowed with `'cap'` sets.
 */
export interface DataBox {
  readonly lower: number | VecLike;
  readonly upper: number | VecLike;
}

/**
 * How a certified output bound was obtained. `'exact'` (ρ = 0), `'ibp'` (interval bound propagation),
 * `'linear'` (linear relaxation / CROWN-style bound propagation), `'grid'` (d = 2 cap: dense arc grid plus a
 * proven remainder), `'bab'` (input or activation branch-and-bound on top of the others), `'none'`
 * (no certificate: the bound is −∞).
 */
export type OutputBoundMethod = 'exact' | 'ibp' | 'linear' | 'grid' | 'bab' | 'none';

/** Options of {@link CertifiableModel.boundOutput}. */
export interface OutputBoundOptions {
  /** The perturbation set B(x_i) around every input. */
  readonly set: PerturbationSet;
  /** Optional data-domain box intersected with every set (not with `'cap'`). */
  readonly box?: DataBox;
  /** Per-sample sign s_i ∈ {−1, +1}, shape [n]: the bound is on min_{x' ∈ B(x_i)} s_i·f(x'). */
  readonly sign: Float64Array;
  /**
   * Per-sample value s_i·f(x̃_i) at the best attack point x̃_i ∈ B(x_i) found so far, shape [n] (an upper
   * end of the minimum). Branch-and-bound stops on a sample once `attained[i] − lower[i] ≤ tolerance`.
   */
  readonly attained?: Float64Array;
  /**
   * Absolute gap target on s·f for branch-and-bound.
   * @defaultValue 1e-3
   */
  readonly tolerance?: number;
  /**
   * Branch-and-bound budget per sample: nodes (0 = no branching, only the first pass).
   * @defaultValue model-specific
   */
  readonly maxNodes?: number;
  /**
   * Branch-and-bound budget per sample: wall-clock milliseconds.
   * @defaultValue model-specific
   */
  readonly timeLimitMs?: number;
  /** Cancels a long bound computation; the bounds found so far stay valid. */
  readonly signal?: AbortSignal;
  /**
   * d = 2 caps: points of the initial arc grid of a grid-based certificate (integer ≥ 2), where a model uses one.
   * @defaultValue model-specific
   */
  readonly gridPoints?: number;
}

/** Result of {@link CertifiableModel.boundOutput}. */
export interface OutputBoundResult {
  /** Certified: min_{x' ∈ B(x_i)} s_i·f(x') ≥ lower[i], shape [n] (−∞ where nothing is certified). */
  readonly lower: Float64Array;
  /** Per-sample method of the bound, length n. */
  readonly method: readonly OutputBoundMethod[];
  /** Per-sample branch-and-bound nodes explored (0 without branching), shape [n]. */
  readonly nodes: Float64Array;
  /**
   * Optional: per sample, the point of B(x_i) with the smallest s_i·f found by the search (x_i itself when it
   * found none), shape [n, d]. `robustLossBracket` evaluates the loss there to raise its lower end.
   */
  readonly points?: Mat;
}

/**
 * A differentiable model that can also certify its output over a perturbation set: the capability
 * `robustLossBracket` uses for its upper end. A model without it gets upper = +∞.
 */
export interface CertifiableModel extends DifferentiableModel {
  /**
   * Certified lower bounds of min_{x' ∈ B(x_i)} s_i·f(x') for every input row.
   * @param x - inputs, shape [n, d] (unit rows for `'cap'`)
   */
  boundOutput(x: Mat, options: OutputBoundOptions): OutputBoundResult;
}

/** Whether a model offers the certificate capability {@link CertifiableModel.boundOutput}. */
export function isCertifiable(model: DifferentiableModel): model is CertifiableModel {
  return typeof (model as Partial<CertifiableModel>).boundOutput === 'function';
}
