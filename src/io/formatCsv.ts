import { ShapeError } from '../errors.ts';
import type { ArrayInput } from './toNumericArray.ts';
import { toNumericArray } from './toNumericArray.ts';

/** Options of {@link formatCsv} and {@link writeCsv}. */
export interface CsvWriteOptions {
  /** Column names written as a header line; must have one name per column. @defaultValue none */
  readonly columns?: readonly string[];
  /** Field separator. @defaultValue ',' */
  readonly delimiter?: string;
}

const fmt = (v: number): string => {
  if (Number.isNaN(v)) return 'nan';
  if (v === Number.POSITIVE_INFINITY) return 'inf';
  if (v === Number.NEGATIVE_INFINITY) return '-inf';
  return Object.is(v, -0) ? '-0' : String(v); // String(-0) is "0"
};

/**
 * Formats an array as CSV text: one row per line, numbers in the shortest form that reads back to the
 * same double, −0 as `-0` (so a CSV round trip is bit-exact); NaN/±Infinity as `nan`/`inf`/`-inf` (NumPy's spelling).
 * A vector (shape [n]) becomes one column.
 *
 * @param x - a `Mat`, {@link NumericArray}, vector or nested arrays
 * @param options - header and delimiter; see {@link CsvWriteOptions}
 * @returns the CSV text, ending in a newline
 * @throws {@link ShapeError} if `options.columns` does not have one name per column
 * @example
 * formatCsv([[1, 0.5], [3, 4]], { columns: ['a', 'b'] }); // "a,b\n1,0.5\n3,4\n"
 * @remarks Since 0.1.0
 */
export function formatCsv(x: ArrayInput, options: CsvWriteOptions = {}): string {
  const { columns, delimiter = ',' } = options;
  const a = toNumericArray(x, 'formatCsv', 'x');
  const rows = a.shape[0];
  const cols = a.shape.length === 2 ? a.shape[1] : 1;
  const out: string[] = [];
  if (columns !== undefined) {
    if (columns.length !== cols) {
      throw new ShapeError(`options.columns must have ${cols} names (got ${columns.length})`, {
        fn: 'formatCsv',
        arg: 'options.columns',
        expected: cols,
        actual: columns.length,
      });
    }
    out.push(columns.join(delimiter));
  }
  for (let i = 0; i < rows; i++) {
    const fields = new Array<string>(cols);
    for (let j = 0; j < cols; j++) fields[j] = fmt(a.data[i * cols + j]);
    out.push(fields.join(delimiter));
  }
  return `${out.join('\n')}\n`;
}
