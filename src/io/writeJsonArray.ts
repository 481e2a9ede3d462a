import { formatJsonArray } from './formatJsonArray.ts';
import { writeFileText } from './readFileText.ts';
import type { ArrayInput } from './toNumericArray.ts';

/**
 * Writes an array to a JSON file as nested arrays (see {@link formatJsonArray}).
 *
 * @param path - destination file (replaced atomically: written to a temporary file in the same directory, then renamed)
 * @param x - a `Mat`, {@link NumericArray}, vector or nested arrays
 * @throws {@link NonFiniteError} for NaN/±Infinity
 * @throws {@link IoError} if the file cannot be written
 * @example
 * // writeJsonArray('y.json', y)
 * formatJsonArray([1, 2]); // "[1,2]"
 * @remarks Since 0.1.0
 */
export function writeJsonArray(path: string, x: ArrayInput): void {
  writeFileText('writeJsonArray', path, `${formatJsonArray(x)}\n`);
}
