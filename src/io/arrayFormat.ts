import { IoError } from '../errors.ts';

/** The file formats chosen by extension. */
export type ArrayFormat = 'npy' | 'csv' | 'json';

/** Format of `path` from its extension (case-insensitive). @internal */
export function arrayFormat(fn: string, path: string): ArrayFormat {
  const m = /\.(npy|csv|json)$/i.exec(path);
  if (m === null) {
    throw new IoError(`${path} must end in .npy, .csv or .json`, {
      fn,
      arg: 'path',
      expected: '.npy|.csv|.json',
      actual: path,
    });
  }
  return m[1].toLowerCase() as ArrayFormat;
}
