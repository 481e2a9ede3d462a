/**
 * Kernel registry (tfjs `KernelConfig` style): one `{ name, backend, fn }` entry per kernel and backend,
 * with the JavaScript implementation always present. Backend resolution:
 * `options.backend ?? process.env.NTK_BACKEND ?? (WASM SIMD available ? 'wasm-simd' : 'js')`,
 * falling back silently to `'js'` unless `'wasm-simd'` was asked for explicitly.
 * @packageDocumentation
 */
import { BackendUnavailableError, DomainError } from '../errors.ts';
import { type DgemmFn, jsDgemm } from './js/dgemm.ts';
import { type DpotrfFn, type DsyrkFn, jsDpotrf, jsDsyrk } from './js/dpotrf.ts';
import { wasmDgemm } from './wasm/dgemm.ts';
import { wasmDpotrf } from './wasm/dpotrf.ts';
import { wasmDsyrk } from './wasm/dsyrk.ts';
import { wasmSimdSupported } from './wasm/loader.ts';

/** Names of the compute backends. */
export type BackendName = 'js' | 'wasm-simd';

/** All backend names, in order of preference when nothing is requested (last = preferred). */
export const BACKENDS: readonly BackendName[] = ['js', 'wasm-simd'];

/** Signatures of the registered kernels, by name. */
export interface KernelSignatures {
  readonly dgemm: DgemmFn;
  readonly dsyrk: DsyrkFn;
  readonly dpotrf: DpotrfFn;
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
 * accepts a SIMD probe module).
 * @param backend - backend name
 * @returns whether the backend is usable here
 * @example
 * isBackendAvailable('js'); // true
 * @remarks Since 0.1.0
 */
export function isBackendAvailable(backend: BackendName): boolean {
  return backend === 'js' || (backend === 'wasm-simd' && wasmSimdSupported());
}

function envBackend(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.NTK_BACKEND;
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Picks the backend for a call: `requested ?? process.env.NTK_BACKEND ?? (SIMD ? 'wasm-simd' : 'js')`.
 * Without an explicit request, an unavailable WASM backend falls back silently to `'js'`.
 * @param fn - public function name, for error messages
 * @param requested - `options.backend` of the call, if any
 * @returns the backend to use
 * @throws {@link DomainError} if the requested (or `NTK_BACKEND`) name is not a backend
 * @throws {@link BackendUnavailableError} if `'wasm-simd'` was requested explicitly but cannot run here
 * @example
 * resolveBackend('matmul', 'js'); // "js"
 * @remarks Since 0.1.0
 */
export function resolveBackend(fn: string, requested?: string): BackendName {
  const fromEnv = requested === undefined ? envBackend() : undefined;
  const explicit = requested ?? fromEnv;
  if (explicit === undefined) return wasmSimdSupported() ? 'wasm-simd' : 'js';
  const arg = requested !== undefined ? 'options.backend' : 'NTK_BACKEND';
  if (!(BACKENDS as readonly string[]).includes(explicit)) {
    throw new DomainError(`${arg} must be one of 'js', 'wasm-simd' (got ${JSON.stringify(explicit)})`, {
      fn,
      arg,
      expected: BACKENDS.join(' | '),
      actual: String(explicit),
    });
  }
  const backend = explicit as BackendName;
  if (!isBackendAvailable(backend)) {
    throw new BackendUnavailableError(
      `${arg} must name a backend available in this runtime (got '${backend}': WebAssembly SIMD is not supported)`,
      { fn, arg, actual: backend },
    );
  }
  return backend;
}
