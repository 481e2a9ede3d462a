import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { pgd } from '../../../src/attacks/pgd.ts';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import { robustLossBracket } from '../../../src/robust/index.ts';
import type { CertifiableModel } from '../../../src/types.ts';
import { buildNet, netSpec } from '../../helpers/arbitraries.ts';
import { setSamples } from '../../helpers/setSamples.ts';

const SAMPLES = 1500;

const netArb = netSpec({ maxInputDim: 5, minDepth: 1 });

/** A random centre (unit for caps) and, optionally, a data box holding it. */
function centre(d: number, kind: string, withBox: boolean, seed: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: d }, () => rng.normal());
  if (kind === 'cap') {
    const n = Math.hypot(...x) || 1;
    for (let j = 0; j < d; j++) x[j] /= n;
  }
  const box =
    withBox && kind !== 'cap'
      ? { lo: x.map((v) => v - 0.3 * rng.uniform()), hi: x.map((v) => v + 0.3 * rng.uniform()) }
      : null;
  return { x, box, rng };
}

/**
 * An attained value of min s·f over the set, independent of the certificate code: the smallest of s·f at
 * `SAMPLES` sampled points (interior, boundary, vertices) and at a PGD minimiser (logistic loss with label s,
 * strictly decreasing in s·f, 3 random restarts).
 */
function attainedMin(
  model: CertifiableModel,
  x: Float64Array,
  kind: 'linf' | 'l2' | 'cap',
  radius: number,
  sign: number,
  box: { lo: Float64Array; hi: Float64Array } | null,
  rng: ReturnType<typeof createRng>,
): number {
  const d = x.length;
  const pts = setSamples(kind, x, Math.min(radius, Math.PI), box, SAMPLES, rng);
  const f = model.predict({ rows: SAMPLES, cols: d, data: pts });
  let worst = Number.POSITIVE_INFINITY;
  for (let s = 0; s < SAMPLES; s++) worst = Math.min(worst, sign * f[s]);
  const a = pgd(model, { rows: 1, cols: d, data: x }, [sign], {
    set: { kind, radius },
    loss: 'logistic',
    steps: 30,
    restarts: 3,
    randomStart: true,
    seed: 1,
    ...(box !== null ? { box: { lower: box.lo, upper: box.hi } } : {}),
  });
  return Math.min(worst, sign * a.predictions[0]);
}

const setArb = fc.record({
  kind: fc.constantFrom('linf' as const, 'l2' as const, 'cap' as const),
  radius: fc.double({ min: 0, max: 1.2, noNaN: true }),
  withBox: fc.boolean(),
  sign: fc.constantFrom(1, -1),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

describe('boundOutput of twoLayerNet / fcReluNet (properties)', () => {
  test.prop([netArb, setArb, fc.constantFrom(0, 8, 60)], { numRuns: 200 })(
    'should give a lower bound ≤ s·f at every sampled point, vertex and boundary point of the set (∩ box)',
    (spec, st, maxNodes) => {
      const model = buildNet(spec);
      const { x, box, rng } = centre(spec.d, st.kind, st.withBox, st.seed);
      const set = { kind: st.kind, radius: st.radius };
      const r = model.boundOutput(
        { rows: 1, cols: spec.d, data: x },
        {
          set,
          sign: Float64Array.of(st.sign),
          maxNodes,
          gridPoints: 33,
          ...(box !== null ? { box: { lower: box.lo, upper: box.hi } } : {}),
        },
      );
      const worst = attainedMin(model, x, st.kind, st.radius, st.sign, box, rng);
      // Only rounding may put the certified bound above an attained value (1e-12 ≫ the margins' residue).
      expect(r.lower[0]).toBeLessThanOrEqual(worst + 1e-12 * (1 + Math.abs(worst)));
      expect(r.method[0]).not.toBe('none');
    },
  );

  test.prop(
    [
      fc.record({
        deep: fc.boolean(),
        d: fc.integer({ min: 17, max: 24 }),
        width: fc.integer({ min: 2, max: 10 }),
        seed: fc.integer({ min: 0, max: 1000 }),
      }),
      // Small radii keep the certificate close to the minimum, where an unsound step would show.
      setArb.map((st) => ({ ...st, radius: st.radius / 8 })),
      fc.constantFrom(0, 30, 150),
    ],
    { numRuns: 40 },
  )('should stay sound with ReLU splits and split multipliers (ReLU nets, d > 16)', (spec, st, maxNodes) => {
    const model = spec.deep
      ? fcReluNet({ inputDim: spec.d, width: spec.width, depth: 2, bStd: 0.5, seed: spec.seed })
      : twoLayerNet({ inputDim: spec.d, width: spec.width, activation: 'relu', seed: spec.seed });
    const { x, box, rng } = centre(spec.d, st.kind, st.withBox, st.seed);
    const r = model.boundOutput(
      { rows: 1, cols: spec.d, data: x },
      {
        set: { kind: st.kind, radius: st.radius },
        sign: Float64Array.of(st.sign),
        maxNodes,
        tolerance: 0,
        ...(box !== null ? { box: { lower: box.lo, upper: box.hi } } : {}),
      },
    );
    const worst = attainedMin(model, x, st.kind, st.radius, st.sign, box, rng);
    expect(r.lower[0]).toBeLessThanOrEqual(worst + 1e-12 * (1 + Math.abs(worst)));
    if (maxNodes > 0 && st.radius > 0) expect(['bab', 'linear', 'ibp']).toContain(r.method[0]);
  });

  test.prop([netArb, setArb], { numRuns: 40 })(
    'should never lower the bound (nor widen the bracket) as the node budget grows',
    (spec, st) => {
      const model = buildNet(spec);
      const { x, box } = centre(spec.d, st.kind, st.withBox, st.seed);
      const set = { kind: st.kind, radius: st.radius };
      const boxOpt = box !== null ? { box: { lower: box.lo, upper: box.hi } } : {};
      const lows = [0, 10, 100].map(
        (maxNodes) =>
          model.boundOutput(
            { rows: 1, cols: spec.d, data: x },
            {
              set,
              sign: Float64Array.of(st.sign),
              maxNodes,
              tolerance: 0,
              gridPoints: 17,
              ...boxOpt,
            },
          ).lower[0],
      );
      expect(lows[1]).toBeGreaterThanOrEqual(lows[0]);
      expect(lows[2]).toBeGreaterThanOrEqual(lows[1]);
      const gaps = [0, 10, 100].map((maxNodes) =>
        robustLossBracket(model, [Array.from(x)], [0.5], {
          set,
          loss: 'square',
          targets: 'real',
          attack: { kind: 'pgd', steps: 5, restarts: 1 },
          maxNodes,
          tolerance: 0,
          gridPoints: 17,
          ...boxOpt,
        }),
      );
      for (const g of gaps) expect(g.lower[0]).toBeLessThanOrEqual(g.upper[0]);
      expect(gaps[1].gap).toBeLessThanOrEqual(gaps[0].gap);
      expect(gaps[2].gap).toBeLessThanOrEqual(gaps[1].gap);
    },
  );
});
