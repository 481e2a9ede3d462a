import { checkOptions } from '../internal/assert.ts';
import type { Mat, MatLike } from '../types.ts';
import { dsyrk } from './blas.ts';
import { toMat, transpose } from './mat.ts';

/** Options of {@link syrk}. */
export interface SyrkOptions {
  /**
   * Compute Aᵀ·A instead of A·Aᵀ.
   * @defaultValue false
   */
  readonly trans?: boolean;
}

/**
 * Symmetric rank-k product A·Aᵀ (or Aᵀ·A), e.g. a linear-kernel Gram matrix. Half the flops of
 * `matmul(a, a, { transB: true })`: the lower triangle is computed by the blocked `dsyrk` kernel and
 * mirrored, so the result is exactly symmetric.
 *
 * @param a - shape [n, k]
 * @param options - `trans`
 * @returns shape [n, n] (or [k, k] with `trans`), exactly symmetric
 * @throws {@link NonFiniteError} if `a` has NaN or ±Infinity
 * @example
 * Array.from(syrk([[1, 2], [3, 4]]).data); // [5, 11, 11, 25]
 * @remarks Since 0.1.0
 */
export function syrk(a: MatLike, options?: SyrkOptions): Mat {
  const { trans = false } = checkOptions('syrk', options);
  let A = toMat(a, 'syrk', 'a');
  if (trans) A = transpose(A);
  const n = A.rows;
  const c = new Float64Array(n * n);
  dsyrk(n, A.cols, 1, A.data, 0, A.cols, 0, c, 0, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) c[j * n + i] = c[i * n + j];
  return { rows: n, cols: n, data: c };
}
