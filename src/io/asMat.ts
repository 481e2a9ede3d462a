import type { Mat } from '../types.ts';
import type { NumericArray } from './numericArray.ts';

/**
 * Views a {@link NumericArray} as a `Mat` without copying: shape [rows, cols] stays, a 1-D array of
 * shape [n] becomes a column, shape [n, 1] (n samples of dimension 1).
 *
 * @param a - the array, e.g. from {@link readArray}
 * @returns a `Mat` sharing `a.data`
 * @example
 * asMat({ shape: [3], data: new Float64Array(3) }).cols; // 1
 * @remarks Since 0.1.0
 */
export function asMat(a: NumericArray): Mat {
  return a.shape.length === 2
    ? { rows: a.shape[0], cols: a.shape[1], data: a.data }
    : { rows: a.shape[0], cols: 1, data: a.data };
}
