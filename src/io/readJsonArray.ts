import type { NumericArray } from './numericArray.ts';
import { parseJsonArray } from './parseJsonArray.ts';
import { readFileText } from './readFileText.ts';

/**
 * Reads a JSON file holding a numeric array (nested arrays, or `{shape, data}`; see {@link parseJsonArray}).
 *
 * @param path - the file
 * @returns the array, shape [n] or [rows, cols]
 * @throws {@link IoError} for a missing file, invalid JSON or a non-numeric / ragged array
 * @example
 * // readJsonArray('y.json').shape → [n]
 * parseJsonArray('[1]').shape; // [1]
 * @remarks Since 0.1.0
 */
export function readJsonArray(path: string): NumericArray {
  return parseJsonArray(readFileText('readJsonArray', path), path);
}
