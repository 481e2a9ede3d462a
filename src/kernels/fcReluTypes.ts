/**
 * Types shared by the fc-ReLU kernel core and its native row kernel: the resolved plan and the per-row
 * precomputation of one side.
 * @internal
 * @packageDocumentation
 */
import type { RowScales } from './numerics.ts';

/** Resolved hyper-parameters of a fully connected ReLU network kernel. */
export interface FcReluPlan {
  /** Number of hidden layers (ReLU count); Dense layers = depth + 1. */
  readonly depth: number;
  /** wStd². */
  readonly w2: number;
  /** bStd². */
  readonly b2: number;
  /** wStd. */
  readonly w: number;
  /** bStd. */
  readonly b: number;
  /** 'standard' parameterization (neural-tangents), else 'ntk'. */
  readonly standard: boolean;
  /** Fan-in of hidden Dense layers used by 'standard' (neural-tangents `out_dim` of hidden layers). */
  readonly width: number;
  /** Bias contribution to Θ per Dense layer in 'standard' (1 if bStd > 0, else 0). */
  readonly beta: number;
}

/** Per-row precomputation for one side (x1 or x2) of a kernel evaluation. */
export interface FcReluSide {
  readonly n: number;
  readonly d: number;
  /** Inputs, row-major [n, d]. */
  readonly x: Float64Array;
  /** Inputs transposed, [d, n] (GEMM right operand). */
  readonly xT: Float64Array;
  /** Row norms ‖x_i‖. */
  readonly norm: Float64Array;
  /** Unit rows x_i/‖x_i‖ (zero rows stay zero), [n, d]. */
  readonly unit: Float64Array;
  /** Diagonal variance entering Dense layer l, [n, depth + 1]; l = 0 is ‖x‖²/d. */
  readonly qIn: Float64Array;
  /** Diagonal variance after Dense layer l, [n, depth + 1]. */
  readonly qOut: Float64Array;
  /** √qIn, computed without under/overflow (from the rescaled norm, then hypot through the layers). */
  readonly sIn: Float64Array;
  /** √qOut, likewise. */
  readonly sOut: Float64Array;
  /** Diagonal of the NTK, [n]. */
  readonly ntkDiag: Float64Array;
  /** Exact power-of-two row scaling used for angles. */
  readonly rs: RowScales;
}
