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
