export { appendBias } from './appendBias.ts';
export type { ArcCosineKernelFn, ArcCosineKernelOptions } from './arcCosineKernel.ts';
export { arcCosineKernel } from './arcCosineKernel.ts';
export { biasLiftKernel } from './biasLiftKernel.ts';
export type { FcReluKernelFn, FcReluKernelOptions, GramCallOptions } from './fcReluKernel.ts';
export { fcReluKernel } from './fcReluKernel.ts';
export { kernelFromSpec } from './kernelFromSpec.ts';
export { normalizeRows } from './normalizeRows.ts';
export type { TwoLayerNtkFn, TwoLayerNtkOptions } from './twoLayerNtk.ts';
export { twoLayerNtk } from './twoLayerNtk.ts';
export type {
  InputGradientOptions,
  KernelChoice,
  KernelDiag,
  KernelFn,
  KernelPairFn,
  KernelSpec,
  ScalarKernelFn,
} from './types.ts';
