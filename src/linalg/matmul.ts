import { ShapeError } from '../errors.ts';
import { checkOptions } from '../internal/assert.ts';
import type { Mat, MatLike } from '../types.ts';
import { dgemm } from './blas.ts';
import { toMat } from './mat.ts';

/** Options of {@link matmul}. */
export interface MatmulOptions {
  /**
   * Use Aᵀ instead of A.
   * @defaultValue false
   */
  readonly transA?: boolean;
  /**
   * Use Bᵀ instead of B.
   * @defaultValue false
   */
  readonly transB?: boolean;
}

/**
 * Matrix product C = op(A)·op(B) in float64 (packed, cache- and register-blocked GEMM; ≈ 6 GFLOP/s on one
 * core of the reference machine for n ≥ 256).
 *
 * @param a - shape [m, k] (or [k, m] with `transA`)
 * @param b - shape [k, n] (or [n, k] with `transB`)
 * @param options - transposes
 * @returns C, shape [m, n]
 * @throws {@link ShapeError} if the inner dimensions differ
 * @throws {@link NonFiniteError} if an input has NaN or ±Infinity
 * @example
 * const c = matmul([[1, 2], [3, 4]], [[1], [1]]);
 * Array.from(c.data); // [3, 7]
 * @remarks Since 0.1.0
 */
export function matmul(a: MatLike, b: MatLike, options?: MatmulOptions): Mat {
  const { transA = false, transB = false } = checkOptions('matmul', options);
  const A = toMat(a, 'matmul', 'a');
  const B = toMat(b, 'matmul', 'b');
  const m = transA ? A.cols : A.rows;
  const k = transA ? A.rows : A.cols;
  const kb = transB ? B.cols : B.rows;
  const n = transB ? B.rows : B.cols;
  if (k !== kb) {
    throw new ShapeError(`a and b must have matching inner dimensions (got ${k} and ${kb})`, {
      fn: 'matmul',
      arg: 'b',
      expected: k,
      actual: kb,
    });
  }
  const c = new Float64Array(m * n);
  dgemm(transA, transB, m, n, k, 1, A.data, 0, A.cols, B.data, 0, B.cols, 0, c, 0, n);
  return { rows: m, cols: n, data: c };
}
