import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IoError } from '../errors.ts';

let tempCounter = 0;

/**
 * A fresh temporary path next to `path` (same directory, so a rename is atomic), keeping its extension.
 * @internal
 */
export function tempPathFor(path: string): string {
  tempCounter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}-${tempCounter}.tmp`);
}

/**
 * Writes `data` to a new temporary file next to `path` and returns the temporary path; on failure nothing
 * is left behind and an {@link IoError} names `path`. Pair with `renameSync(temp, path)` to publish it.
 * @internal
 */
export function writeTempFile(
  fn: string,
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
): string {
  const temp = tempPathFor(path);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o644);
    const parts =
      typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
    for (const bytes of parts) {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    }
    closeSync(fd);
    fd = undefined;
    return temp;
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temp);
    const code = (e as { code?: string }).code ?? 'error';
    throw new IoError(`${path} must be writable (got ${code})`, { fn, arg: 'path', actual: code });
  }
}

/** Deletes a file if it exists, ignoring every error. @internal */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone or never created
  }
}

/**
 * Writes a file atomically: the data goes to a temporary file in the same directory, which is renamed over
 * `path` only when complete. On any failure `path` is untouched and no temporary file is left.
 * @internal
 */
export function writeFileAtomic(fn: string, path: string, data: string | Uint8Array): void {
  const temp = writeTempFile(fn, path, data);
  try {
    renameSync(temp, path);
  } catch (e) {
    removeQuietly(temp);
    const code = (e as { code?: string }).code ?? 'error';
    throw new IoError(`${path} must be writable (got ${code})`, { fn, arg: 'path', actual: code });
  }
}
