/**
 * Types shared by the closed-form kernels.
 * @packageDocumentation
 */
import type { KernelPair, Mat, MatLike, VecLike } from '../types.ts';

/**
 * The call signature every {@link KernelFn} has (neural-tangents style): `(x1, x2?) => { nngp, ntk }`, each
 * [n1, n2]; x2 omitted means x1. The library's one kernel type family: a plain function of this shape is
 * accepted for prediction; gradients, certificates and model files need the full {@link KernelFn}.
 */
export type KernelPairFn = (x1: Mat, x2?: Mat) => KernelPair;

/** Diagonal-only kernel values k(x_i, x_i), each of length n. */
export interface KernelDiag {
  readonly nngp: Float64Array;
  readonly ntk: Float64Array;
}

/**
 * The NNGP/NTK choice, under one name across the library (`get`, as in neural-tangents): `'nngp'` = Σ,
 * `'ntk'` = Θ.
 */
export type KernelChoice = 'nngp' | 'ntk';

/**
 * Serialisable description of a toolkit kernel (what a kernel model file stores and what the certified
 * bounds of a kernel predictor dispatch on): the constructor name and its resolved options. `biasLift`
 * wraps another kernel.
 */
export type KernelSpec =
  | {
      readonly name: 'fcRelu';
      readonly depth: number;
      readonly wStd: number;
      readonly bStd: number;
      readonly parameterization: 'ntk' | 'standard';
      readonly width: number;
    }
  | { readonly name: 'twoLayerNtk'; readonly activation: 'relu' | 'relu2'; readonly train: 'first' | 'both' }
  | { readonly name: 'arcCosine'; readonly degree: 0 | 1 | 2 }
  | { readonly name: 'biasLift'; readonly c: number; readonly base: KernelSpec };

/** Options of {@link KernelFn.inputGradient}. */
export interface InputGradientOptions {
  /**
   * Which kernel to differentiate.
   * @defaultValue `'ntk'`
   */
  readonly get?: KernelChoice;
}

/**
 * A closed-form kernel: call it for Gram / cross matrices, use `diag` for k(x_i, x_i) only and
 * `inputGradient` for closed-form gradients with respect to the first argument.
 */
export interface KernelFn {
  /**
   * NNGP and NTK matrices.
   * @param x1 - inputs, shape [n1, d]
   * @param x2 - inputs, shape [n2, d]; omitted (or `x1` itself) = the symmetric train-train block,
   *   computed on one triangle and mirrored
   * @returns `{ nngp, ntk }`, each shape [n1, n2]
   */
  (x1: MatLike, x2?: MatLike | null): KernelPair;
  /**
   * Diagonal only, k(x_i, x_i), equal bit for bit to the diagonal of the symmetric Gram.
   * @param x - inputs, shape [n, d]
   */
  diag(x: MatLike): KernelDiag;
  /**
   * ∂/∂x_i Σ_j α_j k(x_i, z_j) for every row i (the gradient of a kernel predictor
   * f(x) = Σ_j α_j k(x, z_j)), shape [n, d]. Closed form; where k has a kink (x ∥ z for the NTK) the
   * returned vector is a subgradient (its component along the kink direction is 0), never NaN.
   * @param x - points, shape [n, d]
   * @param z - centres, shape [m, d]
   * @param alpha - weights, length m; defaults to all ones
   */
  inputGradient(x: MatLike, z: MatLike, alpha?: VecLike | null, options?: InputGradientOptions): Mat;
  /** The kernel's serialisable description (the toolkit's kernels have one; user kernels may not). */
  readonly spec?: KernelSpec;
}

/** A single closed-form kernel (no NNGP/NTK pair), e.g. an arc-cosine kernel. */
export interface ScalarKernelFn {
  /** Kernel matrix, shape [n1, n2]; `x2` omitted = symmetric fast path. */
  (x1: MatLike, x2?: MatLike | null): Mat;
  /** Diagonal k(x_i, x_i), length n. */
  diag(x: MatLike): Float64Array;
  /** ∂/∂x_i Σ_j α_j k(x_i, z_j), shape [n, d] (see {@link KernelFn.inputGradient}). */
  inputGradient(x: MatLike, z: MatLike, alpha?: VecLike | null): Mat;
  /** The kernel's serialisable description. */
  readonly spec?: KernelSpec;
}
