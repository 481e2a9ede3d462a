import type { CsvArray, CsvReadOptions } from './parseCsv.ts';
import { parseCsv } from './parseCsv.ts';
import { readFileText } from './readFileText.ts';

/**
 * Reads a numeric CSV file (with or without a header line) into a 2-D float64 array.
 * See {@link parseCsv} for the accepted syntax.
 *
 * @param path - the file
 * @param options - header handling and delimiter; see {@link CsvReadOptions}
 * @returns shape [rows, cols], plus `columns` when the file had a header
 * @throws {@link IoError} for a missing file, an empty table, ragged rows or non-numeric fields
 * @example
 * // const x = readCsv('features.csv'); x.shape → [n, d]
 * parseCsv('1,2\n3,4').shape; // [2, 2]
 * @remarks Since 0.1.0
 */
export function readCsv(path: string, options: CsvReadOptions = {}): CsvArray {
  return parseCsv(readFileText('readCsv', path), options, path);
}
