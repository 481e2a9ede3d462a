import { describe, expect, it } from 'vitest';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import { minimizeLinearizedRobustLoss } from '../../../src/robust/index.ts';
import { gridLoss } from '../../helpers/linearizedGridLoss.ts';

/** A second, independent method: plain projected subgradient descent in parameter space, best iterate. */
function subgradientMin(f: (w: Float64Array) => number, w0: Float64Array, R: number, iters: number): number {
  const P = w0.length;
  let w = w0.slice();
  let best = f(w);
  const h = 1e-7;
  for (let t = 0; t < iters; t++) {
    const fw = f(w);
    best = Math.min(best, fw);
    const g = new Float64Array(P);
    for (let q = 0; q < P; q++) {
      const e = w.slice();
      e[q] += h;
      g[q] = (f(e) - fw) / h;
    }
    const gn = Math.hypot(...g) || 1;
    const step = R / Math.sqrt(t + 1) / gn;
    const next = w.map((v, q) => v - step * g[q]);
    const d = Math.hypot(...next.map((v, q) => v - w0[q]));
    w = d > R ? next.map((v, q) => w0[q] + ((v - w0[q]) * R) / d) : next;
  }
  return best;
}

describe('minimizeLinearizedRobustLoss against brute force and a second solver', () => {
  const x = [
    [1, 0],
    [0, 1],
    [-1, 0],
    [0, -1],
  ];
  const y = [1, 1, -1, -1];
  const set = { kind: 'cap', radius: 0.3 } as const;

  it('should bracket the minimum: lower ≤ brute force and a second method ≤ value, with a small gap', () => {
    // m = 2, W ∈ R^{2×2}: four parameters, so random search over the ball is a real brute force.
    const net = twoLayerNet({ inputDim: 2, width: 2, activation: 'softplus', seed: 3 });
    for (const lossName of ['logistic', 'square'] as const) {
      for (const R of [0.5, 2]) {
        const r = minimizeLinearizedRobustLoss(net, x, y, {
          set,
          ballRadius: R,
          gridPoints: 9,
          loss: lossName,
        });
        const F = gridLoss(net, x, y, 0.3, 9, lossName);
        // The reported value is F_G at the returned W′ (recomputed independently).
        expect(r.value).toBeCloseTo(F(r.params), 12);
        expect(r.distance).toBeLessThanOrEqual(R * (1 + 1e-12));
        expect(r.lowerBound).toBeLessThanOrEqual(r.value);
        expect(r.gap).toBeLessThan(1e-4);
        const rng = createRng(7);
        let brute = Number.POSITIVE_INFINITY;
        for (let s = 0; s < 3000; s++) {
          const d = rng.fillNormal(new Float64Array(4));
          const scale = (R * rng.uniform() ** 0.25) / Math.hypot(...d);
          brute = Math.min(brute, F(net.params.map((v, q) => v + scale * d[q])));
        }
        // Certified: no point of the ball is below the lower bound.
        expect(brute).toBeGreaterThanOrEqual(r.lowerBound);
        expect(r.value).toBeLessThanOrEqual(brute + r.gap);
        const psg = subgradientMin(F, net.params, R, 400);
        expect(psg).toBeGreaterThanOrEqual(r.lowerBound);
        // psg ≥ min ≥ lowerBound = value − gap.
        expect(r.value).toBeLessThanOrEqual(psg + r.gap);
      }
    }
  });
});
