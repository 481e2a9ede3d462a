import { checkOptions } from '../internal/assert.ts';
import type { MatLike } from '../types.ts';
import type { KernelPairLike } from './gpInference.ts';
import {
  type GradientDescentMseInput,
  type GradientDescentMseOptions,
  type GradientDescentMsePredictor,
  gradientDescentMse,
} from './gradientDescentMse.ts';
import { pick, type TargetsLike } from './internal.ts';

/** Inputs of the {@link LastLayerPredictor} calls: like {@link GradientDescentMseInput} with a kernel pair. */
export interface LastLayerInput {
  readonly fxTrain0?: number | TargetsLike;
  readonly fxTest0?: number | TargetsLike;
  /** Cross kernels; only `nngp` (shape [m, n]) is used. */
  readonly kTestTrain?: KernelPairLike;
}

/** Closure returned by {@link lastLayerGradientDescentMse}: {@link GradientDescentMsePredictor} with NNGP inputs. */
export type LastLayerPredictor = GradientDescentMsePredictor<LastLayerInput>;

/**
 * Gradient-flow prediction when only the readout (last) layer of the infinitely wide network is trained.
 * The tangent kernel of the readout weights and bias is then the output NNGP (in the NTK parameterisation,
 * ∂f/∂w_L = wStd·φ/√width and ∂f/∂b_L = bStd, so Θ_readout = wStd²·E[φφ'] + bStd² = K_NNGP), hence this is
 * {@link gradientDescentMse} with the NNGP in place of the NTK; at t = ∞ the mean equals the NNGP posterior
 * mean of {@link gpInference}.
 *
 * @param kTrainTrain - `{ nngp }` on the training inputs, symmetric [n, n]
 * @param yTrain - targets, shape [n] or [n, k]
 * @param options - `learningRate`, `diagReg`, `jitter`, `backend` as in {@link gradientDescentMse}
 * @returns a {@link LastLayerPredictor}
 * @throws {@link ArgumentTypeError} if `kTrainTrain.nngp` is missing
 * @throws {@link ShapeError} if shapes disagree
 * @throws {@link DomainError} on bad options or t < 0
 * @example
 * const p = lastLayerGradientDescentMse({ nngp: [[1, 0], [0, 1]] }, [2, 4]);
 * Array.from(p.predict(Infinity, { kTestTrain: { nngp: [[1, 0]] } }).fxTest?.data ?? []); // [2]
 * @see Lee et al. (2019) arXiv:1902.06720, §2.3 and S3 (NNGP dynamics)
 * @remarks Since 0.1.0
 */
export function lastLayerGradientDescentMse(
  kTrainTrain: KernelPairLike,
  yTrain: TargetsLike,
  options?: GradientDescentMseOptions,
): LastLayerPredictor {
  const fn = 'lastLayerGradientDescentMse';
  const K = pick(kTrainTrain, 'nngp', fn, 'kTrainTrain') as MatLike;
  const inner = gradientDescentMse(K, yTrain, options);
  const convert = (input: LastLayerInput | undefined): GradientDescentMseInput | undefined => {
    if (input === undefined) return undefined;
    const inp = checkOptions(`${fn}.predict`, input, 'input');
    const { kTestTrain, ...rest } = inp;
    if (kTestTrain === undefined) return rest;
    return { ...rest, kTestTrain: pick(kTestTrain, 'nngp', `${fn}.predict`, 'input.kTestTrain') as MatLike };
  };
  return {
    n: inner.n,
    k: inner.k,
    ridge: inner.ridge,
    predict: (t, input) => inner.predict(t, convert(input)),
    predictMany: (ts, input) => inner.predictMany(ts, convert(input)),
    eigenvalues: () => inner.eigenvalues(),
    solveDiagnostics: () => inner.solveDiagnostics(),
  };
}
