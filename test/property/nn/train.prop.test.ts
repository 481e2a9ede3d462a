import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { train } from '../../../src/nn/train.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';

const data = (n: number, d: number) =>
  fc.tuple(
    fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * d, maxLength: n * d }),
    fc.array(fc.constantFrom(-1, 1), { minLength: n, maxLength: n }),
  );

const caseArb = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    d: fc.integer({ min: 1, max: 4 }),
    half: fc.integer({ min: 1, max: 5 }),
    train: fc.constantFrom('first' as const, 'both' as const),
    loss: fc.constantFrom('square' as const, 'logistic' as const),
    seed: fc.integer({ min: 0, max: 999 }),
  })
  .chain((c) => fc.tuple(fc.constant(c), data(c.n, c.d)));

describe('train (properties)', () => {
  test.prop([caseArb])(
    'should not increase a smooth loss over small steps (softplus net)',
    ([c, [xs, ys]]) => {
      const x = { rows: c.n, cols: c.d, data: Float64Array.from(xs) };
      const net = twoLayerNet({
        inputDim: c.d,
        width: 2 * c.half,
        activation: 'softplus',
        train: c.train,
        seed: c.seed,
      });
      const r = train(net, x, ys, { loss: c.loss, learningRate: 1e-3, iterations: 5 });
      for (let t = 1; t < r.lossHistory.length; t++)
        expect(r.lossHistory[t]).toBeLessThanOrEqual(r.lossHistory[t - 1] + 1e-12);
    },
  );

  test.prop([caseArb])(
    'should decrease the loss by ≈ α‖∇L‖² for a tiny step (first-order descent)',
    ([c, [xs, ys]]) => {
      const x = { rows: c.n, cols: c.d, data: Float64Array.from(xs) };
      const net = fcReluNet({
        inputDim: c.d,
        width: 2 * c.half,
        depth: 1,
        wStd: 1.2,
        bStd: 0.3,
        seed: c.seed,
      });
      const lr = 1e-6;
      const r = train(net, x, ys, { loss: c.loss, learningRate: lr, iterations: 1 });
      const g2 = r.gradNormHistory[0] ** 2;
      const drop = r.lossHistory[0] - r.lossHistory[1];
      // L(W − α∇L) = L(W) − α‖∇L‖² + O(α²); ReLU kinks can only add O(α) terms when a unit is within α of 0.
      expect(Math.abs(drop - lr * g2)).toBeLessThanOrEqual(1e-3 * lr * g2 + 1e-13);
    },
  );
});
