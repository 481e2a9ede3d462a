/**
 * Negative control of the sampling soundness check: with a deliberately wrong activation relaxation (the
 * upper chord's slope halved), the certified "lower bound" exceeds s·f at sampled set points.
 */
import { describe, expect, it, vi } from 'vitest';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import { setSamples } from '../../helpers/setSamples.ts';

vi.mock('../../../src/certify/activationRelaxation.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../src/certify/activationRelaxation.ts')>();
  return {
    ...mod,
    activationRelaxation: (...args: Parameters<typeof mod.activationRelaxation>) => {
      const r = mod.activationRelaxation(...args);
      r.upperSlope *= 0.5; // wrong slope: no longer above σ on [l, u]
      return r;
    },
  };
});

describe('sampling soundness check (negative control)', () => {
  it('should catch a wrong upper-relaxation slope', () => {
    let violations = 0;
    for (const activation of ['relu', 'relu2', 'softplus'] as const) {
      for (let seed = 0; seed < 5; seed++) {
        const net = twoLayerNet({ inputDim: 3, width: 10, activation, seed });
        const rng = createRng(seed);
        const x = Float64Array.from({ length: 3 }, () => rng.normal());
        const r = net.boundOutput(
          { rows: 1, cols: 3, data: x },
          {
            set: { kind: 'linf', radius: 0.5 },
            sign: Float64Array.of(1),
            maxNodes: 0,
          },
        );
        const pts = setSamples('linf', x, 0.5, null, 1500, rng);
        const f = net.predict({ rows: 1500, cols: 3, data: pts });
        if (f.some((v) => r.lower[0] > v + 1e-12 * (1 + Math.abs(v)))) violations++;
      }
    }
    expect(violations).toBeGreaterThan(0);
  });
});
