/**
 * Kernel registry (tfjs `KernelConfig` style): one `{ name, backend, fn }` entry per kernel and backend,
 * with the JavaScript implementation always present. Backend resolution:
 * `options.backend ?? process.env.NTK_BACKEND ?? (native addon loaded ? 'native' : WASM SIMD available ?
 * 'wasm-simd' : 'js')`, falling back silently unless a backend was asked for explicitly.
 * @packageDocumentation
 */
import { BackendUnavailableError, DomainError } from '../errors.ts';
import { type DgemmFn, jsDgemm } from './js/dgemm.ts';
import { type DpotrfFn, type DsyrkFn, jsDpotrf, jsDsyrk } from './js/dpotrf.ts';
import { type DtrsmFn, jsDtrsm } from './js/dtrsm.ts';
import { type FalkonPassFn, jsFalkonPass } from './js/falkonPass.ts';
import { nativeDgemm } from './native/dgemm.ts';
import { nativeDpotrf } from './native/dpotrf.ts';
import { nativeDsyrk } from './native/dsyrk.ts';
import { nativeDtrsm } from './native/dtrsm.ts';
import { nativeFalkonPass } from './native/falkonPass.ts';
import { nativeStatus } from './native/loader.ts';
import { wasmDgemm } from './wasm/dgemm.ts';
import { wasmDpotrf } from './wasm/dpotrf.ts';
import { wasmDsyrk } from './wasm/dsyrk.ts';
import { wasmFalkonPass } from './wasm/falkonPass.ts';
import { wasmSimdSupported } from './wasm/loader.ts';

/** Names of the compute backends. */
export type BackendName = 'js' | 'wasm-simd' | 'native';

/** All backend names, in order of preference when nothing is requested (last = preferred). */
export const BACKENDS: readonly BackendName[] = ['js', 'wasm-simd', 'native'];

/** Signatures of the registered kernels, by name. */
export interface KernelSignatures {
  readonly dgemm: DgemmFn;
  readonly dsyrk: DsyrkFn;
  readonly dpotrf: DpotrfFn;
  readonly dtrsm: DtrsmFn;
  readonly falkonPass: FalkonPassFn;
}

/** Name of a registered kernel. */
export type KernelName = keyof KernelSignatures;

/** One registered implementation (tfjs `KernelConfig`). */
export interface KernelConfig<K extends KernelName = KernelName> {
  readonly name: K;
  readonly backend: BackendName;
  readonly fn: KernelSignatures[K];
}

const registry = new Map<string, KernelConfig>();
const key = (name: string, backend: BackendName): string => `${backend}:${name}`;

/**
 * Registers (or replaces) an implementation of a kernel on a backend.
 * @internal
 */
export function registerKernel<K extends KernelName>(config: KernelConfig<K>): void {
  registry.set(key(config.name, config.backend), config as unknown as KernelConfig);
}

registerKernel({ name: 'dgemm', backend: 'js', fn: jsDgemm });
registerKernel({ name: 'dgemm', backend: 'wasm-simd', fn: wasmDgemm });
registerKernel({ name: 'dsyrk', backend: 'js', fn: jsDsyrk });
registerKernel({ name: 'dsyrk', backend: 'wasm-simd', fn: wasmDsyrk });
registerKernel({ name: 'dpotrf', backend: 'js', fn: jsDpotrf });
registerKernel({ name: 'dpotrf', backend: 'wasm-simd', fn: wasmDpotrf });
registerKernel({ name: 'dtrsm', backend: 'js', fn: jsDtrsm });
registerKernel({ name: 'dgemm', backend: 'native', fn: nativeDgemm });
registerKernel({ name: 'dsyrk', backend: 'native', fn: nativeDsyrk });
registerKernel({ name: 'dpotrf', backend: 'native', fn: nativeDpotrf });
registerKernel({ name: 'dtrsm', backend: 'native', fn: nativeDtrsm });
registerKernel({ name: 'falkonPass', backend: 'js', fn: jsFalkonPass });
registerKernel({ name: 'falkonPass', backend: 'wasm-simd', fn: wasmFalkonPass });
registerKernel({ name: 'falkonPass', backend: 'native', fn: nativeFalkonPass });

/**
 * The implementation of `name` on `backend`, or the JavaScript one when that backend has none.
 * @internal
 */
export function getKernel<K extends KernelName>(name: K, backend: BackendName): KernelSignatures[K] {
  const config = registry.get(key(name, backend)) ?? registry.get(key(name, 'js'));
  return (config as KernelConfig<K>).fn;
}

/** All registered implementations (for conformance tests). @internal */
export function listKernels(): readonly KernelConfig[] {
  return [...registry.values()];
}

/**
 * True when `backend` can run in this runtime (`'js'` always; `'wasm-simd'` when `WebAssembly.validate`
 * accepts a SIMD probe module; `'native'` when the optional C++ addon built at install loaded, see
 * `ntk info`).
 * @param backend - backend name
 * @returns whether the backend is usable here
 * @example
 * isBackendAvailable('js'); // true
 * @remarks Since 0.1.0
 */
export function isBackendAvailable(backend: BackendName): boolean {
  if (backend === 'native') return nativeStatus().available;
  return backend === 'js' || (backend === 'wasm-simd' && wasmSimdSupported());
}

function preferredBackend(): BackendName {
  if (nativeStatus().available) return 'native';
  return wasmSimdSupported() ? 'wasm-simd' : 'js';
}

function envBackend(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.NTK_BACKEND;
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Picks the backend for a call: `requested ?? process.env.NTK_BACKEND ?? preferred`, the preferred one being
 * `'native'` when the C++ addon loaded, else `'wasm-simd'` when WebAssembly SIMD is supported, else `'js'`.
 * Without an explicit request, unavailable backends are skipped silently.
 * @param fn - public function name, for error messages
 * @param requested - `options.backend` of the call, if any
 * @returns the backend to use
 * @throws {@link DomainError} if the requested (or `NTK_BACKEND`) name is not a backend
 * @throws {@link BackendUnavailableError} if `'wasm-simd'` or `'native'` was requested explicitly but cannot
 * run here
 * @example
 * resolveBackend('matmul', 'js'); // "js"
 * @remarks Since 0.1.0
 */
export function resolveBackend(fn: string, requested?: string): BackendName {
  const fromEnv = requested === undefined ? envBackend() : undefined;
  const explicit = requested ?? fromEnv;
  if (explicit === undefined) return preferredBackend();
  const arg = requested !== undefined ? 'options.backend' : 'NTK_BACKEND';
  if (!(BACKENDS as readonly string[]).includes(explicit)) {
    throw new DomainError(
      `${arg} must be one of 'js', 'wasm-simd', 'native' (got ${JSON.stringify(explicit)})`,
      {
        fn,
        arg,
        expected: BACKENDS.join(' | '),
        actual: String(explicit),
      },
    );
  }
  const backend = explicit as BackendName;
  if (!isBackendAvailable(backend)) {
    const why =
      backend === 'native'
        ? `native addon unavailable: ${nativeStatus().reason ?? 'unknown reason'}`
        : 'WebAssembly SIMD is not supported';
    throw new BackendUnavailableError(
      `${arg} must name a backend available in this runtime (got '${backend}': ${why})`,
      { fn, arg, actual: backend },
    );
  }
  return backend;
}
