/**
 * Pipeline: two-layer net → PGD / exact-cap adversarial training on the circle → robust loss by the dense
 * grid, plus the quick mode of the attack-side proofs-checks (C8, C10).
 */
import { describe, expect, it } from 'vitest';
import c08 from '../../../proofs-checks/c08-surrogate-vs-robust.ts';
import c10 from '../../../proofs-checks/c10-online-gd-regret.ts';
import { circleData } from '../../../proofs-checks/shared/circleData.ts';
import { exactCapAttack, pgd } from '../../../src/attacks/index.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { adversarialTrain } from '../../../src/robust/index.ts';

const { x, y } = circleData(8);
const set = { kind: 'cap', radius: 0.2 } as const;

describe('adversarial training on the circle (integration)', () => {
  it('should lower the robust loss, stay in the ball, and keep surrogate ≤ robust at every measured iterate', () => {
    const net = twoLayerNet({ inputDim: 2, width: 100, activation: 'softplus', init: 'symmetric', seed: 2 });
    const r = adversarialTrain(net, x, y, {
      attack: { kind: 'pgd', steps: 2, stepSize: 0.1 },
      set,
      learningRate: 0.5,
      iterations: 150,
      ballRadius: 4,
      robustEvery: 10,
      seed: 1,
    });
    const measured = r.history.filter((h) => h.robustLoss !== undefined);
    expect(measured.length).toBe(16);
    for (const h of measured) expect(h.robustLoss!).toBeGreaterThanOrEqual(h.surrogateLoss - 1e-15);
    expect(measured.at(-1)!.robustLoss!).toBeLessThan(measured[0].robustLoss! - 0.02);
    expect(Math.max(...r.history.map((h) => h.distanceFromInit.total))).toBeLessThanOrEqual(4 + 1e-12);
    // PGD on the trained net never beats the exact grid by more than the grid resolution.
    const exact = exactCapAttack(r.net, x, y, { radius: 0.2, gridPoints: 4001, loss: 'logistic' });
    const strong = pgd(r.net, x, y, {
      set,
      loss: 'logistic',
      steps: 20,
      restarts: 4,
      randomStart: true,
      seed: 3,
    });
    expect(strong.meanLoss).toBeLessThanOrEqual(exact.meanLoss + 1e-4);
  });

  it('should pass the quick mode of C8 (surrogate ≤ robust) and C10 (OGD regret)', async () => {
    for (const check of [c08, c10]) {
      const out = await check.run({ quick: true, seed: 1, log: () => {} });
      expect(out.comparisons.length).toBeGreaterThan(0);
      expect(out.comparisons.filter((c) => !c.pass)).toEqual([]);
    }
  });
});
