import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { IoError } from '../../../src/errors.ts';
import { encodeNpy } from '../../../src/io/encodeNpy.ts';
import { formatCsv } from '../../../src/io/formatCsv.ts';
import { formatJsonArray } from '../../../src/io/formatJsonArray.ts';
import { parseCsv } from '../../../src/io/parseCsv.ts';
import { parseJsonArray } from '../../../src/io/parseJsonArray.ts';
import { readNpy } from '../../../src/io/readNpy.ts';
import { matrix } from '../../helpers/arbitraries.ts';

/** Any double, including NaN, ±∞, −0 and subnormals (the binary and CSV formats must keep them all). */
const anyDouble = fc.double();
const anyMatrix = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }))
  .chain(([r, c]) =>
    fc
      .array(anyDouble, { minLength: r * c, maxLength: r * c })
      .map((v) => ({ rows: r, cols: c, data: Float64Array.from(v) })),
  );
const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, k) => Object.is(v, b[k]));

describe('array round trips', () => {
  test.prop([anyMatrix])('should keep every double bit for bit through .npy', (m) => {
    const a = readNpy(encodeNpy(m));
    expect(a.shape).toEqual([m.rows, m.cols]);
    expect(sameBits(a.data, m.data)).toBe(true);
  });

  test.prop([anyMatrix])('should keep every double (−0 and NaN included) through CSV', (m) => {
    const a = parseCsv(formatCsv(m));
    expect(a.shape).toEqual([m.rows, m.cols]);
    expect(sameBits(a.data, m.data)).toBe(true);
  });

  test.prop([matrix({ maxRows: 5, maxCols: 4, max: 1e300 })])(
    'should keep finite doubles through JSON',
    (m) => {
      const a = parseJsonArray(formatJsonArray(m));
      expect(a.shape).toEqual([m.rows, m.cols]);
      expect(Array.from(a.data)).toEqual(Array.from(m.data));
    },
  );

  test.prop([fc.string({ maxLength: 60 })])('should parse any text as CSV or throw IoError', (text) => {
    try {
      const a = parseCsv(text);
      expect(a.data.length).toBe(a.shape[0] * a.shape[1]);
    } catch (e) {
      expect(e).toBeInstanceOf(IoError);
    }
  });

  test.prop([fc.json()])('should parse any JSON as an array or throw IoError', (text) => {
    try {
      const a = parseJsonArray(text);
      expect(a.data.length).toBe(a.shape.reduce((p, s) => p * s, 1));
    } catch (e) {
      expect(e).toBeInstanceOf(IoError);
    }
  });
});
