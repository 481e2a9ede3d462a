/**
 * Row-block .npy streaming (src/io/openNpyRows.ts, src/io/createNpyWriter.ts): every row range read from
 * NumPy-written fixtures must equal the same rows of readNpy bit for bit; unsupported layouts are refused;
 * a file written block by block must be byte-identical to encodeNpy of the whole array, and an incomplete
 * or aborted one must leave no file behind.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IoError } from '../../../src/errors.ts';
import { createNpyWriter } from '../../../src/io/createNpyWriter.ts';
import { encodeNpy } from '../../../src/io/encodeNpy.ts';
import { openNpyRows } from '../../../src/io/openNpyRows.ts';
import { readNpy } from '../../../src/io/readNpy.ts';
import { createRng } from '../../../src/random/rng.ts';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/io/${name}`, import.meta.url));
const same = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, k) => Object.is(v, b[k]));
const dir = mkdtempSync(join(tmpdir(), 'ntk-npyrows-'));

describe('openNpyRows', () => {
  for (const name of ['f8_le_c_2d', 'f4_le_c_2d', 'f8_le_1d', 'f4_le_1d', 'f8_v2_2d', 'f8_v3_2d']) {
    it(`should read every row range of ${name}.npy exactly as readNpy`, () => {
      const whole = readNpy(fixture(`${name}.npy`));
      const r = openNpyRows(fixture(`${name}.npy`));
      const cols = whole.shape.length === 2 ? whole.shape[1] : 1;
      expect([r.rows, r.cols]).toEqual([whole.shape[0], cols]);
      for (let r0 = 0; r0 <= r.rows; r0++) {
        for (let r1 = r0; r1 <= r.rows; r1++) {
          expect(same(r.readRows(r0, r1), whole.data.subarray(r0 * cols, r1 * cols))).toBe(true);
        }
      }
      // into an offset of a larger array
      const out = new Float64Array(whole.data.length + 3).fill(7);
      r.readRows(0, r.rows, out, 3);
      expect(same(out.subarray(3), whole.data)).toBe(true);
      expect(out[2]).toBe(7);
      r.close();
      expect(() => r.readRows(0, 1)).toThrow(IoError);
    });
  }

  it('should read a large float64 file in blocks exactly (random ranges)', () => {
    const rng = createRng(1);
    const rows = 3001;
    const cols = 7;
    const data = new Float64Array(rows * cols);
    rng.fillNormal(data);
    const path = join(dir, 'big.npy');
    writeFileSync(path, encodeNpy({ rows, cols, data }));
    const r = openNpyRows(path);
    for (let t = 0; t < 50; t++) {
      const a = rng.int(rows + 1);
      const b = rng.int(rows + 1);
      const [r0, r1] = a <= b ? [a, b] : [b, a];
      expect(same(r.readRows(r0, r1), data.subarray(r0 * cols, r1 * cols))).toBe(true);
    }
    expect(() => r.readRows(0, rows + 1)).toThrow(/rows \[0, 3002\) must lie in \[0, 3001\]/);
    r.close();
  });

  for (const [name, why] of [
    ['f8_be_c_2d', 'big-endian'],
    ['f8_le_f_2d', 'Fortran order'],
    ['i4_1d', 'integer dtype'],
    ['bad_3d', '3-D'],
  ] as const) {
    it(`should refuse ${name}.npy (${why}) with IoError`, () => {
      expect(() => openNpyRows(fixture(`${name}.npy`))).toThrow(IoError);
    });
  }

  it('should refuse a truncated file and a missing one', () => {
    const bytes = encodeNpy({ rows: 4, cols: 2, data: new Float64Array(8) });
    const path = join(dir, 'short.npy');
    writeFileSync(path, bytes.subarray(0, bytes.length - 8));
    expect(() => openNpyRows(path)).toThrow(/data must hold shape \(4, 2\) × 8 bytes = 64 bytes \(got 56\)/);
    expect(() => openNpyRows(join(dir, 'absent.npy'))).toThrow(/must be a readable file \(got ENOENT\)/);
  });
});

describe('createNpyWriter', () => {
  it('should write row blocks into a file byte-identical to encodeNpy, published only at commit', () => {
    const rng = createRng(2);
    for (const shape of [[10], [10, 3]] as const) {
      const cols = shape.length === 2 ? shape[1] : 1;
      const data = new Float64Array(10 * cols);
      rng.fillNormal(data);
      const path = join(dir, `w${shape.length}.npy`);
      const w = createNpyWriter('test', path, shape);
      for (const [r0, r1] of [
        [0, 4],
        [4, 4],
        [4, 9],
        [9, 10],
      ])
        w.writeRows(data.subarray(r0 * cols, r1 * cols));
      expect(existsSync(path)).toBe(false);
      w.commit();
      const want = encodeNpy(shape.length === 2 ? { rows: 10, cols, data } : data);
      expect(Buffer.compare(readFileSync(path), Buffer.from(want))).toBe(0);
    }
  });

  it('should refuse an incomplete file at commit and leave nothing behind; abort deletes the temporary file', () => {
    const sub = mkdtempSync(join(dir, 'inc-'));
    const path = join(sub, 'p.npy');
    const w = createNpyWriter('test', path, [5, 2]);
    w.writeRows(new Float64Array(4));
    expect(() => w.writeRows(new Float64Array(3))).toThrow(IoError); // not whole rows
    expect(() => w.commit()).toThrow(/all 5 rows must be written before commit \(got 2\)/);
    expect(readdirSync(sub)).toEqual([]);
    const w2 = createNpyWriter('test', path, [5, 2]);
    expect(readdirSync(sub).length).toBe(1);
    w2.abort();
    expect(readdirSync(sub)).toEqual([]);
  });
});
