import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { checkNumber, checkOptions } from '../internal/assert.ts';
import type { Mat, MatLike } from '../types.ts';
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
 * Symmetric eigendecomposition A = V·diag(λ)·Vᵀ (Householder tridiagonalisation + implicit QL, via
 * ml-matrix's `EigenvalueDecomposition` with `assumeSymmetric`; O(n³), not blocked: fine up to n ≈ 2000).
 * The matrix is symmetrised as (A + Aᵀ)/2 before the decomposition.
 *
 * @param a - symmetric matrix, shape [n, n]
 * @param options - symmetry tolerance
 * @returns `{ values, vectors }`, values ascending, eigenvectors as columns
 * @throws {@link ShapeError} if `a` is not square
 * @throws {@link DomainError} if `a` is not symmetric
 * @throws {@link NonFiniteError} if `a` has NaN or ±Infinity
 * @example
 * const { values } = eigh([[2, 1], [1, 2]]);
 * Array.from(values); // [1, 3]
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
 * {@link eigh} without validation.
 * @internal
 */
export function eighUnchecked(A: Mat): EighResult {
  const n = A.rows;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = new Array<number>(n);
    for (let j = 0; j < n; j++) r[j] = 0.5 * (A.data[i * n + j] + A.data[j * n + i]);
    rows.push(r);
  }
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const vals = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => vals[p] - vals[q]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const src = order[j];
    values[j] = vals[src];
    for (let i = 0; i < n; i++) vectors[i * n + j] = V.get(i, src);
  }
  return { values, vectors: { rows: n, cols: n, data: vectors } };
}
