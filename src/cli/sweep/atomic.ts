/**
 * Atomic file writes: the content goes to a temporary name in the same directory and is renamed over the
 * destination, so a reader (or a killed writer) never sees a half-written file.
 * @packageDocumentation
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A temporary name next to `path` (same directory, so rename is atomic), unique per process and call. */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.tmp-${process.pid}-${++counter}-${basename(path)}`);
}

/** Writes `data` to `path` atomically (temporary name in the same directory, then rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = tempNameFor(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Runs `write(tmp)` on a temporary path next to `path` (same extension) and renames it to `path`. */
export function writeAtomicWith(path: string, write: (tmp: string) => void): void {
  const tmp = tempNameFor(path);
  try {
    write(tmp);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
