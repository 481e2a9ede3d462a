import { readFileSync } from 'node:fs';
import { IoError } from '../errors.ts';
import { writeFileAtomic } from './writeFileAtomic.ts';

/** Reads a UTF-8 text file, turning fs errors into IoError. @internal */
export function readFileText(fn: string, path: string): string {
  if (typeof path !== 'string') {
    throw new IoError(`path must be a string (got ${typeof path})`, { fn, arg: 'path' });
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'error';
    throw new IoError(`${path} must be a readable file (got ${code})`, { fn, arg: 'path', actual: code });
  }
}

/** Writes a UTF-8 text file atomically (temporary file + rename), turning fs errors into IoError. @internal */
export function writeFileText(fn: string, path: string, text: string): void {
  if (typeof path !== 'string') {
    throw new IoError(`path must be a string (got ${typeof path})`, { fn, arg: 'path' });
  }
  writeFileAtomic(fn, path, text);
}
