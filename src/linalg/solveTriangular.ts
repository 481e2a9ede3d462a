import { type BackendName, getKernel, resolveBackend } from '../backend/registry.ts';
import { ShapeError } from '../errors.ts';
import { checkOptions } from '../internal/assert.ts';
import type { Mat, MatLike } from '../types.ts';
import { toMat } from './mat.ts';

/** Options of {@link solveTriangular}. */
export interface SolveTriangularOptions {
  /**
   * Solve Lᵀ·X = B instead of L·X = B.
   * @defaultValue false
   */
  readonly trans?: boolean;
  /**
   * Backend of the solve: `'native'` (the optional C++ addon), `'wasm-simd'` or `'js'` (the WebAssembly
   * backend has no triangular solve of its own and runs the JavaScript one). Unset: `NTK_BACKEND`, else the
   * fastest available. Results agree to rounding.
   */
  readonly backend?: BackendName;
}

/**
 * Solves L·X = B (or Lᵀ·X = B) for lower-triangular L by blocked forward (backward) substitution.
 * Only the lower triangle of `l` is read; a zero diagonal gives ±Infinity/NaN (not checked, as in LAPACK).
 *
 * @param l - lower-triangular matrix, shape [n, n]
 * @param b - right-hand sides, shape [n, k]
 * @param options - transpose, backend
 * @returns X, shape [n, k]
 * @throws {@link ShapeError} if `l` is not square or `b` has a different number of rows
 * @throws {@link NonFiniteError} if an input has NaN or ±Infinity
 * @throws {@link BackendUnavailableError} if `options.backend` names a backend that cannot run here
 * @example
 * const x = solveTriangular([[2, 0], [1, 1]], [[2], [3]]);
 * Array.from(x.data); // [1, 2]
 * @remarks Since 0.1.0
 */
export function solveTriangular(l: MatLike, b: MatLike, options?: SolveTriangularOptions): Mat {
  const fn = 'solveTriangular';
  const { trans = false, backend } = checkOptions(fn, options);
  const dtrsm = getKernel('dtrsm', resolveBackend(fn, backend));
  const L = toMat(l, fn, 'l');
  const B = toMat(b, fn, 'b');
  if (L.rows !== L.cols) {
    throw new ShapeError(`l must be square (got [${L.rows}, ${L.cols}])`, {
      fn,
      arg: 'l',
      actual: [L.rows, L.cols],
    });
  }
  if (B.rows !== L.rows) {
    throw new ShapeError(`b must have ${L.rows} rows (got ${B.rows})`, {
      fn,
      arg: 'b',
      expected: L.rows,
      actual: B.rows,
    });
  }
  const x = B.data.slice();
  dtrsm(trans, L.rows, B.cols, L.data, 0, L.cols, x, 0, B.cols);
  return { rows: B.rows, cols: B.cols, data: x };
}
