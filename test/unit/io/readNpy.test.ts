import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IoError } from '../../../src/errors.ts';
import { encodeNpy } from '../../../src/io/encodeNpy.ts';
import { readNpy } from '../../../src/io/readNpy.ts';
import { allClose } from '../../helpers/allClose.ts';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/io/${name}`, import.meta.url));
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as {
  arrays: Record<string, { shape: number[]; data: (number | string | null)[] }>;
};
const decode = (v: number | string | null): number =>
  v === null
    ? Number.NaN
    : v === 'inf'
      ? Number.POSITIVE_INFINITY
      : v === '-inf'
        ? Number.NEGATIVE_INFINITY
        : Number(v);

/** Bit-exact comparison that treats NaN as equal to NaN and distinguishes −0. */
const sameValues = (a: Float64Array, b: number[]): boolean =>
  a.length === b.length && b.every((v, k) => Object.is(a[k], v));

/** Builds an .npy file by hand from a header dict and raw data bytes. */
function npy(dict: string, data: Uint8Array, major = 1): Uint8Array {
  const prefix = major === 1 ? 10 : 12;
  const pad = (64 - ((prefix + dict.length + 1) % 64)) % 64;
  const header = `${dict}${' '.repeat(pad)}\n`;
  const out = new Uint8Array(prefix + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const v = new DataView(out.buffer);
  if (major === 1) v.setUint16(8, header.length, true);
  else v.setUint32(8, header.length, true);
  out.set(new TextEncoder().encode(header), prefix);
  out.set(data, prefix + header.length);
  return out;
}

describe('readNpy', () => {
  for (const [name, want] of Object.entries(expected.arrays)) {
    it(`should read the NumPy-written fixture ${name}.npy exactly`, () => {
      const a = readNpy(fixture(`${name}.npy`));
      expect(a.shape).toEqual(want.shape);
      expect(sameValues(a.data, want.data.map(decode))).toBe(true);
    });
  }

  it('should report the dtype, storage order and version of the file', () => {
    const a = readNpy(fixture('f4_be_f_2d.npy'));
    expect([a.dtype, a.fortranOrder, a.version]).toEqual(['>f4', true, '1.0']);
    expect(readNpy(fixture('f8_v3_2d.npy')).version).toBe('3.0');
  });

  it('should accept bytes as well as a path', () => {
    const bytes = readFileSync(fixture('f8_le_c_2d.npy'));
    expect(readNpy(new Uint8Array(bytes)).data).toEqual(readNpy(fixture('f8_le_c_2d.npy')).data);
  });

  it('should read bytes at an unaligned offset', () => {
    const bytes = encodeNpy([1.5, 2.5]);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(Array.from(readNpy(shifted.subarray(3)).data)).toEqual([1.5, 2.5]);
  });

  it('should round-trip encodeNpy output bit for bit', () => {
    const data = new Float64Array([0.1, -0.0, 1e-310, 2 ** 70, Number.NaN, -Math.PI]);
    const a = readNpy(encodeNpy({ rows: 2, cols: 3, data }));
    expect(a.shape).toEqual([2, 3]);
    expect(sameValues(a.data, Array.from(data))).toBe(true);
  });

  const rejects: [string, string][] = [
    ['bad_object.npy', 'numeric dtype'],
    ['bad_structured.npy', 'simple numeric dtype'],
    ['bad_complex.npy', 'numeric dtype'],
    ['bad_unicode.npy', 'numeric dtype'],
    ['bad_3d.npy', '1-D or 2-D'],
  ];
  for (const [file, msg] of rejects) {
    it(`should reject ${file} with an IoError mentioning "${msg}"`, () => {
      expect(() => readNpy(fixture(file))).toThrow(IoError);
      expect(() => readNpy(fixture(file))).toThrow(msg);
    });
  }

  it('should reject a missing file with IoError naming the path and ENOENT', () => {
    expect(() => readNpy('/nonexistent/x.npy')).toThrow(/x\.npy must be a readable file \(got ENOENT\)/);
  });

  it('should reject bad magic, an unknown version and an empty input', () => {
    const good = encodeNpy([1, 2]);
    const badMagic = good.slice();
    badMagic[1] = 0x41;
    expect(() => readNpy(badMagic)).toThrow(/magic/);
    const badVersion = good.slice();
    badVersion[6] = 4;
    expect(() => readNpy(badVersion)).toThrow(/version 1\.0, 2\.0 or 3\.0 \(got 4\.0\)/);
    expect(() => readNpy(new Uint8Array(0))).toThrow(IoError);
  });

  it('should reject a header length longer than the file', () => {
    const bytes = encodeNpy([1, 2]);
    new DataView(bytes.buffer).setUint16(8, 60000, true);
    expect(() => readNpy(bytes)).toThrow(/header length must fit in the file/);
    const v2 = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8), 2);
    new DataView(v2.buffer).setUint32(8, 0xffffffff, true);
    expect(() => readNpy(v2)).toThrow(/header length must fit/);
  });

  it('should reject truncated data and trailing bytes (shape product ≠ data length)', () => {
    const bytes = encodeNpy([1, 2, 3]);
    expect(() => readNpy(bytes.subarray(0, bytes.length - 1))).toThrow(/data must hold shape \(3\)/);
    const longer = new Uint8Array(bytes.length + 8);
    longer.set(bytes);
    expect(() => readNpy(longer)).toThrow(/got 32\)/);
  });

  it('should reject a huge shape without allocating it', () => {
    const bytes = npy(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (100000000000, 100000000000), }",
      new Uint8Array(16),
    );
    expect(() => readNpy(bytes)).toThrow(/data must hold shape/);
    const unsafe = npy(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }",
      new Uint8Array(8),
    );
    expect(() => readNpy(unsafe)).toThrow(IoError);
  });

  it('should reject malformed headers without evaluating them', () => {
    const bad = [
      "{'descr': '<f8', 'fortran_order': False}",
      "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)",
      "__import__('os').system('true')",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} extra",
      "{'descr': 'f8', 'fortran_order': False, 'shape': (1,)}",
      "{'descr': '|f8', 'fortran_order': False, 'shape': (1,)}",
      "{'descr': '<f16', 'fortran_order': False, 'shape': (1,)}",
    ];
    for (const dict of bad) expect(() => readNpy(npy(dict, new Uint8Array(8))), dict).toThrow(IoError);
  });

  it('should accept a header with double quotes and a Python 2 long suffix', () => {
    const a = readNpy(npy('{"descr": "<f8", "fortran_order": False, "shape": (1L,)}', new Uint8Array(8)));
    expect(a.shape).toEqual([1]);
  });

  it('should reject a non-bytes, non-string source with IoError', () => {
    expect(() => readNpy(42 as unknown as string)).toThrow(IoError);
  });

  it('should read float32 values to the nearest double of the float32 value', () => {
    const a = readNpy(fixture('f4_le_1d.npy'));
    expect(allClose(a.data, [-1, -2 / 3, -1 / 3, 0, 1 / 3, 2 / 3, 1], { rtol: 1e-7, atol: 1e-7 })).toEqual({
      ok: true,
    });
  });
});
