/**
 * The layer recursion the Gram paths use on this thread right now: picked for a row-block kernel
 * ({@link pickRecursion}) and named for `ntk info` and the benchmarks ({@link recursionInUse}).
 * @internal
 * @packageDocumentation
 */
import { BackendUnavailableError } from '../errors.ts';
import { type NativeRecursionKernels, nativeRecursion } from './nativeRecursion.ts';
import { forcedRecursion, type RecursionImpl } from './recursionChoice.ts';
import { type WasmRecursionKernels, wasmRecursion } from './wasmRecursion.ts';

/**
 * The recursion kernels a row-block kernel `fn` runs for `impl` (`'auto'`: this thread's `withRecursion`
 * override, else native > WASM SIMD > JavaScript): `nat`, else `wasm`, else neither (JavaScript).
 * `hasNativeForm` false (a kernel without a native or WASM form) leaves JavaScript only; `unavailableNote`
 * ends the error's reason.
 * @throws {@link BackendUnavailableError} when `impl` forces `'native'` or `'wasm'` and it cannot run
 * @internal
 */
export function pickRecursion(
  fn: string,
  impl: RecursionImpl,
  hasNativeForm = true,
  unavailableNote = '',
): { readonly nat: NativeRecursionKernels | undefined; readonly wasm: WasmRecursionKernels | undefined } {
  const choice = impl === 'auto' ? forcedRecursion() : impl;
  const nat = hasNativeForm ? nativeRecursion(choice) : undefined;
  const wasm = hasNativeForm && nat === undefined ? wasmRecursion(choice) : undefined;
  if ((choice === 'native' || choice === 'wasm') && nat === undefined && wasm === undefined) {
    const why = choice === 'native' ? 'the addon is not loaded' : 'WebAssembly SIMD is not supported';
    throw new BackendUnavailableError(
      `${fn}: impl must name an available implementation (got '${choice}': ${why}${unavailableNote})`,
      { fn, arg: 'impl', actual: choice },
    );
  }
  return { nat, wasm };
}

/**
 * `'native'`, `'wasm'` or `'js'`: the first of native > WASM SIMD > JavaScript that is available and allowed
 * (`NTK_BACKEND`, this thread's `withRecursion` override; see recursionChoice.ts).
 * @internal
 */
export function recursionInUse(): 'native' | 'wasm' | 'js' {
  if (nativeRecursion() !== undefined) return 'native';
  return wasmRecursion() !== undefined ? 'wasm' : 'js';
}
