/**
 * The WebAssembly-SIMD layer recursion (assembly/ntk.ts), the fallback of the native one
 * ({@link nativeRecursion}) for runtimes without the addon: the fc-ReLU row-block recursion of
 * {@link fcReluRowsInto} and the two-layer kernel rows of {@link angularRowsInto}, on the dot products of the
 * Gram GEMM, two column pairs per f64x2 vector. It runs the same IEEE operations in the same order as the
 * JavaScript (fdlibm's atan, the algorithm of V8's `Math.atan2`, is ported; WebAssembly never fuses a
 * multiply-add), so every entry is bit-identical to the JavaScript path for any row split.
 *
 * Used automatically when the native recursion is unavailable and WebAssembly SIMD is supported, in the
 * calling thread and in every team worker (each instantiates the module; see recursionChoice.ts for the
 * order and `NTK_BACKEND`). The inputs and outputs live outside WebAssembly memory: each call copies the
 * column side once and the rows in chunks through the scratch area (`scratchView`, which grows memory). The
 * rare pairs that need the refined input angle (near-parallel rows, extreme exponents) take the JavaScript
 * `inputPairState` itself, so the rows' scaled copies never enter WebAssembly memory.
 * @internal
 * @packageDocumentation
 */
import { getWasmKernels, scratchView, type WasmKernels, wasmSimdSupported } from '../backend/wasm/loader.ts';
import type { FcReluPlan, FcReluSide } from './fcReluTypes.ts';
import { inputPairState, type RowScales } from './numerics.ts';
import { forcedRecursion, type RecursionImpl, recursionAllowed } from './recursionChoice.ts';

/** Exports of assembly/ntk.ts (arguments as documented there; pointers are byte addresses). */
export interface WasmRecursionKernels extends WasmKernels {
  ntkPairStates(
    rows: number,
    i0: number,
    cols: number,
    ld: number,
    lowerOnly: number,
    aSnorm: number,
    aExpo: number,
    bSnorm: number,
    bExpo: number,
    g: number,
    m: number,
    p: number,
    fix: number,
  ): number;
  ntkFcReluRows(
    depth: number,
    w2: number,
    b2: number,
    standard: number,
    width: number,
    beta: number,
    d: number,
    rows: number,
    i0: number,
    cols: number,
    ld: number,
    lowerOnly: number,
    aSIn: number,
    aSOut: number,
    bSInT: number,
    bSOutT: number,
    g: number,
    m: number,
    p: number,
    outN: number,
    outT: number,
  ): void;
  ntkTwoLayerRows(
    quad: number,
    both: number,
    rows: number,
    i0: number,
    cols: number,
    ld: number,
    lowerOnly: number,
    aNorm: number,
    bNorm: number,
    g: number,
    m: number,
    p: number,
    outN: number,
    outT: number,
  ): void;
  /** Test-only atan variant of this thread's instance: 0 fdlibm, 1 a Horner evaluation; returns the one set. */
  ntkAtanVariant(v: number): number;
}

/**
 * The WASM recursion kernels when WebAssembly SIMD is supported and `recursionAllowed('wasm-simd', choice)`
 * (default choice: this thread's `withRecursion` override, else automatic); otherwise `undefined`, also when
 * the module cannot be instantiated synchronously (a browser's main thread before `await initWasm()`). Test
 * hook: `NTK_TEST_WASM_ATAN=horner` in a thread's environment when it first gets here selects the
 * negative-control atan of {@link setWasmAtanVariant} for that thread.
 * @internal
 */
export function wasmRecursion(choice: RecursionImpl = forcedRecursion()): WasmRecursionKernels | undefined {
  if (!recursionAllowed('wasm-simd', choice) || !wasmSimdSupported()) return undefined;
  let k: WasmKernels & Partial<WasmRecursionKernels>;
  try {
    k = getWasmKernels();
  } catch {
    // A browser's main thread refuses to compile a module this size synchronously before `initWasm()`.
    return undefined;
  }
  if (
    k.ntkPairStates === undefined ||
    k.ntkFcReluRows === undefined ||
    k.ntkTwoLayerRows === undefined ||
    k.ntkAtanVariant === undefined
  ) {
    return undefined;
  }
  if (!controlRead) {
    // Test-only: a thread whose environment asks for it starts with the negative-control atan, so the
    // conformance tests can tell that team workers really run this recursion (setWasmAtanVariant reaches
    // the calling thread only).
    controlRead = true;
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    if (env?.NTK_TEST_WASM_ATAN === 'horner') k.ntkAtanVariant(1);
  }
  return k as WasmRecursionKernels;
}

let controlRead = false;

/**
 * Test hook (this thread's instance): `'horner-atan'` evaluates atan's polynomial by one Horner scheme (an
 * ulp-level change: the negative control of the conformance tests), `'fdlibm'` restores V8's algorithm.
 * Returns the variant in use.
 * @internal
 */
export function setWasmAtanVariant(k: WasmRecursionKernels, name: 'fdlibm' | 'horner-atan'): string {
  return k.ntkAtanVariant(name === 'horner-atan' ? 1 : 0) === 1 ? 'horner-atan' : 'fdlibm';
}

/** Rows per chunk: at most this many doubles in each of the chunk's g, m, p, outN, outT arrays (4 MiB). */
const CHUNK_DOUBLES = 1 << 19;

/** Offsets (in doubles) of one call's arrays in the scratch area, and the view they live in. */
interface Staging {
  readonly mem: Float64Array;
  readonly cols: number;
  readonly ld: number;
  readonly chunk: number;
  /** Column side: snorm, expo and the extra arrays. */
  readonly col: Readonly<Record<string, number>>;
  /** Row chunk: snorm, expo, the extras, g, m, p, outN, outT, fix. */
  readonly row: Readonly<Record<string, number>>;
}

/**
 * Lays out one call in the scratch area (64-byte-aligned base, every array 16-byte aligned) and copies the
 * column side: snorm (pad 1), expo (pad 0), and `colExtra` arrays of `len`·ld doubles, filled by
 * `fill(view, offset, ld)`. Row-chunk arrays: snorm, expo and `rowExtra` ones of `len`·chunk doubles.
 */
function stage(
  k: WasmRecursionKernels,
  rs: RowScales,
  cols: number,
  rows: number,
  colExtra: readonly {
    name: string;
    len: number;
    fill: (mem: Float64Array, at: number, ld: number) => void;
  }[],
  rowExtra: readonly { name: string; len: number }[],
): Staging {
  const ld = (cols + 3) & ~3; // the WASM loops take 4 columns (two f64x2) per step
  const chunk = Math.max(1, Math.min(rows, Math.floor(CHUNK_DOUBLES / ld)));
  const base = k.scratchBase() / 8;
  let top = base;
  const alloc = (len: number): number => {
    const at = top;
    top += len + (len & 1);
    return at;
  };
  const col: Record<string, number> = { snorm: alloc(ld), expo: alloc(ld) };
  for (const e of colExtra) col[e.name] = alloc(e.len * ld);
  const row: Record<string, number> = { snorm: alloc(chunk), expo: alloc(chunk) };
  for (const e of rowExtra) row[e.name] = alloc(e.len * chunk);
  for (const name of ['g', 'm', 'p', 'outN', 'outT']) row[name] = alloc(chunk * ld);
  row.fix = alloc((chunk * ld) / 2 + 1);
  const mem = scratchView(k, 8 * (top - base));
  mem.set(rs.snorm.subarray(0, cols), col.snorm);
  mem.fill(1, col.snorm + cols, col.snorm + ld);
  mem.set(rs.expo.subarray(0, cols), col.expo);
  mem.fill(0, col.expo + cols, col.expo + ld);
  for (const e of colExtra) e.fill(mem, col[e.name], ld);
  return { mem, cols, ld, chunk, col, row };
}

/**
 * Copies rows [c0, c1) of the row side and of the dot products (row i at `(i − i0)·ldg`, columns [0, i] when
 * `lower`, else [0, cols)) into the chunk arrays, then computes their pair states: the WASM vector pass, and
 * the JavaScript {@link inputPairState} for the lanes it lists (refinement, extreme exponents).
 */
function pairStates(
  k: WasmRecursionKernels,
  s: Staging,
  d: number,
  a: RowScales,
  b: RowScales,
  g: Float64Array,
  ldg: number,
  i0: number,
  c0: number,
  c1: number,
  lower: boolean,
): void {
  const { mem, row, col, ld, cols } = s;
  mem.set(a.snorm.subarray(c0, c1), row.snorm);
  mem.set(a.expo.subarray(c0, c1), row.expo);
  for (let i = c0; i < c1; i++) {
    const go = (i - i0) * ldg;
    mem.set(g.subarray(go, go + (lower ? i + 1 : cols)), row.g + (i - c0) * ld);
  }
  const nFix = k.ntkPairStates(
    c1 - c0,
    c0,
    cols,
    ld,
    lower ? 1 : 0,
    row.snorm * 8,
    row.expo * 8,
    col.snorm * 8,
    col.expo * 8,
    row.g * 8,
    row.m * 8,
    row.p * 8,
    row.fix * 8,
  );
  if (nFix === 0) return;
  const fix = new Int32Array(mem.buffer, row.fix * 8, nFix);
  const st = new Float64Array(2);
  for (let q = 0; q < nFix; q++) {
    const o = fix[q];
    const r = Math.floor(o / ld);
    inputPairState(mem[row.g + o], a, c0 + r, b, o - r * ld, d, st);
    mem[row.m + o] = st[0];
    mem[row.p + o] = st[1];
  }
}

/** Copies the chunk's outputs of rows [c0, c1) to `outOff + (i − i0)·ldOut + j` (columns as in pairStates). */
function unstageRows(
  s: Staging,
  i0: number,
  c0: number,
  c1: number,
  lower: boolean,
  outN: Float64Array,
  outT: Float64Array,
  outOff: number,
  ldOut: number,
): void {
  const { mem, row, ld, cols } = s;
  for (let i = c0; i < c1; i++) {
    const jEnd = lower ? i + 1 : cols;
    const src = (i - c0) * ld;
    const oo = outOff + (i - i0) * ldOut;
    outN.set(mem.subarray(row.outN + src, row.outN + src + jEnd), oo);
    outT.set(mem.subarray(row.outT + src, row.outT + src + jEnd), oo);
  }
}

/**
 * WASM rows [i0, i1) of the fc-ReLU recursion from the dot products in `g` (row i at `(i − i0)·ldg`), written
 * at `outOff + (i − i0)·ldOut + j` for columns [0, i] (`symmetric && lowerOnly`) or [0, b.n); a symmetric
 * diagonal gets the exact diagonal recursion (qOut, ntkDiag), as in the JavaScript.
 * @internal
 */
export function wasmFcReluRows(
  k: WasmRecursionKernels,
  plan: FcReluPlan,
  a: FcReluSide,
  b: FcReluSide,
  g: Float64Array,
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
  const d = a.d;
  const L = plan.depth + 1;
  const lower = symmetric && lowerOnly;
  const cols = lower ? i1 : b.n;
  // √q of the columns, layer-major [L, ld] (pad 1: pad lanes stay finite and are never stored).
  const layerMajor = (src: Float64Array) => (mem: Float64Array, at: number, ld: number) => {
    for (let l = 0; l < L; l++) {
      const o = at + l * ld;
      for (let j = 0; j < cols; j++) mem[o + j] = src[j * L + l];
      mem.fill(1, o + cols, o + ld);
    }
  };
  const s = stage(
    k,
    b.rs,
    cols,
    i1 - i0,
    [
      { name: 'sInT', len: L, fill: layerMajor(b.sIn) },
      { name: 'sOutT', len: L, fill: layerMajor(b.sOut) },
    ],
    [
      { name: 'sIn', len: L },
      { name: 'sOut', len: L },
    ],
  );
  const { mem, col, row } = s;
  for (let c0 = i0; c0 < i1; c0 += s.chunk) {
    const c1 = Math.min(i1, c0 + s.chunk);
    pairStates(k, s, d, a.rs, b.rs, g, ldg, i0, c0, c1, lower);
    mem.set(a.sIn.subarray(c0 * L, c1 * L), row.sIn);
    mem.set(a.sOut.subarray(c0 * L, c1 * L), row.sOut);
    k.ntkFcReluRows(
      plan.depth,
      plan.w2,
      plan.b2,
      plan.standard ? 1 : 0,
      plan.width,
      plan.beta,
      d,
      c1 - c0,
      c0,
      cols,
      s.ld,
      lower ? 1 : 0,
      row.sIn * 8,
      row.sOut * 8,
      col.sInT * 8,
      col.sOutT * 8,
      row.g * 8,
      row.m * 8,
      row.p * 8,
      row.outN * 8,
      row.outT * 8,
    );
    unstageRows(s, i0, c0, c1, lower, outN, outT, outOff, ldOut);
    if (symmetric) {
      for (let i = c0; i < Math.min(c1, b.n); i++) {
        const oo = outOff + (i - i0) * ldOut + i;
        outN[oo] = a.qOut[i * L + L - 1];
        outT[oo] = a.ntkDiag[i];
      }
    }
  }
}

/** Per-row data of the two-layer kernel on one side (src/kernels/angularGram.ts AngularSide). */
export interface WasmAngularSide {
  readonly n: number;
  readonly d: number;
  readonly norm: Float64Array;
  readonly rs: RowScales;
}

/**
 * WASM rows [i0, i1) of the two-layer kernel (`quad`: ReLU², `both`: both layers trained), layout as
 * {@link wasmFcReluRows}; symmetric computes j ≤ i, and the caller overwrites the diagonal with
 * twoLayerNtk's diagFn (the closed form of ‖x‖²), as the JavaScript path does.
 * @internal
 */
export function wasmTwoLayerRows(
  k: WasmRecursionKernels,
  quad: boolean,
  both: boolean,
  a: WasmAngularSide,
  b: WasmAngularSide,
  g: Float64Array,
  ldg: number,
  i0: number,
  i1: number,
  symmetric: boolean,
  outN: Float64Array,
  outT: Float64Array,
  outOff: number,
  ldOut: number,
): void {
  const d = a.d;
  const cols = symmetric ? i1 : b.n;
  const norms = (mem: Float64Array, at: number, ld: number) => {
    mem.set(b.norm.subarray(0, cols), at);
    mem.fill(0, at + cols, at + ld);
  };
  const s = stage(
    k,
    b.rs,
    cols,
    i1 - i0,
    [{ name: 'norm', len: 1, fill: norms }],
    [{ name: 'norm', len: 1 }],
  );
  const { mem, col, row } = s;
  for (let c0 = i0; c0 < i1; c0 += s.chunk) {
    const c1 = Math.min(i1, c0 + s.chunk);
    pairStates(k, s, d, a.rs, b.rs, g, ldg, i0, c0, c1, symmetric);
    mem.set(a.norm.subarray(c0, c1), row.norm);
    k.ntkTwoLayerRows(
      quad ? 1 : 0,
      both ? 1 : 0,
      c1 - c0,
      c0,
      cols,
      s.ld,
      symmetric ? 1 : 0,
      row.norm * 8,
      col.norm * 8,
      row.g * 8,
      row.m * 8,
      row.p * 8,
      row.outN * 8,
      row.outT * 8,
    );
    unstageRows(s, i0, c0, c1, symmetric, outN, outT, outOff, ldOut);
  }
}
