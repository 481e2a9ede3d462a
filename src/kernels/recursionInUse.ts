/**
 * The layer recursion the Gram paths use on this thread right now (for `ntk info` and the benchmarks).
 * @internal
 * @packageDocumentation
 */
import { nativeRecursion } from './nativeRecursion.ts';
import { wasmRecursion } from './wasmRecursion.ts';

/**
 * `'native'`, `'wasm'` or `'js'`: the first of native > WASM SIMD > JavaScript that is available and allowed
 * (`NTK_BACKEND`, this thread's `withRecursion` override; see recursionChoice.ts).
 * @internal
 */
export function recursionInUse(): 'native' | 'wasm' | 'js' {
  if (nativeRecursion() !== undefined) return 'native';
  return wasmRecursion() !== undefined ? 'wasm' : 'js';
}
