/**
 * The prototype data of claims C8 and C11–C13: n points on the unit circle with labels ±1, the
 * perturbation sets are arcs (caps) of half-width ρ.
 */
import type { Mat } from '../../src/types.ts';

/** Circle data: x shape [n, 2] (unit rows), y shape [n] in {±1}, and the angles. */
export interface CircleData {
  readonly x: Mat;
  readonly y: Float64Array;
  readonly angles: Float64Array;
}

/**
 * n points at angles 2πk/n + offset, labels alternating in pairs by default (+1, +1, −1, −1, …), so
 * neighbouring arcs of opposite labels are separated by 2π/n − 2ρ (positive for ρ = 0.2, n = 8).
 *
 * `'halves'`: +1 on the first n/2 angles, −1 on the rest (two arcs of the circle: a low-frequency target,
 * so the robust loss falls fast with the ball radius; used by C11–C13).
 *
 * Pairs (rather than strict alternation) make the classes non-antipodal-symmetric, which keeps the
 * bias-free first-layer model able to separate them (a strictly alternating labelling of 8 equispaced
 * points is an odd function of the angle's 4th harmonic, hard for a smooth two-layer net).
 */
export function circleData(
  n = 8,
  pattern: 'pairs' | 'alternating' | 'halves' = 'pairs',
  offset = 0.1,
): CircleData {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  const angles = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n + offset;
    angles[k] = a;
    x[2 * k] = Math.cos(a);
    x[2 * k + 1] = Math.sin(a);
    y[k] =
      pattern === 'pairs'
        ? Math.floor(k / 2) % 2 === 0
          ? 1
          : -1
        : pattern === 'halves'
          ? k < n / 2
            ? 1
            : -1
          : k % 2 === 0
            ? 1
            : -1;
  }
  return { x: { rows: n, cols: 2, data: x }, y, angles };
}
