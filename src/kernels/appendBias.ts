/**
 * Bias coordinate for bias-free kernels.
 * @packageDocumentation
 */
import { checkNumber } from '../internal/assert.ts';
import { toMat } from '../linalg/mat.ts';
import type { Mat, MatLike } from '../types.ts';

/**
 * Appends a constant coordinate and rescales: row x ↦ (x, c)/√2, shape [n, d + 1]. Unit rows with c = 1
 * stay unit rows (on S^d), which is how the bias-free kernels here become strictly positive definite on
 * distinct inputs (bias-free ReLU kernels are not: antipodal pairs give a singular Gram matrix). The √2
 * is applied to the whole row, so the last coordinate is exactly c/√2.
 *
 * @param x - inputs, shape [n, d]
 * @param c - the appended constant before the 1/√2 scaling
 * @returns shape [n, d + 1]
 * @throws {@link ShapeError} for an empty input; {@link NonFiniteError} for NaN/±Infinity in `x` or `c`
 * @throws {@link ArgumentTypeError} if `c` is not a number
 * @example
 * appendBias([[1, 0]]).data[2]; // 0.7071
 * appendBias([[0, 0]], 2).data[2]; // 1.4142
 * @remarks Since 0.1.0
 */
export function appendBias(x: MatLike, c = 1): Mat {
  const m = toMat(x, 'appendBias', 'x');
  checkNumber('appendBias', 'c', c);
  const d = m.cols;
  const out = new Float64Array(m.rows * (d + 1));
  const s = Math.SQRT1_2;
  for (let i = 0; i < m.rows; i++) {
    for (let k = 0; k < d; k++) out[i * (d + 1) + k] = m.data[i * d + k] * s;
    out[i * (d + 1) + d] = c * s;
  }
  return { rows: m.rows, cols: d + 1, data: out };
}
