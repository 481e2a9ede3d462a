export type {
  AdversarialTrainBest,
  AdversarialTrainBound,
  AdversarialTrainOptions,
  AdversarialTrainRecord,
  AdversarialTrainResult,
  AdversarialTrainStep,
  AdversarialTrainStop,
  DistanceFromInit,
} from './adversarialTrain.ts';
export { adversarialTrain } from './adversarialTrain.ts';
