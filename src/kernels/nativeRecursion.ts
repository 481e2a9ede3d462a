/**
 * The native layer recursions (native/ntk_kernels.{h,cc}): the fc-ReLU row-block recursion of
 * {@link fcReluRowsInto} and the two-layer kernel of {@link twoLayerNtk}, on the dot products of the Gram
 * GEMM. They run the same IEEE operations in the same order as the JavaScript (fdlibm's atan, the algorithm
 * of V8's `Math.atan2`, is ported), so every entry is bit-identical to the JavaScript path, on every
 * instruction set (AVX-512, AVX2, generic C++) and for any row split.
 *
 * Used automatically when the addon is loaded (`nativeStatus()`) and no other backend is requested: an
 * explicit `NTK_BACKEND` other than `'native'` keeps the recursion in WebAssembly or JavaScript
 * (src/kernels/recursionChoice.ts).
 * @internal
 * @packageDocumentation
 */
import { type NativeKernels, nativeKernels } from '../backend/native/loader.ts';
import type { FcReluPlan, FcReluSide } from './fcReluTypes.ts';
import type { RowScales } from './numerics.ts';
import { forcedRecursion, type RecursionImpl, recursionAllowed } from './recursionChoice.ts';

/** Addon exports of native/ntk_napi.cc (arguments in the order documented there). */
export interface NativeRecursionKernels {
  fcReluRows(
    params: Float64Array,
    aSnorm: Float64Array,
    aExpo: Float64Array,
    aScaled: Float64Array,
    aSIn: Float64Array,
    aSOut: Float64Array,
    aQOut: Float64Array,
    aNtkDiag: Float64Array,
    bSnorm: Float64Array,
    bExpo: Float64Array,
    bScaled: Float64Array,
    bSIn: Float64Array,
    bSOut: Float64Array,
    g: Float64Array,
    gOff: number,
    ldg: number,
    i0: number,
    i1: number,
    flags: number,
    outN: Float64Array,
    outT: Float64Array,
    outOff: number,
    ldOut: number,
  ): void;
  /** Copies the strict lower triangle of the row-major [n, n] buffer into its upper triangle. */
  mirrorLower(k: Float64Array, n: number): void;
  /**
   * Selects the code path of the recursions on the calling thread only (`'avx512'`, `'avx2'`, `'generic'`, each
   * capped by the CPU; `'libm-atan'`, the C library's atan instead of fdlibm's, the negative control of the
   * conformance tests; `''` automatic) and returns the one in use; without an argument it only queries.
   */
  recursionVariant(name?: string): string;
  twoLayerRows(
    flags: number,
    d: number,
    aNorm: Float64Array,
    aSq: Float64Array,
    aSnorm: Float64Array,
    aExpo: Float64Array,
    aScaled: Float64Array,
    bNorm: Float64Array,
    bSnorm: Float64Array,
    bExpo: Float64Array,
    bScaled: Float64Array,
    g: Float64Array,
    gOff: number,
    ldg: number,
    i0: number,
    i1: number,
    outN: Float64Array,
    outT: Float64Array,
    outOff: number,
    ldOut: number,
  ): void;
}

/**
 * The native recursion kernels when the addon carries them and {@link recursionAllowed} lets them run for
 * `choice` (default: this thread's `withRecursion` override, else automatic: `NTK_BACKEND` unset, empty
 * or `'native'`); otherwise `undefined` (the WASM or JavaScript recursion runs).
 * @internal
 */
export function nativeRecursion(
  choice: RecursionImpl = forcedRecursion(),
): NativeRecursionKernels | undefined {
  if (!recursionAllowed('native', choice)) return undefined;
  const k = nativeKernels() as (NativeKernels & Partial<NativeRecursionKernels>) | undefined;
  return k?.fcReluRows === undefined ||
    k.twoLayerRows === undefined ||
    k.recursionVariant === undefined ||
    k.mirrorLower === undefined
    ? undefined
    : (k as NativeKernels & NativeRecursionKernels);
}

/** The plan as the Float64Array of native/ntk_napi.cc: depth, w², b², standard, width, β, d. @internal */
export function nativeFcParams(plan: FcReluPlan, d: number): Float64Array {
  return Float64Array.of(plan.depth, plan.w2, plan.b2, plan.standard ? 1 : 0, plan.width, plan.beta, d);
}

/**
 * Native rows [i0, i1) of the fc-ReLU recursion from the dot products in `g` (row i at
 * `gOff + (i − i0)·ldg`), written at `outOff + (i − i0)·ldOut + j`.
 * @internal
 */
export function nativeFcReluRows(
  k: NativeRecursionKernels,
  params: Float64Array,
  a: FcReluSide,
  b: FcReluSide,
  g: Float64Array,
  gOff: number,
  ldg: number,
  i0: number,
  i1: number,
  symmetric: boolean,
  lowerOnly: boolean,
  outN: Float64Array,
  outT: Float64Array,
  outOff: number,
  ldOut: number,
): void {
  const ra = a.rs;
  const rb = b.rs;
  k.fcReluRows(
    params,
    ra.snorm,
    ra.expo,
    ra.scaled,
    a.sIn,
    a.sOut,
    a.qOut,
    a.ntkDiag,
    rb.snorm,
    rb.expo,
    rb.scaled,
    b.sIn,
    b.sOut,
    g,
    gOff,
    ldg,
    i0,
    i1,
    (symmetric ? 1 : 0) | (lowerOnly ? 2 : 0),
    outN,
    outT,
    outOff,
    ldOut,
  );
}

/** Per-row data of the two-layer kernel on one side. */
export interface NativeAngularSide {
  readonly norm: Float64Array;
  readonly sq: Float64Array;
  readonly rs: RowScales;
}

/**
 * Native rows [i0, i1) of the two-layer kernel (`quad`: ReLU², `both`: both layers trained), layout as
 * {@link nativeFcReluRows}; symmetric computes j ≤ i.
 * @internal
 */
export function nativeTwoLayerRows(
  k: NativeRecursionKernels,
  quad: boolean,
  both: boolean,
  d: number,
  a: NativeAngularSide,
  b: NativeAngularSide,
  g: Float64Array,
  gOff: number,
  ldg: number,
  i0: number,
  i1: number,
  symmetric: boolean,
  outN: Float64Array,
  outT: Float64Array,
  outOff: number,
  ldOut: number,
): void {
  k.twoLayerRows(
    (quad ? 1 : 0) | (both ? 2 : 0) | (symmetric ? 4 : 0),
    d,
    a.norm,
    a.sq,
    a.rs.snorm,
    a.rs.expo,
    a.rs.scaled,
    b.norm,
    b.rs.snorm,
    b.rs.expo,
    b.rs.scaled,
    g,
    gOff,
    ldg,
    i0,
    i1,
    outN,
    outT,
    outOff,
    ldOut,
  );
}
