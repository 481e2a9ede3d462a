import { IoError } from '../errors.ts';

/**
 * Parses comma-separated numeric rows into a flat buffer; every row must have `cols` fields.
 * @internal
 */
export function parseNumericCsv(text: string, cols: number, fn: string, arg: string): Float64Array {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const out = new Float64Array(lines.length * cols);
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i].split(',');
    if (fields.length !== cols) {
      throw new IoError(
        `${arg} must have ${cols} fields per row (got ${fields.length} on data row ${i + 1})`,
        {
          fn,
          arg,
          expected: cols,
          actual: fields.length,
        },
      );
    }
    for (let j = 0; j < cols; j++) {
      const v = Number(fields[j]);
      if (fields[j].trim() === '' || !Number.isFinite(v)) {
        throw new IoError(
          `${arg} must contain finite numbers (got ${JSON.stringify(fields[j])} at [${i}, ${j}])`,
          {
            fn,
            arg,
            actual: fields[j],
          },
        );
      }
      out[i * cols + j] = v;
    }
  }
  return out;
}
