/**
 * Kernel ridge regression handed out as a {@link KernelPredictor}.
 * @packageDocumentation
 */
import type { BackendName } from '../backend/registry.ts';
import { ArgumentTypeError } from '../errors.ts';
import { checkOneOf, checkOptions, describe } from '../internal/assert.ts';
import type { KernelChoice, KernelFn, ScalarKernelFn } from '../kernels/types.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import type { MatLike, VecLike } from '../types.ts';
import type { DiagReg } from './internal.ts';
import { type KernelPredictor, type KernelPredictorOptions, kernelPredictor } from './kernelPredictor.ts';
import { kernelRidge } from './kernelRidge.ts';

/** Options of {@link fitKernelPredictor}. */
export interface FitKernelPredictorOptions extends KernelPredictorOptions {
  /**
   * Diagonal regularisation of the train-train kernel.
   * @defaultValue `{ value: 0, scale: 'trace' }`
   */
  readonly diagReg?: DiagReg;
  /** Cholesky backend, as in {@link kernelRidge}. */
  readonly backend?: BackendName;
}

/** A kernel predictor fitted by kernel ridge regression, with the fit's regularisation. */
export interface FittedKernelPredictor extends KernelPredictor {
  /** The ridge λ added to the diagonal. */
  readonly ridge: number;
  /** Diagonal jitter the factorisation needed (0 if none). */
  readonly jitterUsed: number;
}

/**
 * Fits kernel ridge regression α = (K(X, X) + λI)⁻¹y (the t = ∞ predictor of the infinite-width network
 * trained on MSE) and returns f(x) = Σ_j α_j k(x, x_j) as a {@link KernelPredictor} (closed-form input
 * gradients, certified output bounds).
 *
 * @param kernel - a toolkit kernel (or any {@link KernelFn} / {@link ScalarKernelFn} with `inputGradient`)
 * @param xTrain - training inputs, shape [n, d] (the centres)
 * @param yTrain - targets, length n
 * @param options - `get`, `diagReg`, `backend` and the {@link KernelPredictorOptions}
 * @returns a {@link FittedKernelPredictor}
 * @throws {@link ArgumentTypeError} if `kernel` is not a kernel function
 * @throws {@link ShapeError} if `yTrain` does not have n entries
 * @throws {@link NotPositiveDefiniteError} if K + λI is not positive definite even after jitter
 * @example
 * const f = fitKernelPredictor(twoLayerNtk(), [[1, 0], [0, 1]], [1, -1]);
 * f.predict(mat(1, 2, new Float64Array([1, 0])))[0]; // 1.0000
 * @remarks Since 0.2.0
 */
export function fitKernelPredictor(
  kernel: KernelFn | ScalarKernelFn,
  xTrain: MatLike,
  yTrain: VecLike,
  options?: FitKernelPredictorOptions,
): FittedKernelPredictor {
  const fn = 'fitKernelPredictor';
  if (typeof kernel !== 'function') {
    throw new ArgumentTypeError(`kernel must be a kernel function (got ${describe(kernel)})`, {
      fn,
      arg: 'kernel',
      expected: 'KernelFn',
      actual: describe(kernel),
    });
  }
  const opts = checkOptions(fn, options);
  const get: KernelChoice = checkOneOf(fn, 'options.get', opts.get ?? 'ntk', ['ntk', 'nngp'] as const);
  const X = toMat(xTrain, fn, 'xTrain');
  const y = toVec(yTrain, fn, 'yTrain');
  const r = kernel(X) as unknown as Record<string, unknown>;
  const K = (typeof r === 'object' && r !== null && 'ntk' in r ? r[get] : r) as MatLike;
  const fit = kernelRidge(K, y, {
    ...(opts.diagReg !== undefined ? { diagReg: opts.diagReg } : {}),
    ...(opts.backend !== undefined ? { backend: opts.backend } : {}),
  });
  const { diagReg: _d, backend: _b, ...predictorOptions } = opts;
  const f = kernelPredictor(kernel, X, fit.alpha.data, { ...predictorOptions, get });
  return Object.assign(f, { ridge: fit.ridge, jitterUsed: fit.jitterUsed });
}
