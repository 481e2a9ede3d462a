/**
 * ntk-toolkit: the infinite-width limit of neural networks — closed-form ReLU NTK/NNGP kernels, kernel
 * regression, finite-width networks, attacks, adversarial training and numerical checks of its theory.
 *
 * The public API: a curated set of explicit re-exports. The subpath exports (`ntk-toolkit/kernels`,
 * `ntk-toolkit/linalg`, `ntk-toolkit/backend`, `ntk-toolkit/report`, …) keep each module's full API.
 * @packageDocumentation
 */

export type {
  AttackCommonOptions,
  AttackResult,
  AttackSpec,
  DataBox,
  ExactCapAttackOptions,
  FgsmOptions,
  PerturbationSet,
  PgdOptions,
  PgdSettings,
  RunAttackOptions,
  SetViolationOptions,
  StepSchedule,
} from './attacks/index.ts';
export { exactCapAttack, fgsm, pgd, runAttack, setViolation } from './attacks/index.ts';
// Backend registry internals (kernel registration, gemm entry points) live in 'ntk-toolkit/backend'.
export type { BackendName } from './backend/index.ts';
export { isBackendAvailable, wasmSimdSupported } from './backend/index.ts';
export type {
  CapacityConstructionOptions,
  CapacityConstructionResult,
  CirclePointsOptions,
  Dataset,
  SeparatedClustersOptions,
  SeparatedClustersResult,
  StandardizeOptions,
  StandardizeResult,
  TrainTestSplitOptions,
  UniformSphereOptions,
} from './data/index.ts';
export {
  binaryLabels,
  capacityConstruction,
  circlePoints,
  loadBreastCancer,
  loadDigits,
  separatedClusters,
  standardize,
  trainTestSplit,
  uniformSphere,
} from './data/index.ts';
export type { NtkErrorCode, NtkErrorData } from './errors.ts';
export {
  AbortError,
  ArgumentTypeError,
  BackendUnavailableError,
  ConvergenceError,
  DomainError,
  IoError,
  isNtkError,
  LawViolationError,
  NonFiniteError,
  NotPositiveDefiniteError,
  NtkError,
  ShapeError,
} from './errors.ts';
export type {
  ArrayInput,
  CsvArray,
  CsvReadOptions,
  CsvWriteOptions,
  NpyArray,
  NumericArray,
} from './io/index.ts';
export {
  asMat,
  asVec,
  encodeNpy,
  formatCsv,
  formatJsonArray,
  parseCsv,
  parseJsonArray,
  readArray,
  readCsv,
  readJsonArray,
  readNpy,
  writeArray,
  writeCsv,
  writeJsonArray,
  writeNpy,
} from './io/index.ts';
export type {
  ArcCosineKernelFn,
  ArcCosineKernelOptions,
  FcReluKernelFn,
  FcReluKernelOptions,
  InputGradientOptions,
  KernelChoice,
  KernelDiag,
  KernelFn,
  KernelSpec,
  ScalarKernelFn,
  TwoLayerNtkFn,
  TwoLayerNtkOptions,
} from './kernels/index.ts';
export {
  appendBias,
  arcCosineKernel,
  biasLiftKernel,
  fcReluKernel,
  kernelFromSpec,
  normalizeRows,
  twoLayerNtk,
} from './kernels/index.ts';
export type {
  CholeskyOptions,
  CholeskyResult,
  ConjugateGradientOptions,
  ConjugateGradientResult,
  EighOptions,
  EighResult,
  MatmulOptions,
  MatvecOptions,
  MinEigenvalueOptions,
  MinEigenvalueResult,
  PotrfInfo,
  Preconditioner,
  SolveTriangularOptions,
  SyrkOptions,
} from './linalg/index.ts';
export {
  cholesky,
  cloneMat,
  conjugateGradient,
  eigh,
  eye,
  from2D,
  fromMlMatrix,
  isMat,
  mat,
  matmul,
  matvec,
  minEigenvalue,
  row,
  solveTriangular,
  syrk,
  to2D,
  toMlMatrix,
  transpose,
} from './linalg/index.ts';
export type {
  Activation,
  FcReluNet,
  FcReluNetOptions,
  Loss,
  LossName,
  ParamLayer,
  TrainedLayers,
  TrainOptions,
  TrainProgress,
  TrainResult,
  TwoLayerInit,
  TwoLayerNet,
  TwoLayerNetOptions,
} from './nn/index.ts';
export {
  empiricalNtk,
  fcReluNet,
  jacobian,
  loss,
  projectToBall,
  sigmoid,
  softplus,
  train,
  twoLayerNet,
} from './nn/index.ts';
export type {
  FcReluGramSpec,
  GramSpec,
  ParallelGemmOptions,
  ParallelGramOptions,
  TwoLayerGramSpec,
  WorkerPoolOptions,
  WorkerPoolRunOptions,
} from './parallel/index.ts';
export {
  closeWorkerPool,
  defaultWorkerPool,
  parallelGemm,
  parallelGram,
  setThreadCount,
  WorkerPool,
} from './parallel/index.ts';
export type { Rng } from './random/index.ts';
export { createRng } from './random/index.ts';
export type {
  DiagReg,
  FalkonModel,
  FalkonOptions,
  FalkonProgress,
  FitKernelPredictorOptions,
  FitKernelRegressionOptions,
  FittedKernelPredictor,
  GpInferenceOptions,
  GpPredictInput,
  GpPrediction,
  GpPredictor,
  GradientDescentMseInput,
  GradientDescentMseOptions,
  GradientDescentMsePrediction,
  GradientDescentMsePredictor,
  KernelPairFn,
  KernelPairLike,
  KernelPredictor,
  KernelPredictorOptions,
  KernelRegressionModel,
  KernelRidgeOptions,
  KernelRidgeResult,
  LastLayerInput,
  LastLayerPredictor,
  MaxLearningRateOptions,
  OneHotOptions,
  TargetsLike,
} from './regression/index.ts';
export {
  argmaxAccuracy,
  falkon,
  fitKernelPredictor,
  fitKernelRegression,
  gpInference,
  gradientDescentMse,
  kernelPredictor,
  kernelRidge,
  lastLayerGradientDescentMse,
  maxLearningRate,
  oneHot,
} from './regression/index.ts';
// Report plumbing (rendering, serialisation) lives in 'ntk-toolkit/report'.
export type { CheckRecord, SuiteReport } from './report/index.ts';
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
  KernelExpansionGradient,
  KernelFunction,
  MinimizeLinearizedRobustLossOptions,
  MinimizeLinearizedRobustLossResult,
  RobustBoundMethod,
  RobustInterpolateOptions,
  RobustInterpolateResult,
  RobustInterpolateStep,
  RobustLossBracketOptions,
  RobustLossBracketResult,
  RobustSet,
} from './robust/index.ts';
export {
  adversarialTrain,
  minimizeLinearizedRobustLoss,
  robustInterpolate,
  robustLossBracket,
} from './robust/index.ts';
export type { DifferentiableModel, KernelPair, Mat, MatLike, TrainableModel, VecLike } from './types.ts';
