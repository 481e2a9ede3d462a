/**
 * A kernel expansion f(x) = Σ_j α_j k(x, c_j) as a first-class model: predictions, closed-form input
 * gradients and certified output bounds over perturbation sets.
 * @packageDocumentation
 */
import { ArgumentTypeError, DomainError, ShapeError } from '../errors.ts';
import {
  assertLength,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
  describe,
} from '../internal/assert.ts';
import { checkDataBox } from '../internal/checkDataBox.ts';
import type { KernelChoice, KernelFn, KernelSpec, ScalarKernelFn } from '../kernels/types.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import type {
  CertifiableModel,
  Mat,
  MatLike,
  OutputBoundMethod,
  OutputBoundOptions,
  OutputBoundResult,
  VecLike,
} from '../types.ts';
import {
  type BoundBudgetResolved,
  boundSample,
  makeNodeBounder,
  type SampleSet,
} from './kernelOutputBound.ts';

/** Options of {@link kernelPredictor}. */
export interface KernelPredictorOptions {
  /**
   * Which kernel of the pair the expansion uses (ignored by single kernels such as {@link arcCosineKernel}).
   * @defaultValue `'ntk'`
   */
  readonly get?: KernelChoice;
  /**
   * Residual cells per centre in the linear relaxation of the certified bounds (more = tighter, slower).
   * @defaultValue 16
   */
  readonly relaxationCells?: number;
  /**
   * First-pass bounds of {@link KernelPredictor.boundOutput}: `'ibp'` (interval bounds only), `'linear'`
   * (linear relaxation only) or `'both'` (the larger). For benchmarks of each ingredient.
   * @defaultValue `'both'`
   */
  readonly firstPass?: 'ibp' | 'linear' | 'both';
}

/** A kernel predictor: {@link CertifiableModel} plus its data. */
export interface KernelPredictor extends CertifiableModel {
  /** The kernel (call it for Gram matrices). */
  readonly kernel: KernelFn | ScalarKernelFn;
  /** Which kernel of the pair the expansion uses. */
  readonly get: KernelChoice;
  /** Centres c_j, shape [m, d]. */
  readonly centers: Mat;
  /** Coefficients α_j, length m. */
  readonly alpha: Float64Array;
  /** The kernel's serialisable description, or undefined for a user kernel (then bounds are −∞). */
  readonly spec: KernelSpec | undefined;
}

const FN = 'kernelPredictor';

/** K(x, C) of either kernel type. */
function cross(kernel: KernelFn | ScalarKernelFn, get: KernelChoice, x: Mat, c: Mat): Mat {
  const r = kernel(x, c) as unknown;
  if (r !== null && typeof r === 'object' && 'ntk' in (r as object) && 'nngp' in (r as object)) {
    return (r as Record<KernelChoice, Mat>)[get];
  }
  return r as Mat;
}

/**
 * The kernel predictor f(x) = Σ_j α_j k(x, c_j) as a {@link CertifiableModel}: `predict` (one cross-kernel
 * call, K(x, C)·α), `inputGradient` (the kernel's closed form ∂/∂x Σ_j α_j k(x, c_j), times `upstream`) and
 * `boundOutput`: certified lower bounds of min_{x' ∈ B(x_i)} s_i·f(x') over ℓ∞ / ℓ₂ balls (with an optional
 * data box) and spherical caps, for every toolkit kernel ({@link fcReluKernel} in both parameterisations,
 * {@link twoLayerNtk}, {@link arcCosineKernel}, and their {@link biasLiftKernel}); NNGP or NTK.
 *
 * Bounds: each k(·, c_j) is a function of s_j = x·c_j and q = ‖x‖² only. A first pass takes the larger of
 * an interval bound (certified enclosures of k over the ranges of (s_j, q) on the set, from the monotonicity
 * of the arc-cosine maps and their perspectives) and a linear relaxation (γ_j k ≥ a_j s_j + b_j q + e_j with
 * secant slopes and a certified offset e_j, summed to g·x + β‖x‖² + e and minimised exactly over the set).
 * Best-first input branch-and-bound then splits the box until `attained − lower ≤ tolerance` or the budget
 * (`maxNodes`, default 200; `timeLimitMs`, default 2000) is spent. Each sample reports its method
 * (`'exact'` at ρ = 0, `'ibp'`, `'linear'`, `'bab'`) and nodes. A kernel without a `spec` (a user's own
 * function) gets lower = −∞ and method `'none'`.
 *
 * @param kernel - a {@link KernelFn} (pair) or {@link ScalarKernelFn}; its `inputGradient` is used
 * @param centers - c_j, shape [m, d]
 * @param alpha - α_j, length m
 * @param options - `{ get, relaxationCells, firstPass }`
 * @returns a {@link KernelPredictor}
 * @throws {@link ArgumentTypeError} if `kernel` is not a function with `inputGradient`
 * @throws {@link ShapeError} if `alpha` does not have m entries, or (from the methods) x has ≠ d columns
 * @throws {@link DomainError} for an unknown `get`, a negative radius, a box with a cap set, an x outside
 *   the box, or non-unit rows with a cap set
 * @example
 * const f = kernelPredictor(twoLayerNtk(), [[1, 0], [0, 1]], [1, -1]);
 * f.predict(mat(1, 2, new Float64Array([1, 0])))[0]; // 0.5
 * const b = f.boundOutput(mat(1, 2, new Float64Array([1, 0])), { set: { kind: 'linf', radius: 0.1 }, sign: new Float64Array([1]) });
 * b.lower[0] <= f.predict(mat(1, 2, new Float64Array([0.9, 0.1])))[0]; // true
 * @remarks Since 0.2.0
 */
export function kernelPredictor(
  kernel: KernelFn | ScalarKernelFn,
  centers: MatLike,
  alpha: VecLike,
  options?: KernelPredictorOptions,
): KernelPredictor {
  if (typeof kernel !== 'function' || typeof kernel.inputGradient !== 'function') {
    throw new ArgumentTypeError(
      `kernel must be a kernel function with inputGradient (got ${describe(kernel)})`,
      {
        fn: FN,
        arg: 'kernel',
        expected: 'KernelFn',
        actual: describe(kernel),
      },
    );
  }
  const opts = checkOptions(FN, options);
  const get = checkOneOf(FN, 'options.get', opts.get ?? 'ntk', ['ntk', 'nngp'] as const);
  const cells =
    opts.relaxationCells === undefined
      ? 16
      : checkInteger(FN, 'options.relaxationCells', opts.relaxationCells, 1);
  const passes = checkOneOf(FN, 'options.firstPass', opts.firstPass ?? 'both', [
    'ibp',
    'linear',
    'both',
  ] as const);
  const C = toMat(centers, FN, 'centers');
  const a = toVec(alpha, FN, 'alpha');
  assertLength(FN, 'alpha', a.length, C.rows);
  const d = C.cols;
  const spec = kernel.spec;
  const checkX = (x: MatLike, fn: string): Mat => {
    const m = toMat(x, fn, 'x');
    if (m.cols !== d) {
      throw new ShapeError(`x must have ${d} columns like the centres (got ${m.cols})`, {
        fn,
        arg: 'x',
        expected: d,
        actual: m.cols,
      });
    }
    return m;
  };
  const evaluate = (x: Mat): Float64Array => {
    const k = cross(kernel, get, x, C);
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      let s = 0;
      const o = i * k.cols;
      for (let j = 0; j < k.cols; j++) s += k.data[o + j] * a[j];
      out[i] = s;
    }
    return out;
  };
  const predict = (x: Mat): Float64Array => evaluate(checkX(x, `${FN}.predict`));
  const inputGradient = (x: Mat, upstream?: Float64Array): Mat => {
    const fn = `${FN}.inputGradient`;
    const m = checkX(x, fn);
    const g = (kernel as KernelFn).inputGradient(m, C, a, { get });
    if (upstream === undefined) return g;
    const u = toVec(upstream, fn, 'upstream');
    assertLength(fn, 'upstream', u.length, m.rows);
    const data = new Float64Array(g.data.length);
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < d; j++) data[i * d + j] = u[i] * g.data[i * d + j];
    return { rows: m.rows, cols: d, data };
  };
  const boundOutput = (x: Mat, bo: OutputBoundOptions): OutputBoundResult => {
    const fn = `${FN}.boundOutput`;
    const xm = checkX(x, fn);
    const o = checkOptions(fn, bo);
    const n = xm.rows;
    const set = checkOptions(fn, o.set, 'options.set');
    const kind = checkOneOf(fn, 'options.set.kind', set.kind, ['linf', 'l2', 'cap'] as const);
    const rho = checkNumber(fn, 'options.set.radius', set.radius, { min: 0 });
    const sign = toVec(o.sign, fn, 'options.sign');
    assertLength(fn, 'options.sign', sign.length, n);
    let attained: Float64Array | null = null;
    if (o.attained !== undefined) {
      attained = toVec(o.attained, fn, 'options.attained');
      assertLength(fn, 'options.attained', attained.length, n);
    }
    const budget: BoundBudgetResolved = {
      tolerance:
        o.tolerance === undefined ? 1e-3 : checkNumber(fn, 'options.tolerance', o.tolerance, { min: 0 }),
      maxNodes: o.maxNodes === undefined ? 200 : checkInteger(fn, 'options.maxNodes', o.maxNodes, 0),
      timeLimitMs:
        o.timeLimitMs === undefined
          ? 2000
          : checkNumber(fn, 'options.timeLimitMs', o.timeLimitMs, { min: 0 }),
      signal: o.signal,
      cells,
      passes,
    };
    const box = checkDataBox(fn, o.box, kind === 'cap', xm);
    const boxLo = box?.lo ?? null;
    const boxHi = box?.hi ?? null;
    const lower = new Float64Array(n);
    const method: OutputBoundMethod[] = [];
    const nodes = new Float64Array(n);
    const clean = evaluate(xm);
    if (spec === undefined) {
      lower.fill(Number.NEGATIVE_INFINITY);
      for (let i = 0; i < n; i++) method.push(rho === 0 ? 'exact' : 'none');
      for (let i = 0; i < n; i++) if (rho === 0) lower[i] = sign[i] * clean[i];
      return { lower, method, nodes };
    }
    const bounder = makeNodeBounder({ spec, get, centers: C, alpha: a, predict: evaluate }, budget);
    for (let i = 0; i < n; i++) {
      const s = sign[i];
      if (rho === 0) {
        lower[i] = s * clean[i];
        method.push('exact');
        continue;
      }
      const x0 = xm.data.slice(i * d, i * d + d);
      if (kind === 'cap') {
        const nrm = Math.hypot(...x0);
        if (!(Math.abs(nrm - 1) <= 1e-6)) {
          throw new DomainError(`x must have unit-norm rows for a 'cap' set (got norm ${nrm} in row ${i})`, {
            fn,
            arg: 'x',
          });
        }
      }
      const sampleSet: SampleSet = { kind, rho, x0, boxLo, boxHi };
      const att = Math.min(s * clean[i], attained === null ? Number.POSITIVE_INFINITY : attained[i]);
      const r = boundSample(bounder, evaluate, sampleSet, s, att, budget);
      lower[i] = r.lower;
      method.push(r.method);
      nodes[i] = r.nodes;
    }
    return { lower, method, nodes };
  };
  return { inputDim: d, kernel, get, centers: C, alpha: a, spec, predict, inputGradient, boundOutput };
}
