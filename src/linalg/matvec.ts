import { assertLength, checkOptions } from '../internal/assert.ts';
import type { MatLike, VecLike } from '../types.ts';
import { dgemv } from './blas.ts';
import { toMat, toVec } from './mat.ts';

/** Options of {@link matvec}. */
export interface MatvecOptions {
  /**
   * Use Aᵀ instead of A.
   * @defaultValue false
   */
  readonly trans?: boolean;
}

/**
 * Matrix–vector product y = op(A)·x.
 *
 * @param a - shape [m, n]
 * @param x - length n (length m with `trans`)
 * @param options - transpose
 * @returns y, length m (length n with `trans`)
 * @throws {@link ShapeError} if the length of `x` does not match
 * @throws {@link NonFiniteError} if an input has NaN or ±Infinity
 * @example
 * Array.from(matvec([[1, 2], [3, 4]], [1, 1])); // [3, 7]
 * @remarks Since 0.1.0
 */
export function matvec(a: MatLike, x: VecLike, options?: MatvecOptions): Float64Array {
  const { trans = false } = checkOptions('matvec', options);
  const A = toMat(a, 'matvec', 'a');
  const v = toVec(x, 'matvec', 'x');
  const m = trans ? A.cols : A.rows;
  const n = trans ? A.rows : A.cols;
  assertLength('matvec', 'x', v.length, n);
  const y = new Float64Array(m);
  dgemv(trans, m, n, 1, A.data, 0, A.cols, v, 0, 0, y, 0);
  return y;
}
