/**
 * Synchronous, lazy loader of the WASM-SIMD kernels (stdlib delivery pattern): the module bytes are embedded
 * as base64 in `kernels.wasm.generated.ts`, compiled with `new WebAssembly.Module` on first use, and never
 * through top-level await (which would break `require()` of this ESM package on Node 20).
 * @internal
 * @packageDocumentation
 */
import { KERNELS_WASM_BASE64 } from './kernels.wasm.generated.ts';

/** The slice of the WebAssembly JS API used here (the project's `lib` has no DOM/WebAssembly typings). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<WasmModule>;
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  readonly Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
}
const wasmApi = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Exports of the AssemblyScript module (see assembly/index.ts). */
export interface WasmKernels {
  readonly memory: WasmMemory;
  dgemmMacro(
    mc: number,
    nc: number,
    kc: number,
    alpha: number,
    pa: number,
    pb: number,
    pc: number,
    ldc: number,
    overwrite: number,
  ): void;
  scratchBase(): number;
  /** Two-layer net forward reduction (assembly/nn.ts); byte addresses, `square` 0/1. */
  nnActForward?(pz: number, n: number, m: number, pa: number, s: number, square: number, pout: number): void;
  /** Two-layer net backward signal in place (assembly/nn.ts); byte addresses, `square` 0/1. */
  nnActBackward?(pz: number, n: number, m: number, pa: number, s: number, pu: number, square: number): void;
  /** FALKON pass: the partial of one part of rows (assembly/falkon.ts); byte addresses, 0 = null u / v. */
  falkonPartial?(
    pkb: number,
    rows: number,
    M: number,
    k: number,
    puT: number,
    pv: number,
    invN: number,
    pg: number,
    pt: number,
  ): void;
}

/** (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt): validates only where fixed-width SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
  11,
]);

let simdProbe: boolean | undefined;
let simdOverride: boolean | undefined;
let kernels: WasmKernels | undefined;
let compiled: WasmModule | undefined;

/**
 * True when this runtime has WebAssembly with fixed-width SIMD (feature probe: `WebAssembly.validate` on a
 * 31-byte module using `i8x16.popcnt`, as tfjs and wasm-feature-detect do). Cached after the first call.
 * @returns whether the `'wasm-simd'` backend can run here
 * @example
 * wasmSimdSupported(); // true
 * @remarks Since 0.1.0
 */
export function wasmSimdSupported(): boolean {
  if (simdOverride !== undefined) return simdOverride;
  if (simdProbe === undefined) {
    try {
      const api = wasmApi();
      simdProbe = api?.validate(SIMD_PROBE) === true;
    } catch {
      simdProbe = false;
    }
  }
  return simdProbe === true;
}

/**
 * Test hook: pretend SIMD is (un)available; `undefined` restores the real probe.
 * @internal
 */
export function setWasmSimdOverride(value: boolean | undefined): void {
  simdOverride = value;
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function instantiate(api: WasmApi, module: WasmModule): WasmKernels {
  const instance = new api.Instance(module, {
    env: {
      abort: () => {
        throw new Error('wasm kernels: abort');
      },
    },
  });
  return instance.exports as unknown as WasmKernels;
}

/** The kernels instance of this thread, compiled and instantiated synchronously on first call. */
export function getWasmKernels(): WasmKernels {
  if (kernels === undefined) {
    const api = wasmApi();
    if (api === undefined) throw new Error('wasm kernels: WebAssembly is not available');
    compiled ??= new api.Module(decodeBase64(KERNELS_WASM_BASE64));
    kernels = instantiate(api, compiled);
  }
  return kernels;
}

/**
 * Compiles the kernels asynchronously (for browsers' main threads, which cap synchronous compilation size).
 * Optional on Node: the first kernel call compiles synchronously.
 * @returns a promise that resolves once the kernels are ready (immediately without WebAssembly)
 * @example
 * await initWasm();
 * @remarks Since 0.1.0
 */
export async function initWasm(): Promise<void> {
  const api = wasmApi();
  if (kernels !== undefined || api === undefined) return;
  compiled ??= await api.compile(decodeBase64(KERNELS_WASM_BASE64));
  kernels ??= instantiate(api, compiled);
}

/**
 * A Float64Array view of the kernels' memory with at least `bytes` bytes after `scratchBase()`; grows memory
 * when needed. Views are invalidated by growth, so callers take a fresh one per call.
 */
export function scratchView(k: WasmKernels, bytes: number): Float64Array {
  const need = k.scratchBase() + bytes;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  return new Float64Array(k.memory.buffer);
}
