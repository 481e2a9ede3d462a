import { IoError } from '../errors.ts';
import type { NumericArray } from './numericArray.ts';

/** Options of {@link parseCsv} and {@link readCsv}. */
export interface CsvReadOptions {
  /**
   * Whether the first non-empty line is a header of column names. `'auto'`: it is a header when any of
   * its fields is not a number.
   * @defaultValue 'auto'
   */
  readonly header?: boolean | 'auto';
  /** Field separator. @defaultValue ',' */
  readonly delimiter?: string;
}

/** A CSV table read as a 2-D array, with the header's column names when there was one. */
export interface CsvArray extends NumericArray {
  readonly shape: readonly [number, number];
  /** Column names from the header line, if any. */
  readonly columns?: readonly string[];
}

const SPECIAL: Record<string, number> = {
  nan: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
};

/** Parses one numeric CSV field (NumPy spellings of NaN/inf accepted); undefined if not a number. */
function parseField(raw: string): number | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const special = SPECIAL[s.toLowerCase()];
  if (special !== undefined) return special;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

const unquote = (s: string): string => s.trim().replace(/^"(.*)"$/, '$1');

/**
 * Parses numeric CSV text (one row per line; blank lines and lines starting with `#` skipped) into a
 * 2-D float64 array. `nan`, `inf`, `-inf` (NumPy's `savetxt` spellings, any case) are accepted.
 *
 * @param text - the CSV text
 * @param options - header handling and delimiter; see {@link CsvReadOptions}
 * @param source - name used in error messages
 * @defaultValue source 'text'
 * @returns a {@link CsvArray} with shape [rows, cols] and `columns` when a header was present
 * @throws {@link IoError} for an empty table, rows of different lengths, or a field that is not a number
 * @example
 * const a = parseCsv('x,y\n1,2\n3,4\n');
 * a.shape; // [2, 2]
 * a.columns; // ["x", "y"]
 * @remarks Since 0.1.0
 */
export function parseCsv(text: string, options: CsvReadOptions = {}, source = 'text'): CsvArray {
  const { header = 'auto', delimiter = ',' } = options;
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  let columns: string[] | undefined;
  if (lines.length > 0) {
    const first = lines[0].split(delimiter);
    const isHeader = header === 'auto' ? first.some((f) => parseField(f) === undefined) : header;
    if (isHeader) {
      columns = first.map(unquote);
      lines.shift();
    }
  }
  if (lines.length === 0) {
    throw new IoError(`${source} must contain at least one data row (got none)`, {
      fn: 'parseCsv',
      arg: source,
    });
  }
  const cols = lines[0].split(delimiter).length;
  if (columns !== undefined && columns.length !== cols) {
    throw new IoError(`${source} header must have ${cols} columns like the data (got ${columns.length})`, {
      fn: 'parseCsv',
      arg: source,
      expected: cols,
      actual: columns.length,
    });
  }
  const data = new Float64Array(lines.length * cols);
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i].split(delimiter);
    if (fields.length !== cols) {
      throw new IoError(
        `${source} rows must all have ${cols} fields (got ${fields.length} on data row ${i + 1})`,
        {
          fn: 'parseCsv',
          arg: source,
          expected: cols,
          actual: fields.length,
        },
      );
    }
    for (let j = 0; j < cols; j++) {
      const v = parseField(fields[j]);
      if (v === undefined) {
        throw new IoError(
          `${source} fields must be numbers (got ${JSON.stringify(fields[j])} at [${i}, ${j}])`,
          {
            fn: 'parseCsv',
            arg: source,
            actual: fields[j],
          },
        );
      }
      data[i * cols + j] = v;
    }
  }
  return columns === undefined
    ? { shape: [lines.length, cols], data }
    : { shape: [lines.length, cols], data, columns };
}
