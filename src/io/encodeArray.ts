import { arrayFormat } from './arrayFormat.ts';
import { encodeNpy } from './encodeNpy.ts';
import { formatCsv } from './formatCsv.ts';
import { formatJsonArray } from './formatJsonArray.ts';
import type { ArrayInput } from './toNumericArray.ts';

/**
 * The bytes {@link writeArray} would write to `path` (format from its extension), without touching the disk.
 * @throws {@link IoError} for an unknown extension
 * @throws {@link NonFiniteError} for NaN/±Infinity in JSON
 * @internal
 */
export function encodeArray(fn: string, path: string, x: ArrayInput): string | Uint8Array {
  const format = arrayFormat(fn, path);
  if (format === 'npy') return encodeNpy(x);
  if (format === 'csv') return formatCsv(x);
  return `${formatJsonArray(x)}\n`;
}
