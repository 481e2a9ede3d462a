import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
import { minEigenvalue } from '../linalg/minEigenvalue.ts';
import type { MatLike } from '../types.ts';
import { toKernel } from './internal.ts';

/** Options of {@link maxLearningRate}. */
export interface MaxLearningRateOptions {
  /**
   * Total number of training targets N = n·k (the loss is ‖f − y‖²/(2N)).
   * @defaultValue n (one output)
   */
  readonly yTrainSize?: number;
  /**
   * Momentum coefficient μ ∈ [0, 1).
   * @defaultValue 0
   */
  readonly momentum?: number;
}

/**
 * Largest stable learning rate of full-batch gradient descent on the MSE in the infinite-width limit
 * (neural-tangents `predict.max_learning_rate`): η_max = 2(1 + μ)·N / λ_max(Θ), the largest η for which
 * I − (η/N)Θ is a contraction. λ_max is computed by Lanczos and raised by its residual, so the returned
 * rate errs on the stable side.
 *
 * @param kTrainTrain - NTK on the training inputs, symmetric [n, n]
 * @param options - `yTrainSize`, `momentum`
 * @returns η_max (Infinity if Θ = 0)
 * @throws {@link ShapeError} if `kTrainTrain` is not square
 * @throws {@link DomainError} if it is not symmetric, or an option is out of range
 * @example
 * maxLearningRate([[2, 0], [0, 1]]); // 2.0000
 * @see Lee et al. (2019) arXiv:1902.06720, §2.4; neural-tangents `predict.max_learning_rate`
 * @remarks Since 0.1.0
 */
export function maxLearningRate(kTrainTrain: MatLike, options?: MaxLearningRateOptions): number {
  const fn = 'maxLearningRate';
  const opts = checkOptions(fn, options);
  const K = toKernel(kTrainTrain, fn, 'kTrainTrain');
  const n = K.rows;
  const size = checkInteger(fn, 'options.yTrainSize', opts.yTrainSize ?? n, 1);
  const momentum = checkNumber(fn, 'options.momentum', opts.momentum ?? 0, { min: 0, max: 1 });
  const neg = { rows: n, cols: n, data: K.data.map((v) => -v) };
  const r = minEigenvalue(neg, { tol: 1e-10, maxIterations: Math.min(n, 100) });
  const lambdaMax = -r.value + r.residualNorm;
  if (!(lambdaMax > 0)) return Number.POSITIVE_INFINITY;
  return (2 * (1 + momentum) * size) / lambdaMax;
}
