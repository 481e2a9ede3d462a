/**
 * Gram / cross matrices of kernels that depend on (x·z, ‖x‖, ‖z‖, θ) only (arc-cosine family, the paper's
 * two-layer NTK). x1·x2ᵀ comes from GEMM; the per-pair angle state uses the stable (1 ∓ cos θ) form.
 * @internal
 * @packageDocumentation
 */
import type { Mat } from '../types.ts';
import { mirrorLower } from './fcReluCore.ts';
import { gramGemm, gramProducts, gramScratch } from './gramGemm.ts';
import { nativeTwoLayerRows } from './nativeRecursion.ts';
import { inputPairState, type RowScales, rowScales, transposeBuf, unitRows } from './numerics.ts';
import type { RecursionImpl } from './recursionChoice.ts';
import { pickRecursion } from './recursionInUse.ts';
import { wasmTwoLayerRows } from './wasmRecursion.ts';

/**
 * Per-pair values: given the dot product g, the norms and the pair state (m, p), writes `nOut` values to
 * `out` (e.g. nngp and ntk). `ang` is a scratch buffer of length ≥ 6.
 */
export type AngularPairFn = (
  g: number,
  n1: number,
  n2: number,
  m: number,
  p: number,
  ang: Float64Array,
  out: Float64Array,
) => void;

/** Per-row diagonal values from Σx²: writes `nOut` values to `out`. */
export type AngularDiagFn = (sq: number, out: Float64Array) => void;

/** Side data of an angular kernel evaluation. */
export interface AngularSide {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly xT: Float64Array;
  readonly norm: Float64Array;
  readonly sq: Float64Array;
  readonly unit: Float64Array;
  readonly rs: RowScales;
}

/** Precomputes norms, unit rows and the transpose of `x`. @internal */
export function angularSide(x: Float64Array, n: number, d: number): AngularSide {
  const rs = rowScales(x, n, d);
  let xT: Float64Array | undefined;
  let unit: Float64Array | undefined;
  return {
    n,
    d,
    x,
    get xT() {
      xT ??= transposeBuf(x, n, d);
      return xT;
    },
    norm: rs.norm,
    sq: rs.sq,
    get unit() {
      unit ??= unitRows(n, d, rs);
      return unit;
    },
    rs,
  };
}

/**
 * The two-layer kernel ({@link twoLayerNtk}) as the native recursion knows it: with it, `pairFn`/`diagFn`
 * run natively (bit-identical) when the addon is loaded.
 */
export interface AngularNative {
  /** ReLU² (else ReLU). */
  readonly quad: boolean;
  /** Both layers trained (ntk = first + nngp). */
  readonly both: boolean;
}

/**
 * Unchecked row-block kernel: rows [r0, r1) into `outs[k]` at `offOut + (i − r0)·ldOut + j`; `symmetric`
 * computes j ≤ i only (diagonal from `diagFn`). Bit-identical under any row split (see fcReluRowsInto).
 * With `native` (two outputs: nngp, ntk of the two-layer kernel) the pairs run in the native recursion when
 * the addon is loaded, else in WebAssembly SIMD when supported, with the same bits; `impl` (default: this
 * thread's `withRecursion` override, else automatic) forces one implementation.
 * @internal
 */
export function angularRowsInto(
  a: AngularSide,
  b: AngularSide,
  symmetric: boolean,
  pairFn: AngularPairFn,
  diagFn: AngularDiagFn,
  r0: number,
  r1: number,
  outs: readonly Float64Array[],
  offOut: number,
  ldOut: number,
  native?: AngularNative,
  impl: RecursionImpl = 'auto',
): void {
  const d = a.d;
  const n2 = b.n;
  const nOut = outs.length;
  const gg = gramGemm(d, n2);
  const rb = gg.rows;
  const gbuf = gramScratch(Math.min(rb, r1 - r0) * n2);
  const { nat, wasm } = pickRecursion(
    'angularRowsInto',
    impl,
    native !== undefined,
    ' or the kernel has no native form',
  );
  if (native !== undefined && (nat !== undefined || wasm !== undefined)) {
    const res = new Float64Array(2);
    for (let i0 = r0; i0 < r1; i0 += rb) {
      const i1 = Math.min(r1, i0 + rb);
      const cols = symmetric ? i1 : n2;
      gramProducts(gg, i1 - i0, cols, d, a.x, i0 * d, b, gbuf);
      const oo = offOut + (i0 - r0) * ldOut;
      const { quad, both } = native;
      if (nat !== undefined) {
        nativeTwoLayerRows(
          nat,
          quad,
          both,
          d,
          a,
          b,
          gbuf,
          0,
          cols,
          i0,
          i1,
          symmetric,
          outs[0],
          outs[1],
          oo,
          ldOut,
        );
      } else if (wasm !== undefined) {
        wasmTwoLayerRows(wasm, quad, both, a, b, gbuf, cols, i0, i1, symmetric, outs[0], outs[1], oo, ldOut);
        if (symmetric) {
          for (let i = i0; i < i1; i++) {
            diagFn(a.sq[i], res);
            outs[0][oo + (i - i0) * ldOut + i] = res[0];
            outs[1][oo + (i - i0) * ldOut + i] = res[1];
          }
        }
      }
    }
    return;
  }
  const ang = new Float64Array(6);
  const st = new Float64Array(2);
  const res = new Float64Array(nOut);
  for (let i0 = r0; i0 < r1; i0 += rb) {
    const i1 = Math.min(r1, i0 + rb);
    const cols = symmetric ? i1 : n2;
    gramProducts(gg, i1 - i0, cols, d, a.x, i0 * d, b, gbuf);
    for (let i = i0; i < i1; i++) {
      const jEnd = symmetric ? i + 1 : n2;
      const go = (i - i0) * cols;
      const oo = offOut + (i - r0) * ldOut;
      for (let j = 0; j < jEnd; j++) {
        if (symmetric && i === j) diagFn(a.sq[i], res);
        else {
          const g = gbuf[go + j];
          inputPairState(g, a.rs, i, b.rs, j, d, st);
          pairFn(g, a.norm[i], b.norm[j], st[0], st[1], ang, res);
        }
        for (let k = 0; k < nOut; k++) outs[k][oo + j] = res[k];
      }
    }
  }
}

/** Full matrices (symmetric when `b` is null: one triangle, mirrored). @internal */
export function angularGram(
  a: Mat,
  b: Mat | null,
  pairFn: AngularPairFn,
  diagFn: AngularDiagFn,
  nOut: number,
  native?: AngularNative,
): Mat[] {
  const d = a.cols;
  const sa = angularSide(a.data, a.rows, d);
  const sb = b === null ? sa : angularSide(b.data, b.rows, d);
  const n1 = a.rows;
  const n2 = sb.n;
  const outs: Float64Array[] = [];
  for (let k = 0; k < nOut; k++) outs.push(new Float64Array(n1 * n2));
  angularRowsInto(sa, sb, b === null, pairFn, diagFn, 0, n1, outs, 0, n2, native);
  if (b === null) for (const o of outs) mirrorLower(o, n1);
  return outs.map((data) => ({ rows: n1, cols: n2, data }));
}

/** Diagonal values for every row. @internal */
export function angularDiag(a: Mat, diagFn: AngularDiagFn, nOut: number): Float64Array[] {
  const { sq } = rowScales(a.data, a.rows, a.cols);
  const outs: Float64Array[] = [];
  for (let k = 0; k < nOut; k++) outs.push(new Float64Array(a.rows));
  const res = new Float64Array(nOut);
  for (let i = 0; i < a.rows; i++) {
    diagFn(sq[i], res);
    for (let k = 0; k < nOut; k++) outs[k][i] = res[k];
  }
  return outs;
}
