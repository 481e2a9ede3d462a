import { writeFileSync } from 'node:fs';
import { IoError } from '../errors.ts';
import { encodeNpy } from './encodeNpy.ts';
import type { ArrayInput } from './toNumericArray.ts';

/**
 * Writes an array to a NumPy `.npy` file (little-endian float64, C order; see {@link encodeNpy}).
 *
 * @param path - destination file (overwritten)
 * @param x - a `Mat` (shape [rows, cols]), a {@link NumericArray}, a vector (shape [n]) or nested arrays
 * @throws {@link IoError} if the file cannot be written
 * @example
 * // writeNpy('K.npy', kernel.ntk); then in Python: np.load('K.npy')
 * encodeNpy([[1, 2]]).length; // 144
 * @remarks Since 0.1.0
 */
export function writeNpy(path: string, x: ArrayInput): void {
  const bytes = encodeNpy(x);
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'error';
    throw new IoError(`${path} must be writable (got ${code})`, {
      fn: 'writeNpy',
      arg: 'path',
      actual: code,
    });
  }
}
