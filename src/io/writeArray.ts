import { arrayFormat } from './arrayFormat.ts';
import type { ArrayInput } from './toNumericArray.ts';
import { writeCsv } from './writeCsv.ts';
import { writeJsonArray } from './writeJsonArray.ts';
import { writeNpy } from './writeNpy.ts';

/**
 * Writes an array to `.npy`, `.csv` or `.json`, chosen by the file's extension.
 *
 * @param path - destination; its extension picks the writer ({@link writeNpy}, {@link writeCsv}, {@link writeJsonArray})
 * @param x - a `Mat`, {@link NumericArray}, vector or nested arrays
 * @throws {@link IoError} for an unknown extension or an unwritable file
 * @throws {@link NonFiniteError} for NaN/±Infinity written to JSON
 * @example
 * // writeArray('K.npy', kernel.ntk)
 * formatCsv([[1, 2]]); // "1,2\n"
 * @remarks Since 0.1.0
 */
export function writeArray(path: string, x: ArrayInput): void {
  const format = arrayFormat('writeArray', path);
  if (format === 'npy') writeNpy(path, x);
  else if (format === 'csv') writeCsv(path, x);
  else writeJsonArray(path, x);
}
