import type { KernelFn } from '../kernels/types.ts';
import type { DiagReg } from '../regression/internal.ts';
import { kernelRidge } from '../regression/kernelRidge.ts';
import type { DifferentiableModel, Mat } from '../types.ts';

/** A fitted kernel predictor f(x) = Σ_j α_j k(x, x_j) as a model the attacks accept. */
export interface KernelModel extends DifferentiableModel {
  readonly alpha: Float64Array;
  readonly ridge: number;
  readonly jitterUsed: number;
}

/**
 * Fits kernel ridge regression (t = ∞ of the infinite-width network) and wraps it as a
 * `DifferentiableModel`: predict(x) = K(x, X)·α, inputGradient by the kernel's closed form
 * (row i = upstream_i · ∂/∂x_i Σ_j α_j k(x_i, x_j)).
 */
export function fitKernelModel(
  kernel: KernelFn,
  get: 'ntk' | 'nngp',
  x: Mat,
  y: Float64Array,
  diagReg: DiagReg | undefined,
): KernelModel {
  const fit = kernelRidge(kernel(x)[get], y, diagReg === undefined ? {} : { diagReg });
  const alpha = fit.alpha.data;
  return {
    inputDim: x.cols,
    alpha,
    ridge: fit.ridge,
    jitterUsed: fit.jitterUsed,
    predict(z: Mat): Float64Array {
      const k = kernel(z, x)[get];
      const out = new Float64Array(z.rows);
      for (let i = 0; i < z.rows; i++) {
        let s = 0;
        for (let j = 0; j < k.cols; j++) s += k.data[i * k.cols + j] * alpha[j];
        out[i] = s;
      }
      return out;
    },
    inputGradient(z: Mat, upstream?: Float64Array): Mat {
      const g = kernel.inputGradient(z, x, alpha, { get });
      if (upstream === undefined) return g;
      const data = new Float64Array(g.data.length);
      for (let i = 0; i < g.rows; i++) {
        for (let j = 0; j < g.cols; j++) data[i * g.cols + j] = upstream[i] * g.data[i * g.cols + j];
      }
      return { rows: g.rows, cols: g.cols, data };
    },
  };
}
