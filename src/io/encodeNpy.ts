import type { ArrayInput } from './toNumericArray.ts';
import { toNumericArray } from './toNumericArray.ts';

/** Whether this platform stores float64 little-endian (as `.npy` '<f8' does). */
const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/**
 * Encodes an array as NumPy `.npy` bytes: little-endian float64 (`'<f8'`), C order, format version 1.0
 * (2.0 only if the header would not fit in 65535 bytes, which needs an absurd shape).
 *
 * NaN and ±Infinity are written as they are (the format allows them). The header is padded with spaces
 * and ends in a newline so the data starts at a multiple of 64 bytes, as NumPy does.
 *
 * @param x - a `Mat` (shape [rows, cols]), a {@link NumericArray}, a vector (shape [n]) or nested arrays
 * @returns the file's bytes
 * @throws {@link ShapeError} for ragged nested arrays
 * @throws {@link ArgumentTypeError} for anything that is not a numeric array
 * @example
 * const bytes = encodeNpy([1, 2, 3]);
 * bytes.length; // 152
 * readNpy(bytes).shape; // [3]
 * @see https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 * @remarks Since 0.1.0
 */
export function encodeNpy(x: ArrayInput): Uint8Array {
  const [head, body] = encodeNpyParts(x);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}

/**
 * The bytes of {@link encodeNpy} as two parts, header and data; on little-endian platforms the data part
 * is a view of the array's own memory (no copy, so writing a 512 MiB matrix allocates nothing more).
 * @internal
 */
export function encodeNpyParts(x: ArrayInput): [Uint8Array, Uint8Array] {
  const a = toNumericArray(x, 'encodeNpy', 'x');
  const head = npyHeaderBytes(a.shape);
  const d = a.data;
  if (LITTLE_ENDIAN) return [head, new Uint8Array(d.buffer, d.byteOffset, d.length * 8)];
  const body = new Uint8Array(d.length * 8);
  const bv = new DataView(body.buffer);
  for (let k = 0; k < d.length; k++) bv.setFloat64(k * 8, d[k], true);
  return [head, body];
}

/**
 * The `.npy` header (magic, version, length, dict, padding) of a little-endian float64 C-order array of
 * `shape`: version 1.0 (2.0 only if the header would not fit in 65535 bytes), the data starting at a
 * multiple of 64 bytes.
 * @internal
 */
export function npyHeaderBytes(shape: readonly number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape[0]}, ${shape[1]})`;
  const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeText}, }`;
  let prefix = 10;
  let total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  if (total - prefix > 65535) {
    prefix = 12;
    total = Math.ceil((prefix + dict.length + 1) / 64) * 64;
  }
  const headerLen = total - prefix;
  const header = `${dict}${' '.repeat(headerLen - dict.length - 1)}\n`;
  const out = new Uint8Array(total);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, prefix === 10 ? 1 : 2, 0]);
  const view = new DataView(out.buffer);
  if (prefix === 10) view.setUint16(8, headerLen, true);
  else view.setUint32(8, headerLen, true);
  for (let k = 0; k < header.length; k++) out[prefix + k] = header.charCodeAt(k);
  return out;
}
