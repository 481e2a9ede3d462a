/**
 * Finite-width networks: the two-layer paper model, deep fully connected ReLU nets in the NTK
 * parameterisation, losses, Jacobians and the empirical NTK, (projected) gradient descent.
 * @packageDocumentation
 */
export type { Activation } from './activation.ts';
export { empiricalNtk } from './empiricalNtk.ts';
export { type FcReluNet, type FcReluNetOptions, fcReluNet } from './fcReluNet.ts';
export { jacobian } from './jacobian.ts';
export { type Loss, type LossName, loss, sigmoid, softplus } from './loss.ts';
export type { TrainingRecord, TrainingStop } from './projectedGradientLoop.ts';
export { type ParamLayer, projectToBall } from './projectToBall.ts';
export { type TrainOptions, type TrainProgress, type TrainResult, train } from './train.ts';
export {
  type TrainedLayers,
  type TwoLayerInit,
  type TwoLayerNet,
  type TwoLayerNetOptions,
  twoLayerNet,
} from './twoLayerNet.ts';
