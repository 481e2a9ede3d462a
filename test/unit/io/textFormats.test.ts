import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IoError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import {
  asMat,
  asVec,
  formatCsv,
  formatJsonArray,
  parseCsv,
  parseJsonArray,
  readArray,
  readCsv,
  writeArray,
} from '../../../src/io/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ntk-io-'));

describe('parseCsv / formatCsv', () => {
  it('should detect a header line automatically', () => {
    const a = parseCsv('a,"b"\n1,2\n3,4.5\n');
    expect(a.columns).toEqual(['a', 'b']);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4.5]);
    const b = parseCsv('1,2\n3,4\n');
    expect(b.columns).toBeUndefined();
    expect(b.shape).toEqual([2, 2]);
  });

  it('should honour an explicit header flag, comments, CRLF and a custom delimiter', () => {
    const a = parseCsv('# numpy savetxt comment\r\n10;20\r\n1;2\r\n', { header: true, delimiter: ';' });
    expect(a.columns).toEqual(['10', '20']);
    expect(a.shape).toEqual([1, 2]);
  });

  it('should read NumPy spellings of NaN and infinity', () => {
    const a = parseCsv('nan,inf\n-inf,1e-3\n');
    expect(Object.is(a.data[0], Number.NaN)).toBe(true);
    expect([a.data[1], a.data[2], a.data[3]]).toEqual([Infinity, -Infinity, 0.001]);
  });

  it('should reject ragged rows, non-numbers, an empty table and a header of the wrong width', () => {
    expect(() => parseCsv('1,2\n3\n')).toThrow(/rows must all have 2 fields \(got 1 on data row 2\)/);
    expect(() => parseCsv('1,2\n3,x\n', { header: false })).toThrow(
      /fields must be numbers \(got "x" at \[1, 1\]\)/,
    );
    expect(() => parseCsv('1,2\n3,0x10\n')).toThrow(IoError);
    expect(() => parseCsv('')).toThrow(/at least one data row/);
    expect(() => parseCsv('a,b,c\n1,2\n')).toThrow(/header must have 2 columns/);
  });

  it('should round-trip doubles exactly through text', () => {
    const data = new Float64Array([0.1, 1 / 3, -2.5e-300, 1.7976931348623157e308, Number.NaN, -Infinity]);
    const back = parseCsv(formatCsv({ rows: 3, cols: 2, data }));
    expect(Array.from(data).every((v, k) => Object.is(v, back.data[k]))).toBe(true);
  });

  it('should keep the sign of −0 (fast-check counterexample)', () => {
    const back = parseCsv(formatCsv({ rows: 1, cols: 2, data: new Float64Array([0, -0]) }));
    expect(Object.is(back.data[1], -0)).toBe(true);
    expect(Object.is(back.data[0], 0)).toBe(true);
  });

  it('should write a header and reject one of the wrong width', () => {
    expect(formatCsv([[1, 2]], { columns: ['u', 'v'] })).toBe('u,v\n1,2\n');
    expect(() => formatCsv([[1, 2]], { columns: ['u'] })).toThrow(ShapeError);
  });
});

describe('parseJsonArray / formatJsonArray', () => {
  it('should read 1-D, 2-D and {shape, data} arrays', () => {
    expect(parseJsonArray('[1, 2.5]').shape).toEqual([2]);
    const m = parseJsonArray('[[1, 2, 3], [4, 5, 6]]');
    expect(m.shape).toEqual([2, 3]);
    expect(m.data[5]).toBe(6);
    const s = parseJsonArray('{"shape": [2, 1], "data": [7, 8]}');
    expect([s.shape, Array.from(s.data)]).toEqual([
      [2, 1],
      [7, 8],
    ]);
  });

  it('should reject invalid JSON, nulls, ragged rows, deep nesting and bad shapes', () => {
    expect(() => parseJsonArray('[1, 2')).toThrow(/must be valid JSON/);
    expect(() => parseJsonArray('[1, null]')).toThrow(/contain only numbers \(got null at \[1\]\)/);
    expect(() => parseJsonArray('[[1, 2], [3]]')).toThrow(/rows of equal length/);
    expect(() => parseJsonArray('[[[1]]]')).toThrow(IoError);
    expect(() => parseJsonArray('{"shape": [3], "data": [1]}')).toThrow(/3 entries/);
    expect(() => parseJsonArray('"x"')).toThrow(/JSON array/);
  });

  it('should refuse to write NaN as JSON', () => {
    expect(() => formatJsonArray([Number.NaN])).toThrow(NonFiniteError);
    expect(formatJsonArray([[0.1, 2]])).toBe('[[0.1,2]]');
  });
});

describe('readArray / writeArray', () => {
  const x = { rows: 2, cols: 3, data: new Float64Array([1, 2, 3, 4, 5, 6.25]) };
  for (const ext of ['npy', 'csv', 'json', 'NPY']) {
    it(`should round-trip a matrix through .${ext}`, () => {
      const path = join(dir, `x.${ext}`);
      writeArray(path, x);
      const back = readArray(path);
      expect(back.shape).toEqual([2, 3]);
      expect(Array.from(back.data)).toEqual(Array.from(x.data));
    });
  }

  it('should keep a vector 1-D through .npy and .json and make it a column in .csv', () => {
    writeArray(join(dir, 'y.npy'), [1, 2]);
    writeArray(join(dir, 'y.json'), [1, 2]);
    writeArray(join(dir, 'y.csv'), [1, 2]);
    expect(readArray(join(dir, 'y.npy')).shape).toEqual([2]);
    expect(readArray(join(dir, 'y.json')).shape).toEqual([2]);
    expect(readArray(join(dir, 'y.csv')).shape).toEqual([2, 1]);
    expect(readFileSync(join(dir, 'y.csv'), 'utf8')).toBe('1\n2\n');
  });

  it('should reject an unknown extension, a missing file and an unwritable path', () => {
    expect(() => readArray(join(dir, 'x.txt'))).toThrow(/must end in \.npy, \.csv or \.json/);
    expect(() => readArray(join(dir, 'missing.csv'))).toThrow(/must be a readable file \(got ENOENT\)/);
    expect(() => writeArray(join(dir, 'no/such/dir/x.npy'), [1])).toThrow(IoError);
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => readCsv(join(dir, 'missing.csv'))).toThrow(IoError);
    expect(() => readArray(join(dir, 'bad.json'))).toThrow(IoError);
  });

  it('should reject ragged nested input and non-arrays when writing', () => {
    expect(() => writeArray(join(dir, 'r.npy'), [[1, 2], [3]])).toThrow(ShapeError);
    expect(() => writeArray(join(dir, 'r.npy'), 'abc' as unknown as number[])).toThrow(/must be a Mat/);
  });
});

describe('asMat / asVec', () => {
  it('should view 1-D arrays as a column and accept row or column vectors', () => {
    const v = { shape: [3] as const, data: new Float64Array([1, 2, 3]) };
    expect([asMat(v).rows, asMat(v).cols]).toEqual([3, 1]);
    expect(asVec({ shape: [1, 3], data: v.data })).toBe(v.data);
    expect(() => asVec({ shape: [2, 2], data: new Float64Array(4) }, 'y')).toThrow(/y must be a vector/);
  });
});
