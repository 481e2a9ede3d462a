export { appendBias } from './appendBias.ts';
export type { ArcCosineKernelFn, ArcCosineKernelOptions } from './arcCosineKernel.ts';
export { arcCosineKernel } from './arcCosineKernel.ts';
export type { FcReluKernelFn, FcReluKernelOptions } from './fcReluKernel.ts';
export { fcReluKernel } from './fcReluKernel.ts';
export { normalizeRows } from './normalizeRows.ts';
export type { TwoLayerNtkFn, TwoLayerNtkOptions } from './twoLayerNtk.ts';
export { twoLayerNtk } from './twoLayerNtk.ts';
export type { InputGradientOptions, KernelDiag, KernelFn, ScalarKernelFn } from './types.ts';
