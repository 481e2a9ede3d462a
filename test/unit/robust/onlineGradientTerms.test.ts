import { describe, expect, it } from 'vitest';
import { linearModel } from '../../../proofs-checks/shared/linearModel.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import { adversarialTrain } from '../../../src/robust/adversarialTrain.ts';
import { roundsSlack, theoremSchedule } from '../../../src/robust/onlineGradientTerms.ts';

describe('theoremSchedule and roundsSlack', () => {
  it('should give α = ε/G₀², T = ⌈R²G₀²/ε²⌉ with G₀ the clean gradient norm at W₀', () => {
    const net = twoLayerNet({ inputDim: 2, width: 8, activation: 'softplus', init: 'symmetric', seed: 1 });
    const x = { rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) };
    const y = new Float64Array([1, -1]);
    const s = theoremSchedule(net, x, y, 2, 0.05);
    // f(W₀) = 0: ℓ′ = −y/2, so ∇L = −(1/4)Σ y_i ∇f(x_i).
    const g = net.paramGradient(x, [-0.25, 0.25]);
    expect(s.g0).toBeCloseTo(Math.hypot(...g), 14);
    expect(s.alpha).toBeCloseTo(0.05 / s.g0 ** 2, 12);
    expect(s.T).toBe(Math.ceil((4 * s.g0 ** 2) / 0.0025));
    expect(theoremSchedule(net, x, y, 2, 0.05, 3).T).toBe(3);
  });

  it('should bound min_{1≤t≤T} L(W_t) − L(W′) for every comparator in the ball (convex, linear model)', () => {
    // With the clean points as the batch, every round loss is L(W) (logistic, convex for a linear model):
    // online gradient descent from W_1 gives min_{t≥1} L(W_t) ≤ L(W′) + ‖W_1 − W′‖²/(2αT) + αG²/2.
    const rng = createRng(3);
    const xs = Array.from({ length: 6 }, () => [rng.normal(), rng.normal()]);
    const ys = [1, -1, 1, 1, -1, -1];
    const R = 0.7;
    const alpha = 0.4;
    let w1: Float64Array | undefined;
    const lin = linearModel([0.1, -0.2], 0.05);
    const r = adversarialTrain(lin, xs, ys, {
      attack: { kind: 'none' },
      set: { kind: 'l2', radius: 0 },
      learningRate: alpha,
      iterations: 25,
      ballRadius: R,
      onStep: (s) => {
        if (s.iteration === 1) w1 = s.params.slice();
      },
    });
    const L = (w: Float64Array) =>
      xs.reduce((a, x, i) => a + Math.log1p(Math.exp(-ys[i] * (w[0] * x[0] + w[1] * x[1] + w[2]))), 0) / 6;
    for (let k = 0; k < 20; k++) {
      const d = rng.fillNormal(new Float64Array(3));
      const scale = (R * rng.uniform()) / Math.hypot(...d);
      const wc = r.initialParams.map((v, q) => v + scale * d[q]);
      const t = roundsSlack(r, w1, wc, alpha);
      expect(t.rounds).toBe(25);
      expect(t.minSurrogate).toBeLessThanOrEqual(L(wc) + t.slack + 1e-12);
    }
    // The rounds exclude t = 0.
    const t = roundsSlack(r, w1, r.initialParams, alpha);
    expect(t.minSurrogate).toBe(Math.min(...[...r.history, r.final!].slice(1).map((h) => h.surrogateLoss)));
  });
});
