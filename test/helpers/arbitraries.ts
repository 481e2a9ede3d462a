/**
 * Shared fast-check arbitraries. Doubles are always constrained: no NaN, no infinities, no subnormals.
 */
import fc from 'fast-check';
import { type FcReluNet, fcReluNet } from '../../src/nn/fcReluNet.ts';
import { type TwoLayerNet, twoLayerNet } from '../../src/nn/twoLayerNet.ts';
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

/**
 * The spec of a small random network: a two-layer net (ReLU, ReLU² or softplus) or a fully connected ReLU
 * net with a continuous bias scale. Build it with {@link buildNet}; the spec keeps `d` for the test's inputs.
 */
export const netSpec = (o: { maxInputDim: number; minDepth: number }) =>
  fc.oneof(
    fc.record({
      type: fc.constant('twoLayer' as const),
      d: fc.integer({ min: 2, max: o.maxInputDim }),
      width: fc.integer({ min: 1, max: 12 }),
      activation: fc.constantFrom('relu' as const, 'relu2' as const, 'softplus' as const),
      seed: fc.integer({ min: 0, max: 1000 }),
    }),
    fc.record({
      type: fc.constant('fcRelu' as const),
      d: fc.integer({ min: 2, max: o.maxInputDim }),
      width: fc.integer({ min: 1, max: 8 }),
      depth: fc.integer({ min: o.minDepth, max: 3 }),
      bStd: fc.double({ min: 0, max: 1, noNaN: true }),
      seed: fc.integer({ min: 0, max: 1000 }),
    }),
  );

/** A value of {@link netSpec}. */
export type NetSpec = ReturnType<typeof netSpec> extends fc.Arbitrary<infer T> ? T : never;

/** The network a {@link NetSpec} describes. */
export function buildNet(s: NetSpec): TwoLayerNet | FcReluNet {
  return s.type === 'twoLayer'
    ? twoLayerNet({ inputDim: s.d, width: s.width, activation: s.activation, seed: s.seed })
    : fcReluNet({ inputDim: s.d, width: s.width, depth: s.depth, bStd: s.bStd, seed: s.seed });
}
