import { ShapeError } from '../errors.ts';
import type { NumericArray } from './numericArray.ts';

/**
 * Views a {@link NumericArray} as a vector without copying: shape [n], [n, 1] or [1, n] → length n.
 *
 * @param a - the array, e.g. labels from {@link readArray}
 * @param arg - name used in the error message
 * @defaultValue arg 'a'
 * @returns a `Float64Array` sharing `a.data`
 * @throws {@link ShapeError} for a 2-D array with more than one row and more than one column
 * @example
 * asVec({ shape: [2, 1], data: new Float64Array([1, 2]) }).length; // 2
 * @remarks Since 0.1.0
 */
export function asVec(a: NumericArray, arg = 'a'): Float64Array {
  if (a.shape.length === 2 && a.shape[0] !== 1 && a.shape[1] !== 1) {
    throw new ShapeError(
      `${arg} must be a vector, shape [n], [n, 1] or [1, n] (got [${a.shape.join(', ')}])`,
      {
        fn: 'asVec',
        arg,
        actual: [...a.shape],
      },
    );
  }
  return a.data;
}
