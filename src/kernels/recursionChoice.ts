/**
 * Which implementation runs the layer recursions of the Gram paths (fc-ReLU, two-layer kernel): the native
 * addon ({@link nativeRecursion}), WebAssembly SIMD ({@link wasmRecursion}) or JavaScript, all bit-identical.
 * Automatic order: native > wasm > js, restricted by `NTK_BACKEND` to the named backend and those below it
 * (`'native'` allows all three, `'wasm-simd'` WASM and JavaScript, `'js'` or any other name JavaScript only).
 * One thread-local override ({@link withRecursion}) lets the conformance tests run each implementation on the
 * same dot products.
 * @internal
 * @packageDocumentation
 */

/** Which implementation runs the per-pair recursion: `'auto'` = the automatic order above. */
export type RecursionImpl = 'auto' | 'native' | 'wasm' | 'js';

let forced: RecursionImpl = 'auto';

/**
 * Runs `f` with the recursion forced to `impl` on this thread (the GEMM stays the default one): the
 * conformance tests compare the implementations bit for bit on identical dot products. An explicit `impl`
 * ignores `NTK_BACKEND`; one that is unavailable makes the recursion throw BackendUnavailableError.
 * @internal
 */
export function withRecursion<T>(impl: RecursionImpl, f: () => T): T {
  const prev = forced;
  forced = impl;
  try {
    return f();
  } finally {
    forced = prev;
  }
}

/** The implementation forced on this thread ({@link withRecursion}), `'auto'` when none. @internal */
export function forcedRecursion(): RecursionImpl {
  return forced;
}

/** Position in the order js < wasm-simd < native; −1 for any other name. */
function rank(name: string): number {
  return name === 'native' ? 2 : name === 'wasm-simd' ? 1 : name === 'js' ? 0 : -1;
}

/**
 * Whether the recursion of `backend` may run for `choice`: an explicit choice names it, `'auto'` needs
 * `NTK_BACKEND` unset, empty, or naming `backend` or a backend above it.
 * @internal
 */
export function recursionAllowed(backend: 'native' | 'wasm-simd', choice: RecursionImpl): boolean {
  if (choice !== 'auto') return choice === (backend === 'native' ? 'native' : 'wasm');
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.NTK_BACKEND;
  if (env === undefined || env === '') return true;
  return rank(env) >= rank(backend);
}
