import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { LawViolationError } from '../../../src/errors.ts';
import { adversarialTrainingLaw } from '../../../src/testing/adversarialTrainingLaw.ts';

/** n points on the circle at random angles, random ±1 labels. */
const problemArb = fc
  .record({
    angles: fc.array(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), { minLength: 2, maxLength: 5 }),
    labels: fc.array(fc.constantFrom(-1, 1), { minLength: 5, maxLength: 5 }),
    width: fc.constantFrom(16, 32, 64),
    seed: fc.integer({ min: 0, max: 999 }),
    rho: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
    ballRadius: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
  })
  .map((p) => ({
    x: p.angles.map((a) => [Math.cos(a), Math.sin(a)]),
    y: p.angles.map((_, i) => p.labels[i]),
    width: p.width,
    seed: p.seed,
    rho: p.rho,
    ballRadius: p.ballRadius,
  }));

describe('adversarial training law (c): min_t L_A(W_t) ≤ L*(W′_lin) + slack + ε_lin', () => {
  test.prop([problemArb], { numRuns: 4 })('should hold on random small d = 2 cap problems', (problem) => {
    // Throws LawViolationError (with every measured term) when the law fails.
    const r = adversarialTrainingLaw(problem, { slackTarget: 0.1, maxIterations: 150 });
    const d = r.details ?? {};
    expect(r.value).toBeLessThanOrEqual(r.bound);
    expect(d.linearizedLowerBound).toBeLessThanOrEqual(d.comparatorRobustLoss + d.epsLin);
  });

  it('negative control: an attack that leaves the caps makes the law report a violation', () => {
    const problem = {
      x: [
        [1, 0],
        [0, 1],
        [-1, 0],
      ],
      y: [1, -1, 1],
      width: 16,
      seed: 1,
      rho: 0.1,
      ballRadius: 0.5,
    };
    const rotate = {
      kind: 'custom' as const,
      name: 'rotate by 3ρ (leaves the cap)',
      run: (_m: unknown, x: { rows: number; data: Float64Array }) => {
        const out = new Float64Array(x.data.length);
        for (let i = 0; i < x.rows; i++) {
          const a = Math.atan2(x.data[2 * i + 1], x.data[2 * i]) + 0.3;
          out[2 * i] = Math.cos(a);
          out[2 * i + 1] = Math.sin(a);
        }
        return { rows: x.rows, cols: 2, data: out };
      },
    };
    expect(() => adversarialTrainingLaw(problem, { maxIterations: 20, attack: rotate })).toThrow(
      LawViolationError,
    );
    expect(() => adversarialTrainingLaw(problem, { maxIterations: 20, attack: rotate })).toThrow(
      /outside its cap/,
    );
    expect(adversarialTrainingLaw(problem, { maxIterations: 20 }).law).toBe('adversarialTrainingLaw');
  });
});
