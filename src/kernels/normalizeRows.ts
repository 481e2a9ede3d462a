/**
 * Projection of rows onto the unit sphere.
 * @packageDocumentation
 */
import { toMat } from '../linalg/mat.ts';
import type { Mat, MatLike } from '../types.ts';

/**
 * Divides every row by its Euclidean norm (x ↦ x/‖x‖). Zero rows stay zero (they have no direction); the
 * norm is computed as √(Σ x²) in float64 (rows with ‖x‖² overflowing to ∞ are scaled first).
 *
 * @param x - inputs, shape [n, d]
 * @returns shape [n, d]; a new matrix
 * @throws {@link ShapeError} for an empty input; {@link NonFiniteError} for NaN/±Infinity
 * @example
 * normalizeRows([[3, 4]]).data[1]; // 0.8
 * @remarks Since 0.1.0
 */
export function normalizeRows(x: MatLike): Mat {
  const m = toMat(x, 'normalizeRows', 'x');
  const { rows, cols } = m;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let amax = 0;
    for (let k = 0; k < cols; k++) amax = Math.max(amax, Math.abs(m.data[o + k]));
    if (amax === 0) continue;
    let s = 0;
    for (let k = 0; k < cols; k++) {
      const v = m.data[o + k] / amax;
      s += v * v;
    }
    const r = amax * Math.sqrt(s);
    for (let k = 0; k < cols; k++) out[o + k] = m.data[o + k] / r;
  }
  return { rows, cols, data: out };
}
