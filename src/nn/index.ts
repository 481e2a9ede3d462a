/**
 * Finite-width networks: the two-layer paper model, deep fully connected ReLU nets in the NTK
 * parameterisation, losses, empirical NTK, (projected) gradient descent.
 * @packageDocumentation
 */
export type { Activation } from './activation.ts';
export { type Loss, type LossName, loss, sigmoid, softplus } from './loss.ts';
export { type ParamLayer, projectToBall } from './projectToBall.ts';
export {
  type TrainedLayers,
  type TwoLayerInit,
  type TwoLayerNet,
  type TwoLayerNetOptions,
  twoLayerNet,
} from './twoLayerNet.ts';
