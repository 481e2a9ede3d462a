/**
 * ntk-toolkit: the infinite-width limit of neural networks — closed-form ReLU NTK/NNGP kernels, kernel
 * regression, finite-width networks, attacks, adversarial training and numerical checks of its theory.
 *
 * @packageDocumentation
 */
export type { Dataset } from './data/index.ts';
export { loadBreastCancer, loadDigits } from './data/index.ts';
export type { NtkErrorCode, NtkErrorData } from './errors.ts';
export {
  AbortError,
  ArgumentTypeError,
  BackendUnavailableError,
  ConvergenceError,
  DomainError,
  IoError,
  isNtkError,
  NonFiniteError,
  NotPositiveDefiniteError,
  NtkError,
  ShapeError,
} from './errors.ts';
export {
  cloneMat,
  eye,
  from2D,
  fromMlMatrix,
  isMat,
  mat,
  row,
  to2D,
  toMlMatrix,
  transpose,
} from './linalg/index.ts';
export type { Loss, LossName } from './nn/loss.ts';
export { loss, sigmoid, softplus } from './nn/loss.ts';
export type { Rng } from './random/index.ts';
export { createRng } from './random/index.ts';
export type { DifferentiableModel, KernelPair, Mat, MatLike, TrainableModel, VecLike } from './types.ts';
