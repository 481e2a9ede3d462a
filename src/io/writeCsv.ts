import type { CsvWriteOptions } from './formatCsv.ts';
import { formatCsv } from './formatCsv.ts';
import { writeFileText } from './readFileText.ts';
import type { ArrayInput } from './toNumericArray.ts';

/**
 * Writes an array to a CSV file (see {@link formatCsv}); `numpy.loadtxt(path, delimiter=',')` reads it.
 *
 * @param path - destination file (replaced atomically: written to a temporary file in the same directory, then renamed)
 * @param x - a `Mat`, {@link NumericArray}, vector (one column) or nested arrays
 * @param options - header and delimiter; see {@link CsvWriteOptions}
 * @throws {@link IoError} if the file cannot be written
 * @example
 * // writeCsv('pred.csv', predictions)
 * formatCsv([1, 2]); // "1\n2\n"
 * @remarks Since 0.1.0
 */
export function writeCsv(path: string, x: ArrayInput, options: CsvWriteOptions = {}): void {
  writeFileText('writeCsv', path, formatCsv(x, options));
}
