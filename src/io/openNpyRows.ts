import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { IoError } from '../errors.ts';
import { checkNpyDataLength, parseNpyHeader } from './readNpy.ts';

/** A `.npy` file opened for reading row blocks (see {@link openNpyRows}). @internal */
export interface NpyRowReader {
  /** Rows of the array (shape[0]). */
  readonly rows: number;
  /** Columns (shape[1]; 1 for a 1-D file). */
  readonly cols: number;
  /** The file's dtype string, `'<f8'` or `'<f4'`. */
  readonly dtype: string;
  /**
   * Rows [r0, r1) as float64, C order, written into `out` from `outOffset` (a new array when omitted);
   * returns the array written.
   */
  readRows(r0: number, r1: number, out?: Float64Array, outOffset?: number): Float64Array;
  /** Closes the file (idempotent). */
  close(): void;
}

/** Bytes read per `readSync` call. */
const CHUNK = 1 << 26;
/** The header must be within this many bytes of the file's start (the format's 1 MiB header cap). */
const HEADER_MAX = 12 + (1 << 20);
const littleHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function readFully(fd: number, target: Uint8Array, position: number, arg: string): void {
  let off = 0;
  while (off < target.length) {
    const len = Math.min(CHUNK, target.length - off);
    const got = readSync(fd, target, off, len, position + off);
    if (got <= 0) {
      throw new IoError(`${arg} must not shrink while it is read (short read at byte ${position + off})`, {
        fn: 'openNpyRows',
        arg,
      });
    }
    off += got;
  }
}

/**
 * Opens a `.npy` file for reading row blocks at their offsets with `fs.readSync`, without loading the file:
 * the header is parsed and validated as in {@link readNpy} (magic, version, literal dict, data length equal
 * to the shape), and the data must be little-endian float64 or float32 in C order (a 1-D file reads as one
 * column). Float64 rows are read straight into the destination array; float32 rows through a block buffer.
 *
 * @param path - the file
 * @param fn - public function named in errors
 * @throws {@link IoError} for a missing file, a malformed header, a dtype other than `<f8`/`<f4`, Fortran
 *   order, a data length that disagrees with the shape, or rows outside the file
 * @internal
 */
export function openNpyRows(path: string, fn = 'openNpyRows'): NpyRowReader {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'error';
    throw new IoError(`${path} must be a readable file (got ${code})`, { fn, arg: path, actual: code });
  }
  let open = true;
  const close = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, HEADER_MAX));
    readFully(fd, head, 0, path);
    const h = parseNpyHeader(head, path);
    checkNpyDataLength(path, h.shape, h.size, size - h.dataStart);
    if (
      h.kind !== 'f' ||
      (h.size !== 8 && h.size !== 4) ||
      !h.little ||
      (h.fortran && h.shape.length === 2)
    ) {
      throw new IoError(
        `${path} must be little-endian float64 or float32 in C order to be read in row blocks (got dtype ${h.descr}${h.fortran ? ', Fortran order' : ''})`,
        { fn, arg: path, actual: h.descr },
      );
    }
    const rows = h.shape[0];
    const cols = h.shape.length === 2 ? h.shape[1] : 1;
    const rowBytes = cols * h.size;
    const readRows = (r0: number, r1: number, out?: Float64Array, outOffset = 0): Float64Array => {
      if (!open) throw new IoError(`${path} must be open to read rows (it was closed)`, { fn, arg: path });
      if (!(Number.isInteger(r0) && Number.isInteger(r1) && 0 <= r0 && r0 <= r1 && r1 <= rows)) {
        throw new IoError(`${path}: rows [${r0}, ${r1}) must lie in [0, ${rows}]`, { fn, arg: path });
      }
      const count = (r1 - r0) * cols;
      const dst = out ?? new Float64Array(count);
      const pos = h.dataStart + r0 * rowBytes;
      if (h.size === 8 && littleHost) {
        readFully(fd, new Uint8Array(dst.buffer, dst.byteOffset + outOffset * 8, count * 8), pos, path);
      } else {
        const step = Math.max(1, Math.floor(CHUNK / rowBytes));
        for (let a = r0; a < r1; a += step) {
          const b = Math.min(r1, a + step);
          const buf = new Uint8Array((b - a) * rowBytes);
          readFully(fd, buf, h.dataStart + a * rowBytes, path);
          const view = new DataView(buf.buffer);
          const base = outOffset + (a - r0) * cols;
          for (let k = 0; k < (b - a) * cols; k++) {
            dst[base + k] = h.size === 8 ? view.getFloat64(k * 8, true) : view.getFloat32(k * 4, true);
          }
        }
      }
      return dst;
    };
    return { rows, cols, dtype: h.descr, readRows, close };
  } catch (e) {
    close();
    throw e;
  }
}
