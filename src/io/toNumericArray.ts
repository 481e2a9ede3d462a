import { ArgumentTypeError, ShapeError } from '../errors.ts';
import { describe } from '../internal/assert.ts';
import type { Mat } from '../types.ts';
import type { NumericArray } from './numericArray.ts';

/** What the writers accept: a `Mat`, a {@link NumericArray}, a vector, or nested number arrays. */
export type ArrayInput =
  | Mat
  | NumericArray
  | Float64Array
  | readonly number[]
  | readonly (readonly number[])[];

/**
 * Normalises any {@link ArrayInput} to a NumericArray (no copy for Mat / NumericArray / Float64Array).
 * @internal
 */
export function toNumericArray(x: ArrayInput, fn: string, arg: string): NumericArray {
  if (x instanceof Float64Array) return { shape: [x.length], data: x };
  if (Array.isArray(x)) {
    if (x.length > 0 && Array.isArray(x[0])) {
      const rows = x as readonly (readonly number[])[];
      const cols = rows[0].length;
      const data = new Float64Array(rows.length * cols);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        if (!Array.isArray(r) || r.length !== cols) {
          throw new ShapeError(`${arg} rows must all have length ${cols} (got ${describe(r)} at row ${i})`, {
            fn,
            arg,
            expected: cols,
          });
        }
        for (let j = 0; j < cols; j++) {
          const v = r[j];
          if (typeof v !== 'number') {
            throw new ArgumentTypeError(`${arg} must contain numbers (got ${describe(v)} at [${i}, ${j}])`, {
              fn,
              arg,
            });
          }
          data[i * cols + j] = v;
        }
      }
      return { shape: [rows.length, cols], data };
    }
    const v = x as readonly number[];
    for (let i = 0; i < v.length; i++) {
      if (typeof v[i] !== 'number') {
        throw new ArgumentTypeError(`${arg} must contain numbers (got ${describe(v[i])} at [${i}])`, {
          fn,
          arg,
        });
      }
    }
    return { shape: [v.length], data: Float64Array.from(v) };
  }
  if (x !== null && typeof x === 'object') {
    const o = x as Partial<Mat & NumericArray>;
    if (o.data instanceof Float64Array && Array.isArray(o.shape)) {
      const size = o.shape.reduce((a, b) => a * b, 1);
      if ((o.shape.length === 1 || o.shape.length === 2) && size === o.data.length) return o as NumericArray;
      throw new ShapeError(
        `${arg}.shape must be 1-D or 2-D and match data.length (got [${o.shape.join(', ')}])`,
        {
          fn,
          arg,
        },
      );
    }
    if (o.data instanceof Float64Array && typeof o.rows === 'number' && typeof o.cols === 'number') {
      if (o.rows * o.cols !== o.data.length) {
        throw new ShapeError(`${arg}.data must have rows·cols entries (got ${o.data.length})`, { fn, arg });
      }
      return { shape: [o.rows, o.cols], data: o.data };
    }
  }
  throw new ArgumentTypeError(
    `${arg} must be a Mat, a NumericArray, a Float64Array or a nested number array (got ${describe(x)})`,
    { fn, arg },
  );
}
