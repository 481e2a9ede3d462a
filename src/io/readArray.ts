import { arrayFormat } from './arrayFormat.ts';
import type { NumericArray } from './numericArray.ts';
import { readCsv } from './readCsv.ts';
import { readJsonArray } from './readJsonArray.ts';
import { readNpy } from './readNpy.ts';

/**
 * Reads an array from `.npy`, `.csv` or `.json`, chosen by the file's extension.
 *
 * @param path - the file; its extension picks the reader ({@link readNpy}, {@link readCsv}, {@link readJsonArray})
 * @returns the array, shape [n] or [rows, cols], float64 C order
 * @throws {@link IoError} for an unknown extension or any reader error
 * @example
 * // const x = asMat(readArray('X.npy'));
 * readNpy(encodeNpy([7])).data[0]; // 7
 * @remarks Since 0.1.0
 */
export function readArray(path: string): NumericArray {
  const format = arrayFormat('readArray', path);
  if (format === 'npy') {
    const { shape, data } = readNpy(path);
    return { shape, data };
  }
  if (format === 'csv') {
    const { shape, data } = readCsv(path);
    return { shape, data };
  }
  return readJsonArray(path);
}
