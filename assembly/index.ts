/**
 * WebAssembly-SIMD kernels of ntk-toolkit. Build: `npm run build:wasm`
 * (`asc assembly/index.ts --enable simd -O3 --runtime stub --noAssert`).
 * Matrices stay outside WASM memory; the JavaScript driver copies packed panels into the scratch area
 * that starts at `scratchBase()`.
 */

export { falkonPartial } from './falkon';
export { dgemmMacro } from './gemm';
export { nnActBackward, nnActForward } from './nn';
export { ntkAtanVariant, ntkFcReluRows, ntkPairStates, ntkTwoLayerRows } from './ntk';

/** First 64-byte-aligned byte address after the static data: the start of the scratch area. */
export function scratchBase(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}
