/**
 * fast-check arbitrary: labelled data on the unit sphere.
 * @packageDocumentation
 */
import fc from 'fast-check';
import { createRng } from '../random/rng.ts';
import type { Mat } from '../types.ts';

/** Options of {@link unitSphereData}. */
export interface UnitSphereDataOptions {
  /** Input dimension d, or a range. @defaultValue { min: 2, max: 5 } */
  readonly dim?: number | { readonly min: number; readonly max: number };
  /** Number of points n, range. @defaultValue { min: 1, max: 8 } */
  readonly points?: { readonly min: number; readonly max: number };
  /** Minimum angle between any two points (also to antipodes when `antipodal`), radians. @defaultValue 0 */
  readonly minAngle?: number;
  /** Apply `minAngle` to antipodes too (x and −x count as close). @defaultValue false */
  readonly antipodal?: boolean;
}

/** Labelled unit-sphere data: x shape [n, d] with unit rows, y shape [n] in {±1}. */
export interface LabelledData {
  readonly x: Mat;
  readonly y: Float64Array;
}

/**
 * Arbitrary of labelled data on the unit sphere S^{d−1}: directions are normalised Gaussian vectors from a
 * seeded stream (the seed is what fast-check draws and shrinks), labels ±1 drawn by fast-check. With
 * `minAngle > 0`, points closer than `minAngle` to an earlier point are redrawn (at most 1000 tries per point,
 * so keep n·minAngle^{d−1} small).
 *
 * @param options - `dim`, `points`, `minAngle`, `antipodal`
 * @returns an `fc.Arbitrary<{ x, y }>`
 * @example
 * const sample = fc.sample(unitSphereData({ dim: 3, points: { min: 4, max: 4 } }), { numRuns: 1, seed: 1 })[0];
 * sample.x.rows; // 4
 * Math.abs(Math.hypot(sample.x.data[0], sample.x.data[1], sample.x.data[2]) - 1) < 1e-15; // true
 * @remarks Since 0.2.0
 */
export function unitSphereData(options: UnitSphereDataOptions = {}): fc.Arbitrary<LabelledData> {
  const dim = options.dim ?? { min: 2, max: 5 };
  const dims = typeof dim === 'number' ? fc.constant(dim) : fc.integer(dim);
  const pts = options.points ?? { min: 1, max: 8 };
  const minAngle = options.minAngle ?? 0;
  const antipodal = options.antipodal ?? false;
  return fc
    .tuple(dims, fc.integer(pts))
    .chain(([d, n]) =>
      fc.tuple(
        fc.constant(d),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.array(fc.constantFrom(-1, 1), { minLength: n, maxLength: n }),
      ),
    )
    .map(([d, seed, labels]) => {
      const n = labels.length;
      const rng = createRng(seed);
      const data = new Float64Array(n * d);
      const cosMin = Math.cos(minAngle);
      for (let i = 0; i < n; i++) {
        for (let tries = 0; tries < 1000; tries++) {
          let s = 0;
          for (let j = 0; j < d; j++) {
            data[i * d + j] = rng.normal();
            s += data[i * d + j] ** 2;
          }
          const r = Math.sqrt(s);
          for (let j = 0; j < d; j++) data[i * d + j] /= r;
          let ok = true;
          for (let k = 0; k < i && ok; k++) {
            let c = 0;
            for (let j = 0; j < d; j++) c += data[i * d + j] * data[k * d + j];
            ok = minAngle <= 0 || (antipodal ? Math.abs(c) : c) < cosMin;
          }
          if (ok) break;
        }
      }
      return { x: { rows: n, cols: d, data }, y: Float64Array.from(labels) };
    });
}
