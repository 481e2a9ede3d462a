import { NonFiniteError } from '../errors.ts';
import type { ArrayInput } from './toNumericArray.ts';
import { toNumericArray } from './toNumericArray.ts';

/**
 * Formats an array as JSON: nested arrays (`[[…], …]` for 2-D, `[…]` for 1-D). Numbers are written in
 * the shortest form that reads back to the same double (−0 becomes 0, as in every JSON writer).
 *
 * @param x - a `Mat`, {@link NumericArray}, vector or nested arrays
 * @returns the JSON text (no trailing newline)
 * @throws {@link NonFiniteError} for NaN/±Infinity, which JSON cannot represent (use `.npy`)
 * @example
 * formatJsonArray(from2D([[1, 2], [3, 4.5]])); // "[[1,2],[3,4.5]]"
 * @remarks Since 0.1.0
 */
export function formatJsonArray(x: ArrayInput): string {
  const a = toNumericArray(x, 'formatJsonArray', 'x');
  for (let k = 0; k < a.data.length; k++) {
    if (!Number.isFinite(a.data[k])) {
      throw new NonFiniteError(
        `x must be finite to be written as JSON (got ${a.data[k]} at flat index ${k})`,
        {
          fn: 'formatJsonArray',
          arg: 'x',
          actual: String(a.data[k]),
        },
      );
    }
  }
  if (a.shape.length === 1) return JSON.stringify(Array.from(a.data));
  const [rows, cols] = a.shape;
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(a.data.subarray(i * cols, (i + 1) * cols)));
  return JSON.stringify(out);
}
