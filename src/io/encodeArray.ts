import { arrayFormat } from './arrayFormat.ts';
import { encodeNpyParts } from './encodeNpy.ts';
import { formatCsv } from './formatCsv.ts';
import { formatJsonArray } from './formatJsonArray.ts';
import type { ArrayInput } from './toNumericArray.ts';

/**
 * The bytes {@link writeArray} would write to `path` (format from its extension), without touching the disk;
 * `.npy` as [header, data] parts (the data a view of the array's memory where the platform allows).
 * @throws {@link IoError} for an unknown extension
 * @throws {@link NonFiniteError} for NaN/±Infinity in JSON
 * @internal
 */
export function encodeArray(
  fn: string,
  path: string,
  x: ArrayInput,
): string | Uint8Array | readonly Uint8Array[] {
  const format = arrayFormat(fn, path);
  if (format === 'npy') return encodeNpyParts(x);
  if (format === 'csv') return formatCsv(x);
  return `${formatJsonArray(x)}\n`;
}
