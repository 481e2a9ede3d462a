import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CAP, L2, LINF, samplePointRow } from '../../../src/attacks/setGeometry.ts';
import { type LossName, loss } from '../../../src/nn/loss.ts';
import { createRng } from '../../../src/random/rng.ts';
import { robustLossBracket } from '../../../src/robust/index.ts';
import { robustLossOrderLaw } from '../../../src/testing/index.ts';
import { buildNet, netSpec } from '../../helpers/arbitraries.ts';

const SAMPLES = 64;

const netArb = netSpec({ maxInputDim: 4, minDepth: 0 });

describe('robustLossBracket (properties)', () => {
  test.prop(
    [
      netArb,
      fc.constantFrom('linf' as const, 'l2' as const, 'cap' as const),
      fc.double({ min: 0, max: 1.5, noNaN: true }),
      fc.constantFrom('square' as const, 'logistic' as const, 'hinge' as const),
      fc.integer({ min: 0, max: 1e6 }),
      fc.double({ min: -2, max: 2, noNaN: true }),
    ],
    { numRuns: 60 },
  )(
    'should have lower ≤ upper and upper ≥ the loss at every sampled point of the set',
    (spec, kind, radius, lossName: LossName, seed, label) => {
      const model = buildNet(spec);
      const d = spec.d;
      const rng = createRng(seed);
      const x = new Float64Array(d);
      for (let j = 0; j < d; j++) x[j] = rng.normal();
      if (kind === 'cap') {
        const nx = Math.hypot(...x) || 1;
        for (let j = 0; j < d; j++) x[j] /= nx;
        if (Math.hypot(...x) === 0) x[0] = 1;
      }
      const y = lossName === 'square' ? label : label >= 0 ? 1 : -1;
      const set = { kind, radius };
      const b = robustLossBracket(model, [Array.from(x)], [y], {
        set,
        loss: lossName,
        ...(lossName === 'square' ? { targets: 'real' as const } : {}),
        attack: { kind: 'pgd', steps: 5, restarts: 1 },
        gridPoints: 101,
      });
      expect(b.method[0]).not.toBe('none');
      expect(b.lower[0]).toBeLessThanOrEqual(b.upper[0]);
      // Random points of the set, plus ℓ∞ corners (where the worst case of a linear piece sits).
      const pts = new Float64Array(SAMPLES * d);
      const tmp = new Float64Array(4 * d);
      for (let s = 0; s < SAMPLES; s++) {
        if (kind === 'linf' && s % 2 === 0) {
          for (let j = 0; j < d; j++) pts[s * d + j] = x[j] + (rng.uniform() < 0.5 ? -radius : radius);
        } else {
          samplePointRow(
            kind === 'linf' ? LINF : kind === 'l2' ? L2 : CAP,
            radius,
            x,
            0,
            pts,
            s * d,
            d,
            rng,
            tmp,
          );
        }
      }
      const f = model.predict({ rows: SAMPLES, cols: d, data: pts });
      const l = loss(lossName);
      for (let s = 0; s < SAMPLES; s++) {
        expect(b.upper[0]).toBeGreaterThanOrEqual(l.value(f[s], y));
      }
    },
  );

  test.prop(
    [
      netArb,
      fc.constantFrom('linf' as const, 'l2' as const, 'cap' as const),
      fc.integer({ min: 0, max: 1e6 }),
    ],
    { numRuns: 30 },
  )('should give a gap that vanishes as ρ → 0 (ρ = 0 exact)', (spec, kind, seed) => {
    const model = buildNet(spec);
    const d = spec.d;
    const rng = createRng(seed);
    const x = Array.from({ length: d }, () => rng.normal());
    const nx = Math.hypot(...x) || 1;
    const row = kind === 'cap' ? x.map((v) => v / nx) : x;
    if (Math.hypot(...row) === 0) row[0] = 1;
    const opts = (radius: number) => ({
      set: { kind, radius },
      loss: 'square' as const,
      targets: 'real' as const,
      attack: { kind: 'fgsm' } as const,
      gridPoints: 101,
    });
    const b0 = robustLossBracket(model, [row], [0.3], opts(0));
    const g0 = b0.gap;
    const g1 = robustLossBracket(model, [row], [0.3], opts(1e-3)).gap;
    const g2 = robustLossBracket(model, [row], [0.3], opts(1e-6)).gap;
    expect(g0).toBe(0);
    // Floor: the certificates' outward rounding margins (≤ ~1e-11 × (fan-in + d) relative to the magnitudes
    // Σ|terms| of f, which exceed |f| by the cancellation) move the square loss (slope 2|f − y|) by
    // ≤ ~1e-9 × (1 + loss) for these small nets.
    expect(g2).toBeLessThanOrEqual(1e-2 * g1 + 1e-9 * (1 + b0.lower[0]));
  });

  test.prop(
    [
      netArb,
      fc.constantFrom('linf' as const, 'l2' as const, 'cap' as const),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom('square' as const, 'logistic' as const, 'hinge' as const),
      fc.integer({ min: 0, max: 1e6 }),
    ],
    { numRuns: 40 },
  )(
    'should bound every attack from above, attack points in their sets (robustLossOrderLaw of ntk-toolkit/testing)',
    (spec, kind, radius, lossName, seed) => {
      const model = buildNet(spec);
      const rng = createRng(seed);
      const rows = Array.from({ length: 3 }, () => {
        const r = Array.from({ length: spec.d }, () => rng.normal());
        const nr = Math.hypot(...r) || 1;
        return kind === 'cap' ? r.map((v) => v / nr) : r;
      });
      const y = rows.map(() => (rng.uniform() < 0.5 ? -1 : 1));
      expect(
        robustLossOrderLaw(model, rows, y, { set: { kind, radius }, loss: lossName, seed }).value,
      ).toBeLessThanOrEqual(0);
    },
  );
});
