export type { GemmOptions } from './gemm.ts';
export { gemm } from './gemm.ts';
export type { DgemmFn } from './js/dgemm.ts';
export type { DpotrfFn, DsyrkFn } from './js/dpotrf.ts';
export type { BackendName, KernelConfig, KernelName, KernelSignatures } from './registry.ts';
export {
  BACKENDS,
  getKernel,
  isBackendAvailable,
  listKernels,
  registerKernel,
  resolveBackend,
} from './registry.ts';
export { initWasm, wasmSimdSupported } from './wasm/loader.ts';
