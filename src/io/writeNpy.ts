import { encodeNpy } from './encodeNpy.ts';
import type { ArrayInput } from './toNumericArray.ts';
import { writeFileAtomic } from './writeFileAtomic.ts';

/**
 * Writes an array to a NumPy `.npy` file (little-endian float64, C order; see {@link encodeNpy}).
 *
 * @param path - destination file (replaced atomically: written to a temporary file in the same directory, then renamed)
 * @param x - a `Mat` (shape [rows, cols]), a {@link NumericArray}, a vector (shape [n]) or nested arrays
 * @throws {@link IoError} if the file cannot be written
 * @example
 * // writeNpy('K.npy', kernel.ntk); then in Python: np.load('K.npy')
 * encodeNpy([[1, 2]]).length; // 144
 * @remarks Since 0.1.0
 */
export function writeNpy(path: string, x: ArrayInput): void {
  writeFileAtomic('writeNpy', path, encodeNpy(x));
}
