import { ArgumentTypeError, ConvergenceError, ShapeError } from '../errors.ts';
import { checkInteger, checkNumber, checkOptions, describe } from '../internal/assert.ts';
import type { MatLike, VecLike } from '../types.ts';
import { ddot, dgemv } from './blas.ts';
import { toMat, toVec } from './mat.ts';
import { assertSymmetric } from './validate.ts';

/** A preconditioner M⁻¹: writes M⁻¹·r into `out`. */
export type Preconditioner = (r: Float64Array, out: Float64Array) => void;

/** Options of {@link conjugateGradient}. */
export interface ConjugateGradientOptions {
  /**
   * Stop when ‖b − A·x‖₂ ≤ tol·‖b‖₂.
   * @defaultValue 1e-10
   */
  readonly tol?: number;
  /**
   * Maximum iterations.
   * @defaultValue 10·n
   */
  readonly maxIterations?: number;
  /**
   * `'jacobi'` (M = diag A), `'none'`, or a function applying M⁻¹ (must be symmetric positive definite).
   * @defaultValue 'jacobi'
   */
  readonly preconditioner?: 'jacobi' | 'none' | Preconditioner;
  /**
   * Starting guess, length n.
   * @defaultValue zeros
   */
  readonly x0?: VecLike;
  /**
   * Throw {@link ConvergenceError} instead of returning `converged: false`.
   * @defaultValue false
   */
  readonly throwOnNoConvergence?: boolean;
}

/** Result of {@link conjugateGradient}. */
export interface ConjugateGradientResult {
  /** Approximate solution, length n. */
  readonly x: Float64Array;
  /** True if residualNorm ≤ tol·‖b‖₂. */
  readonly converged: boolean;
  /** Iterations taken. */
  readonly iterations: number;
  /** Explicit ‖b − A·x‖₂ of the returned x (recomputed, not the recurrence value). */
  readonly residualNorm: number;
}

/**
 * Preconditioned conjugate gradients for a symmetric positive definite system A·x = b.
 * Recurrence residuals drift from the true residual in floating point; the returned `residualNorm` is
 * recomputed from x, and convergence is re-checked against it.
 *
 * @param a - symmetric positive definite matrix, shape [n, n]
 * @param b - right-hand side, length n
 * @param options - tolerance, iteration cap, preconditioner, start
 * @returns `{ x, converged, iterations, residualNorm }`
 * @throws {@link ShapeError} if shapes disagree
 * @throws {@link DomainError} if `a` is not symmetric or an option is out of range
 * @throws {@link ConvergenceError} if `throwOnNoConvergence` and not converged
 * @example
 * const r = conjugateGradient([[4, 1], [1, 3]], [1, 2]);
 * Array.from(r.x); // [0.0909, 0.6364]
 * r.converged; // true
 * @see Hestenes, Stiefel (1952); Saad, "Iterative Methods for Sparse Linear Systems", Alg. 9.1
 * @remarks Since 0.1.0
 */
export function conjugateGradient(
  a: MatLike,
  b: VecLike,
  options?: ConjugateGradientOptions,
): ConjugateGradientResult {
  const fn = 'conjugateGradient';
  const opts = checkOptions(fn, options);
  const A = toMat(a, fn, 'a');
  assertSymmetric(fn, 'a', A);
  const n = A.rows;
  const bv = toVec(b, fn, 'b');
  if (bv.length !== n) {
    throw new ShapeError(`b must have length ${n} (got ${bv.length})`, {
      fn,
      arg: 'b',
      expected: n,
      actual: bv.length,
    });
  }
  const tol = checkNumber(fn, 'options.tol', opts.tol ?? 1e-10, { min: 0 });
  const maxIt = checkInteger(fn, 'options.maxIterations', opts.maxIterations ?? 10 * n, 0);
  const pre = opts.preconditioner ?? 'jacobi';
  let apply: Preconditioner;
  if (pre === 'none') apply = (r, out) => out.set(r);
  else if (pre === 'jacobi') {
    const inv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const d = A.data[i * n + i];
      inv[i] = d > 0 ? 1 / d : 1;
    }
    apply = (r, out) => {
      for (let i = 0; i < n; i++) out[i] = inv[i] * r[i];
    };
  } else if (typeof pre === 'function') apply = pre;
  else {
    throw new ArgumentTypeError(
      `options.preconditioner must be 'jacobi', 'none' or a function (got ${describe(pre)})`,
      { fn, arg: 'options.preconditioner', expected: "'jacobi' | 'none' | function", actual: describe(pre) },
    );
  }
  const x = new Float64Array(n);
  if (opts.x0 !== undefined) {
    const x0 = toVec(opts.x0, fn, 'options.x0');
    if (x0.length !== n) {
      throw new ShapeError(`options.x0 must have length ${n} (got ${x0.length})`, {
        fn,
        arg: 'options.x0',
        expected: n,
        actual: x0.length,
      });
    }
    x.set(x0);
  }
  const bnorm = Math.sqrt(ddot(n, bv, 1, 0, bv, 1, 0));
  const target = tol * bnorm;
  const r = bv.slice();
  dgemv(false, n, n, -1, A.data, 0, n, x, 0, 1, r, 0);
  const z = new Float64Array(n);
  const q = new Float64Array(n);
  apply(r, z);
  const p = z.slice();
  let rz = ddot(n, r, 1, 0, z, 1, 0);
  let it = 0;
  let rnorm = Math.sqrt(ddot(n, r, 1, 0, r, 1, 0));
  while (rnorm > target && it < maxIt) {
    dgemv(false, n, n, 1, A.data, 0, n, p, 0, 0, q, 0);
    const pq = ddot(n, p, 1, 0, q, 1, 0);
    if (!(pq > 0)) break; // A not positive definite along p (or breakdown): stop, report honestly.
    const step = rz / pq;
    for (let i = 0; i < n; i++) {
      x[i] += step * p[i];
      r[i] -= step * q[i];
    }
    it++;
    rnorm = Math.sqrt(ddot(n, r, 1, 0, r, 1, 0));
    if (rnorm <= target) break;
    apply(r, z);
    const rzNew = ddot(n, r, 1, 0, z, 1, 0);
    const bet = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i] + bet * p[i];
  }
  const res = bv.slice();
  dgemv(false, n, n, -1, A.data, 0, n, x, 0, 1, res, 0);
  const residualNorm = Math.sqrt(ddot(n, res, 1, 0, res, 1, 0));
  const converged = residualNorm <= target;
  if (!converged && opts.throwOnNoConvergence) {
    throw new ConvergenceError(
      `the system must converge to tol ${tol} within ${maxIt} iterations (got relative residual ${residualNorm / bnorm})`,
      { fn, arg: 'a', iterations: it, residualNorm },
    );
  }
  return { x, converged, iterations: it, residualNorm };
}
