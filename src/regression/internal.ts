/**
 * Shared validation and helpers of the regression module.
 * @internal
 * @packageDocumentation
 */
import { type BackendName, getKernel, resolveBackend } from '../backend/registry.ts';
import { ArgumentTypeError, NotPositiveDefiniteError, ShapeError } from '../errors.ts';
import { checkNumber, checkOneOf, checkOptions, describe } from '../internal/assert.ts';
import { choleskyUnchecked, makeCholeskyResult } from '../linalg/cholesky.ts';
import { isMat, toMat, toVec } from '../linalg/mat.ts';
import { assertSymmetric } from '../linalg/validate.ts';
import type { Mat, MatLike, VecLike } from '../types.ts';

/** Diagonal regularisation with its unit, as in neural-tangents' `diag_reg` + `diag_reg_absolute_scale`. */
export interface DiagReg {
  /**
   * Strength, ≥ 0.
   * @defaultValue 0
   */
  readonly value: number;
  /**
   * `'absolute'`: add value·I. `'trace'`: add value·(trace K / n)·I (neural-tangents' default).
   * @defaultValue 'trace'
   */
  readonly scale?: 'absolute' | 'trace';
}

/** Targets or outputs: a vector (one output) or a matrix [n, k] (k outputs). */
export type TargetsLike = VecLike | MatLike;

/** True if `y` should be read as a vector. */
function isVectorLike(y: unknown): boolean {
  if (y instanceof Float64Array) return true;
  return Array.isArray(y) && (y.length === 0 || !Array.isArray(y[0]));
}

/** Validates targets into a Mat [n, k]; `n` (if given) must match the rows. */
export function toTargets(y: unknown, fn: string, arg: string, n?: number): Mat {
  let Y: Mat;
  if (isVectorLike(y)) {
    const v = toVec(y, fn, arg);
    Y = { rows: v.length, cols: 1, data: v };
  } else Y = toMat(y, fn, arg);
  if (n !== undefined && Y.rows !== n) {
    throw new ShapeError(`${arg} must have ${n} rows to match the kernel (got ${Y.rows})`, {
      fn,
      arg,
      expected: n,
      actual: Y.rows,
    });
  }
  if (Y.rows === 0) throw new ShapeError(`${arg} must not be empty (got 0 rows)`, { fn, arg, actual: 0 });
  return Y;
}

/** Initial outputs f_0: a number (broadcast), a vector (k = 1) or a matrix [n, k]; default 0. */
export function toOutputs0(f: unknown, fn: string, arg: string, n: number, k: number): Mat {
  if (f === undefined) return { rows: n, cols: k, data: new Float64Array(n * k) };
  if (typeof f === 'number') {
    const v = checkNumber(fn, arg, f);
    return { rows: n, cols: k, data: new Float64Array(n * k).fill(v) };
  }
  const F = toTargets(f, fn, arg, n);
  if (F.cols !== k) {
    throw new ShapeError(`${arg} must have ${k} columns like yTrain (got ${F.cols})`, {
      fn,
      arg,
      expected: k,
      actual: F.cols,
    });
  }
  return F;
}

/** Validates a symmetric kernel matrix [n, n]. */
export function toKernel(k: unknown, fn: string, arg: string): Mat {
  const K = toMat(k, fn, arg);
  assertSymmetric(fn, arg, K);
  return K;
}

/** Validates a cross kernel [m, n] against n training points. */
export function toCrossKernel(k: unknown, fn: string, arg: string, n: number): Mat {
  const K = toMat(k, fn, arg);
  if (K.cols !== n) {
    throw new ShapeError(`${arg} must have ${n} columns (one per training point) (got ${K.cols})`, {
      fn,
      arg,
      expected: n,
      actual: K.cols,
    });
  }
  return K;
}

/** Resolves `diagReg` to the absolute amount added to the diagonal of K. */
export function resolveDiagReg(diagReg: unknown, K: Mat, fn: string): number {
  if (diagReg === undefined) return 0;
  const d = checkOptions(fn, diagReg as DiagReg, 'options.diagReg');
  const value = checkNumber(fn, 'options.diagReg.value', d.value ?? 0, { min: 0 });
  const scale = checkOneOf(fn, 'options.diagReg.scale', d.scale ?? 'trace', ['absolute', 'trace'] as const);
  if (scale === 'absolute') return value;
  const n = K.rows;
  let tr = 0;
  for (let i = 0; i < n; i++) tr += K.data[i * n + i];
  return (value * tr) / n;
}

/** K + λ·I as a new Mat. */
export function addDiagonal(K: Mat, lambda: number): Mat {
  const d = K.data.slice();
  if (lambda !== 0) for (let i = 0; i < K.rows; i++) d[i * K.cols + i] += lambda;
  return { rows: K.rows, cols: K.cols, data: d };
}

/** Reads `pair[get]` as a MatLike or throws ArgumentTypeError naming the field. */
export function pick(pair: unknown, get: 'nngp' | 'ntk', fn: string, arg: string): unknown {
  if (pair === null || typeof pair !== 'object' || isMat(pair) || Array.isArray(pair)) {
    throw new ArgumentTypeError(`${arg} must be an object { nngp, ntk } (got ${describe(pair)})`, {
      fn,
      arg,
      expected: '{ nngp, ntk }',
      actual: describe(pair),
    });
  }
  const v = (pair as Record<string, unknown>)[get];
  if (v === undefined) {
    throw new ArgumentTypeError(`${arg}.${get} must be given for get = '${get}' (got undefined)`, {
      fn,
      arg: `${arg}.${get}`,
      expected: 'MatLike',
      actual: 'undefined',
    });
  }
  return v;
}

/**
 * Resolves `options.backend` of a regression solver (see {@link resolveBackend}): unset → `NTK_BACKEND`, else
 * `'wasm-simd'` when available, else `'js'`; an explicit `'wasm-simd'` that cannot run throws.
 * @internal
 */
export function resolveSolverBackend(fn: string, backend: unknown): BackendName {
  return resolveBackend(fn, backend === undefined ? undefined : (backend as string));
}

/**
 * Cholesky of an SPD matrix (already regularised), with the reported jitter schedule; returns a solver for
 * [n, k] right-hand sides. The factor kernel is the registered `dpotrf` of `backend` (same pivots and
 * failure rows on every backend, so the jitter retries and their reporting do not depend on it).
 * @internal
 */
export function factorSpd(
  A: Mat,
  jitter: 'auto' | 'none',
  fn: string,
  arg: string,
  backend: BackendName = 'js',
): { solve: (B: Mat) => Mat; jitterUsed: number; L: Mat } {
  const n = A.rows;
  const jitters = [0];
  if (jitter === 'auto') {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(A.data[i * n + i]);
    const base = s > 0 ? s / n : 1;
    for (let k = 0; k <= 6; k++) jitters.push(10 ** k * Number.EPSILON * base);
  }
  const r = choleskyUnchecked(A, jitters, getKernel('dpotrf', backend));
  if (r.L === null) {
    const tried = jitters[jitters.length - 1];
    throw new NotPositiveDefiniteError(
      `${arg} (+ diagReg) must be positive definite (got pivot ${r.minPivot} at row ${r.info} with jitter ${tried})`,
      { fn, arg, minPivot: r.minPivot, jitterTried: tried, jitterSequence: jitters, row: r.info },
    );
  }
  const { solve } = makeCholeskyResult(r.L, r.jitterUsed, r.minPivot, getKernel('dtrsm', backend));
  return { solve: (B: Mat): Mat => solve(B), jitterUsed: r.jitterUsed, L: r.L };
}
