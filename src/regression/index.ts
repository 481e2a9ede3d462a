export { argmaxAccuracy } from './argmaxAccuracy.ts';
export type { FalkonModel, FalkonOptions, FalkonProgress } from './falkon.ts';
export { falkon } from './falkon.ts';
export type { FitKernelPredictorOptions, FittedKernelPredictor } from './fitKernelPredictor.ts';
export { fitKernelPredictor } from './fitKernelPredictor.ts';
export type {
  FitKernelRegressionOptions,
  KernelPairFn,
  KernelRegressionModel,
} from './fitKernelRegression.ts';
export { fitKernelRegression } from './fitKernelRegression.ts';
export type {
  GpInferenceOptions,
  GpPredictInput,
  GpPrediction,
  GpPredictor,
  KernelPairLike,
} from './gpInference.ts';
export { gpInference } from './gpInference.ts';
export type {
  GradientDescentMseInput,
  GradientDescentMseOptions,
  GradientDescentMsePrediction,
  GradientDescentMsePredictor,
} from './gradientDescentMse.ts';
export { gradientDescentMse } from './gradientDescentMse.ts';
export type { DiagReg, TargetsLike } from './internal.ts';
export type { KernelPredictor, KernelPredictorOptions } from './kernelPredictor.ts';
export { kernelPredictor } from './kernelPredictor.ts';
export type { KernelRidgeOptions, KernelRidgeResult } from './kernelRidge.ts';
export { kernelRidge } from './kernelRidge.ts';
export type { LastLayerInput, LastLayerPredictor } from './lastLayerGradientDescentMse.ts';
export { lastLayerGradientDescentMse } from './lastLayerGradientDescentMse.ts';
export type { MaxLearningRateOptions } from './maxLearningRate.ts';
export { maxLearningRate } from './maxLearningRate.ts';
export type { OneHotOptions } from './oneHot.ts';
export { oneHot } from './oneHot.ts';
export type { SolveDiagnostics } from './solveDiagnostics.ts';
export { CONDITION_LIMIT, RELATIVE_RESIDUAL_LIMIT } from './solveDiagnostics.ts';
