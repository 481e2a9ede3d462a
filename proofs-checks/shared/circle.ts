/** Points on the unit circle and the bias lift used by the circle checks (C3, C4, C5, C7). */
import type { Mat } from '../../src/types.ts';

/** Points (cos φ, sin φ), shape [angles.length, 2]. */
export function circlePoints(angles: readonly number[] | Float64Array): Mat {
  const data = new Float64Array(angles.length * 2);
  for (let i = 0; i < angles.length; i++) {
    data[2 * i] = Math.cos(angles[i]);
    data[2 * i + 1] = Math.sin(angles[i]);
  }
  return { rows: angles.length, cols: 2, data };
}

/** Angles kπ/3, k = 0..5 (three antipodal pairs) and alternating labels +1, −1, … */
export function sixPointConfiguration(): { angles: number[]; y: Float64Array } {
  const angles = [0, 1, 2, 3, 4, 5].map((k) => (k * Math.PI) / 3);
  return { angles, y: Float64Array.from(angles, (_, k) => (k % 2 === 0 ? 1 : -1)) };
}

/** Evenly spaced angles on the arc [φ − ρ, φ + ρ] (both ends included); one point when ρ = 0 or count = 1. */
export function arcAngles(center: number, radius: number, count: number): number[] {
  if (radius === 0 || count === 1) return [center];
  return Array.from({ length: count }, (_, g) => center - radius + (2 * radius * g) / (count - 1));
}
