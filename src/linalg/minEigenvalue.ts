import { ConvergenceError } from '../errors.ts';
import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
import { createRng } from '../random/rng.ts';
import type { MatLike } from '../types.ts';
import { ddot, dgemv } from './blas.ts';
import { eighUnchecked } from './eigh.ts';
import { toMat } from './mat.ts';
import { assertSymmetric } from './validate.ts';

/** Options of {@link minEigenvalue}. */
export interface MinEigenvalueOptions {
  /**
   * Maximum Krylov dimension (Lanczos steps).
   * @defaultValue min(n, 300)
   */
  readonly maxIterations?: number;
  /**
   * Stop when the Ritz residual ‖A·y − θ·y‖ ≤ tol·‖A‖₂ (‖A‖₂ estimated by the largest Ritz value).
   * @defaultValue 1e-8
   */
  readonly tol?: number;
  /**
   * Seed of the random start vector.
   * @defaultValue 0
   */
  readonly seed?: number;
  /**
   * Throw {@link ConvergenceError} instead of returning `converged: false`.
   * @defaultValue false
   */
  readonly throwOnNoConvergence?: boolean;
}

/** Result of {@link minEigenvalue}. */
export interface MinEigenvalueResult {
  /** Smallest Ritz value θ (an upper bound on λ_min; within residualNorm of an eigenvalue). */
  readonly value: number;
  /** Unit Ritz vector y, length n. */
  readonly vector: Float64Array;
  /** True if residualNorm ≤ tol·‖A‖₂. */
  readonly converged: boolean;
  /** Lanczos steps taken. */
  readonly iterations: number;
  /** Explicit ‖A·y − θ·y‖₂ (recomputed, not the recurrence estimate). */
  readonly residualNorm: number;
}

/**
 * Smallest eigenvalue of a symmetric (typically PSD kernel) matrix by the Lanczos method with full
 * reorthogonalisation. By the Bauer–Fike/Kahan bound some eigenvalue lies within `residualNorm` of `value`;
 * the Ritz value never underestimates λ_min. Slow convergence (clustered small eigenvalues) is reported
 * through `converged` and `residualNorm`.
 *
 * @param a - symmetric matrix, shape [n, n]
 * @param options - iterations, tolerance, seed
 * @returns `{ value, vector, converged, iterations, residualNorm }`
 * @throws {@link ShapeError} if `a` is not square
 * @throws {@link DomainError} if `a` is not symmetric
 * @throws {@link ConvergenceError} if `throwOnNoConvergence` and not converged
 * @example
 * const r = minEigenvalue([[2, 1], [1, 2]]);
 * r.value; // 1.0000
 * r.converged; // true
 * @see Golub, Van Loan, "Matrix Computations" (4th ed.), §10.1
 * @remarks Since 0.1.0
 */
export function minEigenvalue(a: MatLike, options?: MinEigenvalueOptions): MinEigenvalueResult {
  const fn = 'minEigenvalue';
  const opts = checkOptions(fn, options);
  const A = toMat(a, fn, 'a');
  assertSymmetric(fn, 'a', A);
  const n = A.rows;
  const maxIt = Math.min(
    n,
    checkInteger(fn, 'options.maxIterations', opts.maxIterations ?? Math.min(n, 300), 1),
  );
  const tol = checkNumber(fn, 'options.tol', opts.tol ?? 1e-8, { min: 0 });
  const seed = checkInteger(fn, 'options.seed', opts.seed ?? 0, Number.MIN_SAFE_INTEGER);
  const throwOnNoConvergence = opts.throwOnNoConvergence ?? false;

  const rng = createRng(seed);
  const V = new Float64Array(maxIt * n);
  const alpha = new Float64Array(maxIt);
  const beta = new Float64Array(maxIt);
  const w = new Float64Array(n);
  rng.fillNormal(w);
  let nrm = Math.sqrt(ddot(n, w, 1, 0, w, 1, 0));
  for (let i = 0; i < n; i++) V[i] = w[i] / nrm;
  let m = 0;
  let best = { theta: Number.NaN, s: new Float64Array(1), resEst: Number.POSITIVE_INFINITY, anorm: 0 };
  const ritz = (k: number) => {
    const T = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      T[i * k + i] = alpha[i];
      if (i + 1 < k) {
        T[i * k + i + 1] = beta[i];
        T[(i + 1) * k + i] = beta[i];
      }
    }
    const { values, vectors } = eighUnchecked({ rows: k, cols: k, data: T });
    const s = new Float64Array(k);
    for (let i = 0; i < k; i++) s[i] = vectors.data[i * k];
    const anorm = Math.max(Math.abs(values[0]), Math.abs(values[k - 1]));
    return { theta: values[0], s, resEst: Math.abs(beta[k - 1] * s[k - 1]), anorm };
  };
  for (let j = 0; j < maxIt; j++) {
    m = j + 1;
    dgemv(false, n, n, 1, A.data, 0, n, V, j * n, 0, w, 0);
    alpha[j] = ddot(n, w, 1, 0, V, 1, j * n);
    // Full reorthogonalisation (twice is enough): w ← w − V_{0..j} (V_{0..j}ᵀ w).
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p <= j; p++) {
        const c = ddot(n, w, 1, 0, V, 1, p * n);
        for (let i = 0; i < n; i++) w[i] -= c * V[p * n + i];
      }
    }
    nrm = Math.sqrt(ddot(n, w, 1, 0, w, 1, 0));
    beta[j] = nrm;
    const atEnd = j + 1 === maxIt;
    if (atEnd || nrm === 0 || j % 5 === 4 || j < 4) {
      best = ritz(m);
      if (nrm <= 1e-14 * best.anorm || best.resEst <= tol * best.anorm * 0.5 || atEnd) break;
    }
    if (j + 1 < maxIt) for (let i = 0; i < n; i++) V[(j + 1) * n + i] = w[i] / nrm;
  }
  const y = new Float64Array(n);
  for (let p = 0; p < m; p++) {
    const c = best.s[p];
    for (let i = 0; i < n; i++) y[i] += c * V[p * n + i];
  }
  const ny = Math.sqrt(ddot(n, y, 1, 0, y, 1, 0));
  for (let i = 0; i < n; i++) y[i] /= ny;
  const ay = new Float64Array(n);
  dgemv(false, n, n, 1, A.data, 0, n, y, 0, 0, ay, 0);
  const theta = ddot(n, y, 1, 0, ay, 1, 0);
  for (let i = 0; i < n; i++) ay[i] -= theta * y[i];
  const residualNorm = Math.sqrt(ddot(n, ay, 1, 0, ay, 1, 0));
  const converged = residualNorm <= tol * Math.max(best.anorm, Number.MIN_VALUE) || residualNorm === 0;
  if (!converged && throwOnNoConvergence) {
    throw new ConvergenceError(
      `a's smallest eigenvalue must converge within ${maxIt} Lanczos steps (got residual ${residualNorm})`,
      { fn, arg: 'a', iterations: m, residualNorm },
    );
  }
  return { value: theta, vector: y, converged, iterations: m, residualNorm };
}
