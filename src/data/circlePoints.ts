import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
import type { Dataset } from './dataset.ts';

/** Options of {@link circlePoints}. */
export interface CirclePointsOptions {
  /** Angle of the first point, in radians. @defaultValue 0 */
  readonly offset?: number;
}

/**
 * n equispaced points on the unit circle, x_k = (cos φ_k, sin φ_k) with φ_k = offset + 2πk/n, labelled
 * alternately y_k = +1 (k even) and −1 (k odd).
 *
 * With n = 6 these are the six points at angles kπ/3 of checks C3/C5/C7 (docs/verification.md): three antipodal pairs, for
 * which the bias-free ReLU NTK Gram matrix is exactly singular (append a bias coordinate to fix it).
 * Angles are computed as offset + 2πk/n, so antipodal points agree to rounding (≈ 1e-16), not exactly.
 *
 * @param n - number of points (n ≥ 1)
 * @param options - angular offset
 * @returns `{ x, y }`, x shape [n, 2] with unit rows, y shape [n] in {+1, −1}
 * @throws {@link DomainError} for n < 1
 * @throws {@link NonFiniteError} for a non-finite offset
 * @example
 * const c = circlePoints(6);
 * c.y; // [1, -1, 1, -1, 1, -1]
 * c.x.data[4]; // -0.5
 * @see docs/verification.md, checks C3, C5, C7
 * @remarks Since 0.1.0
 */
export function circlePoints(n: number, options?: CirclePointsOptions): Dataset {
  const { offset = 0 } = checkOptions('circlePoints', options);
  checkInteger('circlePoints', 'n', n, 1);
  checkNumber('circlePoints', 'options.offset', offset);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const phi = offset + (2 * Math.PI * k) / n;
    x[2 * k] = Math.cos(phi);
    x[2 * k + 1] = Math.sin(phi);
    y[k] = k % 2 === 0 ? 1 : -1;
  }
  return { x: { rows: n, cols: 2, data: x }, y, source: `circlePoints(${n}, offset ${offset})` };
}
