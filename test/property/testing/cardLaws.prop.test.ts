import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { LawViolationError } from '../../../src/errors.ts';
import { loss } from '../../../src/nn/loss.ts';
import { capProblem, exactAttackResolutionLaw, robustLossOrderLaw } from '../../../src/testing/index.ts';
import type { DifferentiableModel, Mat } from '../../../src/types.ts';

/** Per-sample clean losses: what a broken "exact" attack or a too-small certificate would return. */
function cleanLosses(name: 'square' | 'logistic' | 'hinge') {
  return (model: DifferentiableModel, x: Mat, y: Float64Array) =>
    Float64Array.from(model.predict(x), (v, i) => loss(name).value(v, y[i]));
}

/**
 * The convergence card's laws on random small d = 2 cap problems (random data, widths, seeds, losses),
 * through the public `ntk-toolkit/testing` entry: (a) L_A ≤ L* ≤ the certified upper end for every attack,
 * (b) the exact cap attack is within the grid's proven resolution of L*.
 */
describe('card laws (a), (b) on random d = 2 cap problems', () => {
  test.prop([capProblem(), fc.integer({ min: 0, max: 1e6 })], { numRuns: 40 })(
    '(a) should have every attack loss ≤ the certified upper end, with attack points in their sets',
    (p, seed) => {
      const r = robustLossOrderLaw(p.model, p.x, p.y, { set: p.set, loss: p.loss, seed });
      expect(r.value).toBeLessThanOrEqual(0);
    },
  );

  test.prop([capProblem(), fc.constantFrom(21, 41, 101)], { numRuns: 40 })(
    '(b) should have the exact cap attack within the proven grid resolution of L*',
    (p, gridPoints) => {
      const r = exactAttackResolutionLaw(p.model, p.x, p.y, {
        radius: p.set.radius,
        loss: p.loss,
        gridPoints,
      });
      expect(r.value).toBeLessThanOrEqual(0);
    },
  );

  it('should find a counterexample when the exact attack returns the clean points (negative control)', () => {
    const prop = fc.property(capProblem({ maxRadius: 0.6 }), (p) => {
      exactAttackResolutionLaw(p.model, p.x, p.y, {
        radius: p.set.radius,
        loss: p.loss,
        exactAttack: (m, x, y) => cleanLosses(p.loss)(m, x, y),
      });
    });
    const run = fc.check(prop, { numRuns: 100 });
    expect(run.failed).toBe(true);
    expect(run.errorInstance).toBeInstanceOf(LawViolationError);
    expect(String(run.errorInstance)).toMatch(/exactAttackResolutionLaw: .*below L\*/);
  });

  it('should find a counterexample when the certificate is the clean loss (negative control)', () => {
    const prop = fc.property(capProblem(), (p) => {
      robustLossOrderLaw(p.model, p.x, p.y, {
        set: p.set,
        loss: p.loss,
        attacks: [{ kind: 'pgd', steps: 5 }],
        certify: (m, x, y) => cleanLosses(p.loss)(m, x, y),
      });
    });
    const run = fc.check(prop, { numRuns: 100 });
    expect(run.failed).toBe(true);
    expect(run.errorInstance).toBeInstanceOf(LawViolationError);
    expect(String(run.errorInstance)).toMatch(/robustLossOrderLaw: .*L_A ≤ L\* ≤ U/);
  });
});
