/**
 * Closed-form NNGP and NTK of a fully connected ReLU network (neural-tangents `stax` conventions).
 * @packageDocumentation
 */
import { checkInteger, checkNumber, checkOneOf, checkOptions, checkSignal } from '../internal/assert.ts';
import { teamGram } from '../parallel/teamGram.ts';
import type { KernelPair, Mat, MatLike, VecLike } from '../types.ts';
import { assembleInputGradient } from './assembleInputGradient.ts';
import {
  type FcReluPlan,
  fcReluGradScratch,
  fcReluPairGrad,
  fcReluPrepare,
  fcReluRowsInto,
  mirrorLower,
} from './fcReluCore.ts';
import type { InputGradientOptions, KernelDiag, KernelFn } from './types.ts';
import { gradientGet, gradientInputs, kernelInputs, rejectUnknownKeys } from './validateKernelArgs.ts';

/** Options of {@link fcReluKernel}. */
export interface FcReluKernelOptions {
  /**
   * Number of hidden layers (Dense → ReLU blocks) before the final Dense readout; 0 = a single Dense.
   * @defaultValue 1
   */
  readonly depth?: number;
  /**
   * Weight standard deviation σ_w (Dense: Σ ← σ_w²·Σ + σ_b²).
   * @defaultValue 1
   */
  readonly wStd?: number;
  /**
   * Bias standard deviation σ_b; 0 = no bias (neural-tangents `b_std=None`).
   * @defaultValue 0
   */
  readonly bStd?: number;
  /**
   * `'ntk'`: Θ ← σ_w²Θ + Σ_new per Dense. `'standard'` (neural-tangents standard parameterisation):
   * Θ ← σ_w²Θ + n_in·Σ_in + [σ_b > 0], with fan-in n_in = d for the first Dense and `width` after.
   * @defaultValue `'ntk'`
   */
  readonly parameterization?: 'ntk' | 'standard';
  /**
   * Hidden-layer width used by the `'standard'` NTK (neural-tangents: the `out_dim` of the hidden
   * `Dense` layers); ignored by `'ntk'` and by the NNGP.
   * @defaultValue 1
   */
  readonly width?: number;
}

/** Per-call options of the Gram function of {@link fcReluKernel}. */
export interface GramCallOptions {
  /**
   * Checked between row blocks of the Gram (on the worker team too): an aborted signal stops the
   * computation with {@link AbortError}, whose `data.completed` is the fraction of row blocks finished.
   * @remarks Since 0.2.0
   */
  readonly signal?: AbortSignal;
}

/** A {@link KernelFn} that also reports its resolved options. */
export interface FcReluKernelFn extends KernelFn {
  /**
   * NNGP and NTK matrices, as {@link KernelFn}, with per-call options (an `AbortSignal`).
   * @param x1 - inputs, shape [n1, d]
   * @param x2 - inputs, shape [n2, d]; omitted or null = the symmetric Gram of x1
   * @param call - `{ signal }`
   * @throws {@link AbortError} if `call.signal` is aborted before the last row block
   */
  (x1: MatLike, x2?: MatLike | null, call?: GramCallOptions): KernelPair;
  readonly options: Readonly<Required<FcReluKernelOptions>>;
}

const FN = 'fcReluKernel';
const KEYS = ['depth', 'wStd', 'bStd', 'parameterization', 'width'] as const;

/** Validates the options and builds the plan. @internal */
export function fcReluPlan(options: FcReluKernelOptions | undefined): {
  plan: FcReluPlan;
  resolved: Required<FcReluKernelOptions>;
} {
  const o = checkOptions(FN, options);
  rejectUnknownKeys(FN, o, KEYS);
  const depth = o.depth === undefined ? 1 : checkInteger(FN, 'options.depth', o.depth, 0);
  const wStd = o.wStd === undefined ? 1 : checkNumber(FN, 'options.wStd', o.wStd, { min: 0 });
  const bStd = o.bStd === undefined ? 0 : checkNumber(FN, 'options.bStd', o.bStd, { min: 0 });
  const parameterization =
    o.parameterization === undefined
      ? 'ntk'
      : checkOneOf(FN, 'options.parameterization', o.parameterization, ['ntk', 'standard'] as const);
  const width =
    o.width === undefined ? 1 : checkNumber(FN, 'options.width', o.width, { min: 0, exclusiveMin: true });
  const standard = parameterization === 'standard';
  return {
    plan: {
      depth,
      w2: wStd * wStd,
      b2: bStd * bStd,
      w: wStd,
      b: bStd,
      standard,
      width,
      beta: standard && bStd > 0 ? 1 : 0,
    },
    resolved: { depth, wStd, bStd, parameterization, width },
  };
}

/**
 * Closed-form infinite-width NNGP (Σ) and NTK (Θ) of
 * `Dense(wStd, bStd) → ReLU → … (depth times) → Dense(wStd, bStd)`, in neural-tangents `stax` conventions:
 * Σ⁰ = x·x'/d; Dense: Σ ← σ_w²Σ + σ_b², Θ ← σ_w²Θ + Σ ('ntk'); ReLU (arc-cosine):
 * Σ ← √(q₁q₂)(sin θ + (π − θ)cos θ)/(2π), Θ ← Θ·(π − θ)/(2π).
 *
 * Numerics: the angle is never taken from an unclamped `acos` or from √(q₁q₂ − q₁₂²). Each pair carries
 * (1 − cos θ, 1 + cos θ) with full relative accuracy (Kahan's θ = 2·atan2(‖x̂ − x̂'‖, ‖x̂ + x̂'‖) at the
 * input, then cancellation-free updates through every Dense and ReLU), so results keep full float64 accuracy
 * as ρ → ±1. Zero rows are allowed (their kernel values are the limits). The Gram path computes x1·x2ᵀ with
 * GEMM and then runs the recursion over flat buffers without per-entry allocation.
 *
 * @param options - architecture and parameterisation, see {@link FcReluKernelOptions}
 * @returns a {@link KernelFn}: `(x1, x2?) => { nngp, ntk }` (each [n1, n2]), `.diag(x)`,
 *   `.inputGradient(x, z, alpha?, { get })`, and the resolved `.options`
 * @throws {@link DomainError} for negative `wStd`/`bStd`, non-integer or negative `depth`, non-positive
 *   `width`, an unknown `parameterization` or an unknown option key
 * @throws {@link ArgumentTypeError} if an option has the wrong type
 * @throws {@link NonFiniteError} for NaN/±Infinity options; the kernel function throws it for non-finite inputs
 * @throws {@link ShapeError} (from the kernel function) for empty inputs or mismatched column counts
 * @example
 * const k = fcReluKernel({ depth: 1, wStd: 1, bStd: 0 });
 * const { nngp, ntk } = k([[1, 0], [0, 1]]);
 * ntk.data[0]; // 0.5
 * ntk.data[1]; // 0.0796
 * nngp.data[1]; // 0.0796
 * @see Jacot, Gabriel, Hongler (2018) "Neural Tangent Kernel", arXiv:1806.07572
 * @see Cho, Saul (2009) "Kernel Methods for Deep Learning" (arc-cosine kernels)
 * @see Novak et al. (2020) "Neural Tangents", arXiv:1912.02803; Sohl-Dickstein et al. (2020),
 *   arXiv:2001.07301 (standard parameterisation)
 * @remarks Since 0.1.0
 */
export function fcReluKernel(options?: FcReluKernelOptions): FcReluKernelFn {
  const { plan, resolved } = fcReluPlan(options);
  const gramSpec = { kind: 'fc-relu' as const, ...resolved };
  const kernel = (x1: MatLike, x2?: MatLike | null, call?: GramCallOptions): KernelPair => {
    const { a, b } = kernelInputs(FN, x1, x2);
    const signal = checkSignal(FN, 'call.signal', checkOptions(FN, call, 'call').signal);
    const d = a.cols;
    const n1 = a.rows;
    const sa = fcReluPrepare(plan, a.data, n1, d);
    const sym = b === null;
    const sb = sym ? sa : fcReluPrepare(plan, b.data, b.rows, d);
    const n2 = sb.n;
    // Rows in blocks on the worker team (bit-identical to one call, see teamGram).
    const { nngp, ntk } = teamGram(
      gramSpec,
      a.data,
      n1,
      d,
      sym ? null : b.data,
      n2,
      (r0, r1, kn, kt) => fcReluRowsInto(plan, sa, sb, sym, sym, r0, r1, kn, kt, r0 * n2, n2),
      signal,
      FN,
    );
    if (sym) {
      mirrorLower(nngp, n1);
      mirrorLower(ntk, n1);
    }
    return { nngp: { rows: n1, cols: n2, data: nngp }, ntk: { rows: n1, cols: n2, data: ntk } };
  };
  const diag = (x: MatLike): KernelDiag => {
    const { a } = kernelInputs(`${FN}.diag`, x, null);
    const s = fcReluPrepare(plan, a.data, a.rows, a.cols);
    const L = plan.depth + 1;
    const nngp = new Float64Array(a.rows);
    for (let i = 0; i < a.rows; i++) nngp[i] = s.qOut[i * L + L - 1];
    return { nngp, ntk: s.ntkDiag.slice() };
  };
  const inputGradient = (
    x: MatLike,
    z: MatLike,
    alpha?: VecLike | null,
    gradOptions?: InputGradientOptions,
  ): Mat => {
    const fn = `${FN}.inputGradient`;
    const { xm, zm, w } = gradientInputs(fn, x, z, alpha);
    const getNtk = gradientGet(fn, gradOptions);
    const d = xm.cols;
    const sa = fcReluPrepare(plan, xm.data, xm.rows, d);
    const sb = fcReluPrepare(plan, zm.data, zm.rows, d);
    const scratch = fcReluGradScratch(plan);
    const data = assembleInputGradient(sa, sb, w, (i, j, g, m, p, out) =>
      fcReluPairGrad(plan, sa, i, sb, j, g, m, p, getNtk, scratch, out),
    );
    return { rows: xm.rows, cols: d, data };
  };
  const spec = Object.freeze({ name: 'fcRelu' as const, ...resolved });
  return Object.assign(kernel, { diag, inputGradient, options: Object.freeze({ ...resolved }), spec });
}
