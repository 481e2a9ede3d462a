/**
 * Loader of the optional native backend: the N-API addon `build/Release/ntk_native.node` that
 * `npm install` builds from `binding.gyp` and `native/` when a C++ compiler is present
 * (`scripts/build-native.mjs`; the install never fails without one). Loaded lazily and synchronously on
 * first use; when it is missing or `NTK_NATIVE=0`, {@link nativeKernels} returns `undefined` and
 * {@link nativeStatus} says why, and the toolkit runs on WebAssembly or JavaScript.
 * @internal
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { DgemmFn } from '../js/dgemm.ts';
import type { DsyrkFn } from '../js/dpotrf.ts';
import type { DtrsmFn } from '../js/dtrsm.ts';
import type { FalkonPassFn } from '../js/falkonPass.ts';

/** Exports of the addon (see native/addon.cc). Functions grow with the kernels it carries. */
export interface NativeKernels {
  /** Instruction set the kernels dispatch to on this CPU: `'avx512'`, `'avx2'` or `'generic'`. */
  info(): { readonly isa: string };
  /** C ← alpha·op(A)·op(B) + beta·C (native/gemm.h): the registered `dgemm` contract, then `threads`. */
  dgemm(...args: [...Parameters<DgemmFn>, threads: number]): void;
  /** Lower-triangle C ← alpha·A·Aᵀ + beta·C (native/gemm.h): the `dsyrk` contract, then `threads`. */
  dsyrk(...args: [...Parameters<DsyrkFn>, threads: number]): void;
  /** In-place lower Cholesky (native/lapack.h); writes `[info, minPivot]` into `out`. */
  dpotrf(
    n: number,
    a: Float64Array,
    off: number,
    lda: number,
    nb: number,
    threads: number,
    out: Float64Array,
  ): void;
  /** op(L)·X = B in place (native/lapack.h): the `dtrsm` contract, then `threads`. */
  dtrsm(...args: [...Parameters<DtrsmFn>, threads: number]): void;
  /** Instruction set of the GEMM micro-kernel in use. */
  gemmIsa(): string;
  /**
   * Two-layer net forward reduction: out[i] = s·Σ_r a_r σ(z_ir) over rows i < n of z ([n, m]), σ = ReLU or
   * ReLU² (`square`), summed exactly as `src/nn/twoLayerRows.ts` (native/nn_kernels.h).
   */
  nnActForward?(
    z: Float64Array,
    n: number,
    m: number,
    a: Float64Array,
    s: number,
    square: boolean,
    out: Float64Array,
  ): void;
  /** Two-layer net backward signal in place: z_ir ← s·u_i·a_r·σ'(z_ir) (native/nn_kernels.h). */
  nnActBackward?(
    z: Float64Array,
    n: number,
    m: number,
    a: Float64Array,
    s: number,
    u: Float64Array,
    square: boolean,
  ): void;
  /**
   * FALKON's fused pass w ← w + K_bᵀ·(K_b·u + v)·invN (native/falkon_pass.h): the registered `falkonPass`
   * contract, then `threads`; returns how many row parts ran on other threads than the calling one.
   */
  falkonPass?(...args: [...Parameters<FalkonPassFn>, threads: number]): number;
}

/** Whether the native backend loaded, and if not, why. */
export interface NativeStatus {
  readonly available: boolean;
  /** Instruction set in use when available. */
  readonly isa?: string;
  /** Why it is unavailable (missing build, disabled, load error). */
  readonly reason?: string;
}

// src/backend/native/ and dist/backend/native/ are both three levels below the package root.
const ADDON_URL = new URL('../../../build/Release/ntk_native.node', import.meta.url);

let loaded: { kernels?: NativeKernels; status: NativeStatus } | undefined;
let override: boolean | undefined;

/**
 * Test hook: `false` makes the native backend report itself unavailable (as without a build), `undefined`
 * restores the real status. It cannot make a missing addon available.
 * @internal
 */
export function setNativeOverride(available: false | undefined): void {
  override = available;
}

const OVERRIDDEN: NativeStatus = { available: false, reason: 'disabled (test override)' };

function load(): { kernels?: NativeKernels; status: NativeStatus } {
  if (process.env.NTK_NATIVE === '0')
    return { status: { available: false, reason: 'disabled (NTK_NATIVE=0)' } };
  const path = fileURLToPath(ADDON_URL);
  if (!existsSync(path)) {
    return {
      status: { available: false, reason: 'not built (no C++ toolchain at install, or NTK_NO_NATIVE=1)' },
    };
  }
  try {
    const kernels = createRequire(import.meta.url)(path) as NativeKernels;
    return { kernels, status: { available: true, isa: kernels.info().isa } };
  } catch (e) {
    return { status: { available: false, reason: `failed to load: ${(e as Error).message}` } };
  }
}

/** The native kernels, or `undefined` when the addon is unavailable. @internal */
export function nativeKernels(): NativeKernels | undefined {
  if (override === false) return undefined;
  loaded ??= load();
  return loaded.kernels;
}

/** Whether the native backend is usable here, its instruction set, or why not. @internal */
export function nativeStatus(): NativeStatus {
  if (override === false) return OVERRIDDEN;
  loaded ??= load();
  return loaded.status;
}
