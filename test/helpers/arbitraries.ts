/**
 * Shared fast-check arbitraries. Doubles are always constrained: no NaN, no infinities, no subnormals.
 */
import fc from 'fast-check';
import type { Mat } from '../../src/types.ts';

/** A finite double in [−max, max]; tiny values are flushed to 0 so no subnormals appear. */
export const entry = (max = 1e3): fc.Arbitrary<number> =>
  fc
    .double({ min: -max, max, noNaN: true, noDefaultInfinity: true })
    .map((v) => (Math.abs(v) < 1e-300 ? 0 : v));

/** A matrix of the given (or random) shape with `entry(max)` entries. */
export const matrix = (
  o: { minRows?: number; maxRows?: number; cols?: number; maxCols?: number; max?: number } = {},
): fc.Arbitrary<Mat> => {
  const { minRows = 1, maxRows = 6, cols, maxCols = 5, max = 1e3 } = o;
  const colsArb = cols !== undefined ? fc.constant(cols) : fc.integer({ min: 1, max: maxCols });
  return fc
    .tuple(fc.integer({ min: minRows, max: maxRows }), colsArb)
    .chain(([r, c]) =>
      fc
        .array(entry(max), { minLength: r * c, maxLength: r * c })
        .map((vals) => ({ rows: r, cols: c, data: Float64Array.from(vals) })),
    );
};

/** Two matrices with the same (random) number of columns. */
export const inputPair = (
  o: { maxRows?: number; maxCols?: number; max?: number } = {},
): fc.Arbitrary<[Mat, Mat]> =>
  fc
    .integer({ min: 1, max: o.maxCols ?? 5 })
    .chain((d) =>
      fc.tuple(
        matrix({ cols: d, maxRows: o.maxRows ?? 6, max: o.max ?? 1e3 }),
        matrix({ cols: d, maxRows: o.maxRows ?? 6, max: o.max ?? 1e3 }),
      ),
    );
