export type {
  AdversarialTrainBest,
  AdversarialTrainBound,
  AdversarialTrainOptions,
  AdversarialTrainRecord,
  AdversarialTrainResult,
  AdversarialTrainStep,
  AdversarialTrainStop,
  CustomTrainingAttack,
  DistanceFromInit,
} from './adversarialTrain.ts';
export { adversarialTrain } from './adversarialTrain.ts';
export type {
  MinimizeLinearizedRobustLossOptions,
  MinimizeLinearizedRobustLossResult,
} from './minimizeLinearizedRobustLoss.ts';
export { minimizeLinearizedRobustLoss } from './minimizeLinearizedRobustLoss.ts';
export type {
  KernelExpansionGradient,
  KernelFunction,
  RobustInterpolateOptions,
  RobustInterpolateResult,
  RobustInterpolateStep,
} from './robustInterpolate.ts';
export { robustInterpolate } from './robustInterpolate.ts';
export type { RobustSet } from './robustInterpolateTypes.ts';
export type {
  RobustBoundMethod,
  RobustLossBracketOptions,
  RobustLossBracketResult,
} from './robustLossBracket.ts';
export { robustLossBracket } from './robustLossBracket.ts';
