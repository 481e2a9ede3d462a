import { ConvergenceError } from '../errors.ts';
import { checkNumber, checkOptions } from '../internal/assert.ts';
import type { Mat, MatLike } from '../types.ts';
import { dsyev } from './dsyev.ts';
import { toMat } from './mat.ts';
import { assertSymmetric } from './validate.ts';

/** Options of {@link eigh}. */
export interface EighOptions {
  /**
   * Relative tolerance of the symmetry check (`false` skips it).
   * @defaultValue 1e-10
   */
  readonly symmetryTol?: number | false;
}

/** Result of {@link eigh}: A = V·diag(values)·Vᵀ. */
export interface EighResult {
  /** Eigenvalues in ascending order, length n. */
  readonly values: Float64Array;
  /** Orthonormal eigenvectors as columns, shape [n, n]: column j belongs to `values[j]`. */
  readonly vectors: Mat;
}

/**
 * Symmetric eigendecomposition A = V·diag(λ)·Vᵀ (Householder tridiagonalisation + implicit QL, the
 * tred2/tql2 algorithms of ml-matrix's `EigenvalueDecomposition`, reorganised for contiguous row-major
 * access (≈ 2× faster than ml-matrix, same results); O(n³), unblocked, ≈ 3 s at n = 1000).
 * The matrix is symmetrised as (A + Aᵀ)/2 before the decomposition.
 *
 * @param a - symmetric matrix, shape [n, n]
 * @param options - symmetry tolerance
 * @returns `{ values, vectors }`, values ascending, eigenvectors as columns
 * @throws {@link ShapeError} if `a` is not square
 * @throws {@link DomainError} if `a` is not symmetric
 * @throws {@link NonFiniteError} if `a` has NaN or ±Infinity
 * @throws {@link ConvergenceError} if the QL iteration does not converge (not observed in practice)
 * @example
 * const { values } = eigh([[2, 1], [1, 2]]);
 * Array.from(values); // [1.0000, 3.0000]
 * @see Golub, Van Loan, "Matrix Computations" (4th ed.), §8.3
 * @remarks Since 0.1.0
 */
export function eigh(a: MatLike, options?: EighOptions): EighResult {
  const fn = 'eigh';
  const { symmetryTol = 1e-10 } = checkOptions(fn, options);
  const A = toMat(a, fn, 'a');
  if (symmetryTol !== false)
    assertSymmetric(fn, 'a', A, checkNumber(fn, 'options.symmetryTol', symmetryTol, { min: 0 }));
  else assertSymmetric(fn, 'a', A, Number.POSITIVE_INFINITY);
  return eighUnchecked(A);
}

/**
 * {@link eigh} without validation (symmetrises (A + Aᵀ)/2, then {@link dsyev}).
 * @internal
 */
export function eighUnchecked(A: Mat): EighResult {
  const n = A.rows;
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = 0.5 * (A.data[i * n + j] + A.data[j * n + i]);
      w[i * n + j] = v;
      w[j * n + i] = v;
    }
  const values = new Float64Array(n);
  if (!dsyev(n, w, values)) {
    throw new ConvergenceError(
      `a's eigenvalues must converge in the QL iteration (got no convergence, n = ${n})`,
      {
        fn: 'eigh',
        arg: 'a',
      },
    );
  }
  // rows of w are eigenvectors; return them as columns
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) vectors[i * n + j] = w[j * n + i];
  return { values, vectors: { rows: n, cols: n, data: vectors } };
}
