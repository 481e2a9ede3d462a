import { readFileSync } from 'node:fs';
import { IoError } from '../errors.ts';
import type { NumericArray } from './numericArray.ts';

/** What {@link readNpy} returns: the array (converted to float64, C order) plus the file's dtype facts. */
export interface NpyArray extends NumericArray {
  /** The file's dtype string, e.g. `'<f8'`, `'>f4'`, `'|u1'`. */
  readonly dtype: string;
  /** Whether the file stored the data in Fortran (column-major) order; `data` is always C order. */
  readonly fortranOrder: boolean;
  /** Format version of the file, e.g. `'1.0'`. */
  readonly version: string;
}

const FN = 'readNpy';
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

type Kind = 'f' | 'i' | 'u' | 'b';
const SIZES: Record<Kind, readonly number[]> = { f: [2, 4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };

function fail(message: string, arg: string, extra: Record<string, unknown> = {}): never {
  throw new IoError(message, { fn: FN, arg, ...extra });
}

/** Tokeniser + parser for the Python dict literal in the header (no eval). */
function parseHeader(text: string, arg: string): { descr: string; fortran: boolean; shape: number[] } {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /[\s]/.test(text[i])) i++;
  };
  const expect = (ch: string): void => {
    ws();
    if (text[i] !== ch) fail(`${arg} header must be a Python dict literal (expected '${ch}' at ${i})`, arg);
    i++;
  };
  const str = (): string => {
    ws();
    const q = text[i];
    if (q !== "'" && q !== '"') fail(`${arg} header must use quoted keys and dtype (at ${i})`, arg);
    const end = text.indexOf(q, i + 1);
    if (end < 0) fail(`${arg} header has an unterminated string`, arg);
    const s = text.slice(i + 1, end);
    i = end + 1;
    return s;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === "'" || c === '"') return str();
    if (c === '(' || c === '[') {
      const close = c === '(' ? ')' : ']';
      i++;
      const items: unknown[] = [];
      for (;;) {
        ws();
        if (text[i] === close) {
          i++;
          return items;
        }
        if (items.length > 64) fail(`${arg} header has too many items in a tuple`, arg);
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== close) fail(`${arg} header has a malformed tuple (at ${i})`, arg);
      }
    }
    const m = /^(True|False|None|[0-9]+L?|-[0-9]+)/.exec(text.slice(i, i + 40));
    if (m === null) fail(`${arg} header has an unsupported value (at ${i})`, arg);
    i += m[0].length;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    if (m[0] === 'None') return null;
    return Number(m[0].replace('L', ''));
  };
  expect('{');
  const dict = new Map<string, unknown>();
  for (;;) {
    ws();
    if (text[i] === '}') {
      i++;
      break;
    }
    if (dict.size > 8) fail(`${arg} header has too many keys`, arg);
    const key = str();
    expect(':');
    dict.set(key, value());
    ws();
    if (text[i] === ',') i++;
    else if (text[i] !== '}') fail(`${arg} header has a malformed dict (at ${i})`, arg);
  }
  ws();
  if (i !== text.length) fail(`${arg} header has trailing characters after the dict`, arg);
  const descr = dict.get('descr');
  const fortran = dict.get('fortran_order');
  const shape = dict.get('shape');
  if (typeof descr !== 'string') {
    fail(`${arg} must have a simple numeric dtype (got ${JSON.stringify(descr) ?? 'none'})`, arg, {
      actual: 'structured',
    });
  }
  if (typeof fortran !== 'boolean') fail(`${arg} header must have a boolean 'fortran_order'`, arg);
  if (
    !Array.isArray(shape) ||
    shape.some((s) => typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0)
  ) {
    fail(`${arg} header must have a 'shape' tuple of non-negative integers`, arg);
  }
  return { descr, fortran, shape: shape as number[] };
}

function decoder(kind: Kind, size: number, little: boolean): (v: DataView, off: number) => number {
  if (kind === 'b') return (v, o) => (v.getUint8(o) !== 0 ? 1 : 0);
  if (kind === 'f') {
    if (size === 8) return (v, o) => v.getFloat64(o, little);
    if (size === 4) return (v, o) => v.getFloat32(o, little);
    return (v, o) => halfToNumber(v.getUint16(o, little));
  }
  if (kind === 'i') {
    if (size === 1) return (v, o) => v.getInt8(o);
    if (size === 2) return (v, o) => v.getInt16(o, little);
    if (size === 4) return (v, o) => v.getInt32(o, little);
    return (v, o) => Number(v.getBigInt64(o, little));
  }
  if (size === 1) return (v, o) => v.getUint8(o);
  if (size === 2) return (v, o) => v.getUint16(o, little);
  if (size === 4) return (v, o) => v.getUint32(o, little);
  return (v, o) => Number(v.getBigUint64(o, little));
}

/** Drops trailing spaces, newlines and NUL padding. */
function trimPadding(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) <= 32) end--;
  return text.slice(0, end);
}

function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f === 0 ? s * Number.POSITIVE_INFINITY : Number.NaN;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/** The parsed header of a `.npy` file: dtype facts, shape and the byte offset of the data. @internal */
export interface NpyHeader {
  readonly major: number;
  readonly descr: string;
  readonly kind: 'f' | 'i' | 'u' | 'b';
  readonly size: number;
  readonly little: boolean;
  readonly fortran: boolean;
  readonly shape: number[];
  readonly dataStart: number;
}

/**
 * Parses and validates the magic, version and header of a `.npy` file from its first bytes (the whole
 * header must be in `bytes`; the data need not be). `arg` names the file in errors.
 * @throws {@link IoError} as {@link readNpy}
 * @internal
 */
export function parseNpyHeader(bytes: Uint8Array, arg: string): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, k) => bytes[k] !== b)) {
    fail(`${arg} must start with the .npy magic string \\x93NUMPY`, arg);
  }
  const major = bytes[6];
  const minor = bytes[7];
  const version = `${major}.${minor}`;
  if (minor !== 0 || major < 1 || major > 3) {
    fail(`${arg} must be .npy format version 1.0, 2.0 or 3.0 (got ${version})`, arg, { actual: version });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const prefix = major === 1 ? 10 : 12;
  if (bytes.length < prefix) fail(`${arg} is truncated inside the header length`, arg);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (prefix + headerLen > bytes.length) {
    fail(
      `${arg} header length must fit in the file (got ${headerLen} for a ${bytes.length}-byte file)`,
      arg,
      {
        expected: bytes.length - prefix,
        actual: headerLen,
      },
    );
  }
  if (headerLen > 1 << 20) fail(`${arg} header must be at most 1 MiB (got ${headerLen} bytes)`, arg);
  const headerBytes = bytes.subarray(prefix, prefix + headerLen);
  let text: string;
  try {
    text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1', { fatal: true }).decode(headerBytes);
  } catch {
    fail(`${arg} header must be valid ${major === 3 ? 'UTF-8' : 'latin-1'} text`, arg);
  }
  const { descr, fortran, shape } = parseHeader(trimPadding(text), arg);

  const dm = /^([<>|=])([fiub])([0-9]+)$/.exec(descr);
  const kind = dm?.[2] as Kind | undefined;
  const size = Number(dm?.[3]);
  if (dm === null || kind === undefined || !SIZES[kind].includes(size)) {
    fail(
      `${arg} must have a numeric dtype (float16/32/64, int/uint 8–64, bool) (got ${JSON.stringify(descr)})`,
      arg,
      { actual: descr },
    );
  }
  if (dm[1] === '|' && size > 1) fail(`${arg} dtype ${descr} must state its byte order`, arg);
  const little = dm[1] !== '>';
  if (shape.length < 1 || shape.length > 2) {
    fail(`${arg} must be a 1-D or 2-D array (got shape (${shape.join(', ')}))`, arg, { actual: shape });
  }
  return { major, descr, kind, size, little, fortran, shape, dataStart: prefix + headerLen };
}

/**
 * Checks that `available` data bytes hold exactly the shape's elements of `size` bytes.
 * @throws {@link IoError} otherwise
 * @internal
 */
export function checkNpyDataLength(
  arg: string,
  shape: readonly number[],
  size: number,
  available: number,
): void {
  const count = shape.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(count) || count * size !== available) {
    fail(
      `${arg} data must hold shape (${shape.join(', ')}) × ${size} bytes = ${count * size} bytes (got ${available})`,
      arg,
      { expected: count * size, actual: available },
    );
  }
}

/**
 * Reads a NumPy `.npy` array (format versions 1.0, 2.0 and 3.0) into float64, C order.
 *
 * Supported dtypes: float64/float32/float16, signed and unsigned integers of 1–8 bytes, and bool, in
 * either byte order; C or Fortran storage order (Fortran data is transposed into C order); 1-D and 2-D
 * shapes. The header is parsed as a literal, never evaluated. Every inconsistency is an error before any
 * data is returned: there is no partial array. 64-bit integers beyond 2^53 are rounded to the nearest
 * double.
 *
 * @param source - a file path, or the file's bytes
 * @returns the array with `shape`, `data` (C order float64), the file's `dtype`, `fortranOrder` and `version`
 * @throws {@link IoError} for a missing file, bad magic, unknown version, truncated or malformed header,
 *   unsupported dtype (object, structured, complex, strings), rank other than 1 or 2, or a data length
 *   that disagrees with the shape
 * @example
 * const bytes = encodeNpy(from2D([[1, 2], [3, 4]]));
 * const a = readNpy(bytes);
 * a.shape; // [2, 2]
 * a.data[3]; // 4
 * @see https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 * @remarks Since 0.1.0
 */
export function readNpy(source: string | Uint8Array): NpyArray {
  const arg = typeof source === 'string' ? source : 'bytes';
  let bytes: Uint8Array;
  if (typeof source === 'string') {
    try {
      bytes = readFileSync(source);
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'error';
      fail(`${arg} must be a readable file (got ${code})`, arg, { actual: code });
    }
  } else if (source instanceof Uint8Array) {
    bytes = source;
  } else {
    fail(`source must be a path or a Uint8Array (got ${typeof source})`, 'source');
  }
  const { major, descr, kind, size, little, fortran, shape, dataStart } = parseNpyHeader(bytes, arg);
  const count = shape.reduce((a, b) => a * b, 1);
  checkNpyDataLength(arg, shape, size, bytes.length - dataStart);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = decoder(kind, size, little);
  const data = new Float64Array(count);
  if (shape.length === 2 && fortran) {
    const [rows, cols] = shape;
    for (let j = 0, k = 0; j < cols; j++) {
      for (let i = 0; i < rows; i++, k++) data[i * cols + j] = read(view, dataStart + k * size);
    }
  } else if (kind === 'f' && size === 8 && little && (bytes.byteOffset + dataStart) % 8 === 0) {
    data.set(new Float64Array(bytes.buffer, bytes.byteOffset + dataStart, count));
  } else {
    for (let k = 0; k < count; k++) data[k] = read(view, dataStart + k * size);
  }
  return {
    shape: (shape.length === 1 ? [shape[0]] : [shape[0], shape[1]]) as NumericArray['shape'],
    data,
    dtype: descr,
    fortranOrder: fortran,
    version: `${major}.0`,
  };
}
