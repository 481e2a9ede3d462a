import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { IoError } from '../errors.ts';
import { npyHeaderBytes } from './encodeNpy.ts';
import { removeQuietly, tempPathFor } from './writeFileAtomic.ts';

/** A `.npy` file being written in row blocks (see {@link createNpyWriter}). @internal */
export interface NpyRowWriter {
  /** The temporary file the rows go to until {@link NpyRowWriter.commit}. */
  readonly temp: string;
  /** Rows written so far. */
  readonly rowsWritten: number;
  /** Appends whole rows (`data.length` a multiple of the row length), little-endian float64. */
  writeRows(data: Float64Array): void;
  /** Closes the temporary file after checking every row was written; returns its path (rename it to publish). */
  finish(): string;
  /** Renames the finished file over the target path. */
  commit(): void;
  /** Closes and deletes the temporary file (idempotent; a no-op after commit). */
  abort(): void;
}

const littleHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Writes a `.npy` array of `shape` (little-endian float64, C order, the header of {@link encodeNpy}) row
 * block by row block into a temporary file next to `path`; `commit` renames it over `path` only when every
 * row was written, `abort` deletes it. Memory: one block.
 *
 * @param fn - public function named in errors
 * @param path - the destination
 * @param shape - [rows] or [rows, cols]
 * @throws {@link IoError} if the temporary file cannot be created or written, or rows are missing at commit
 * @internal
 */
export function createNpyWriter(fn: string, path: string, shape: readonly number[]): NpyRowWriter {
  const rows = shape[0];
  const cols = shape.length === 2 ? shape[1] : 1;
  const temp = tempPathFor(path);
  const fail = (e: unknown): never => {
    state.abort();
    const code = (e as { code?: string }).code ?? 'error';
    throw new IoError(`${path} must be writable (got ${code})`, { fn, arg: 'path', actual: code });
  };
  let fd: number | undefined;
  let written = 0;
  let done = false;
  const writeAll = (bytes: Uint8Array): void => {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd as number, bytes, off, bytes.length - off);
  };
  const state: NpyRowWriter = {
    temp,
    get rowsWritten() {
      return written;
    },
    writeRows(data) {
      if (fd === undefined) throw new IoError(`${path} must be open for writing`, { fn, arg: 'path' });
      if (data.length % cols !== 0 || written + data.length / cols > rows) {
        throw new IoError(
          `${path}: rows written must add up to ${rows} rows of ${cols} (got ${data.length} more values after ${written} rows)`,
          {
            fn,
            arg: 'path',
          },
        );
      }
      let bytes: Uint8Array;
      if (littleHost) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      else {
        bytes = new Uint8Array(data.length * 8);
        const v = new DataView(bytes.buffer);
        for (let k = 0; k < data.length; k++) v.setFloat64(k * 8, data[k], true);
      }
      try {
        writeAll(bytes);
      } catch (e) {
        fail(e);
      }
      written += data.length / cols;
    },
    finish() {
      if (written !== rows) {
        state.abort();
        throw new IoError(`${path}: all ${rows} rows must be written before commit (got ${written})`, {
          fn,
          arg: 'path',
        });
      }
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch (e) {
          fd = undefined;
          fail(e);
        }
        fd = undefined;
      }
      return temp;
    },
    commit() {
      state.finish();
      try {
        renameSync(temp, path);
        done = true;
      } catch (e) {
        fail(e);
      }
    },
    abort() {
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // closing a broken descriptor: nothing left to do
        }
        fd = undefined;
      }
      if (!done) removeQuietly(temp);
    },
  };
  try {
    fd = openSync(temp, 'wx', 0o644);
    writeAll(npyHeaderBytes(shape.length === 2 ? [rows, cols] : [rows]));
  } catch (e) {
    fail(e);
  }
  return state;
}
