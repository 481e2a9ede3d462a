import { describe, expect, it } from 'vitest';
import { linearModel } from '../../../proofs-checks/shared/linearModel.ts';
import { exactCapAttack, fgsm, pgd, runAttack, setViolation } from '../../../src/attacks/index.ts';
import { DomainError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { allClose } from '../../helpers/allClose.ts';

const x = [
  [0.5, -1, 2],
  [1, 0.25, -0.5],
];
const y = [0.3, -2];
const w = [1.5, -2, 0.5];
const b = 0.2;

/** (|y − f(x)| + ρ‖w‖)² per sample. */
function exact(norm: number, rho: number): number[] {
  return x.map((xi, i) => {
    const f = b + xi.reduce((s, v, j) => s + v * w[j], 0);
    return (Math.abs(y[i] - f) + rho * norm) ** 2;
  });
}

describe('pgd and fgsm on a linear model with square loss', () => {
  const l1 = w.reduce((s, v) => s + Math.abs(v), 0);
  const l2 = Math.hypot(...w);

  it('should give the exact ℓ∞ worst case (|y − f| + ρ‖w‖₁)² for FGSM and PGD', () => {
    const set = { kind: 'linf', radius: 0.3 } as const;
    const f = fgsm(linearModel(w, b), x, y, { set, loss: 'square', targets: 'real' });
    const p = pgd(linearModel(w, b), x, y, { set, loss: 'square', targets: 'real', steps: 10 });
    expect(allClose(f.losses, exact(l1, 0.3), { rtol: 1e-13 })).toEqual({ ok: true });
    expect(allClose(p.losses, exact(l1, 0.3), { rtol: 1e-13 })).toEqual({ ok: true });
  });

  it('should give the exact ℓ₂ worst case (|y − f| + ρ‖w‖₂)² for FGSM and PGD', () => {
    const set = { kind: 'l2', radius: 0.7 } as const;
    const f = fgsm(linearModel(w, b), x, y, { set, loss: 'square', targets: 'real' });
    const p = pgd(linearModel(w, b), x, y, { set, loss: 'square', targets: 'real', steps: 5, stepSize: 0.5 });
    expect(allClose(f.losses, exact(l2, 0.7), { rtol: 1e-13 })).toEqual({ ok: true });
    expect(allClose(p.losses, exact(l2, 0.7), { rtol: 1e-13 })).toEqual({ ok: true });
    expect(p.meanLoss).toBe((p.losses[0] + p.losses[1]) / 2);
  });

  it('should return perturbations equal to points − x and a zero set violation', () => {
    const r = pgd(linearModel(w, b), x, y, {
      set: { kind: 'linf', radius: 0.3 },
      loss: 'square',
      targets: 'real',
    });
    const flat = x.flat();
    expect(
      allClose(
        r.perturbations.data,
        Array.from(r.points.data, (v, k) => v - flat[k]),
        { atol: 0 },
      ),
    ).toEqual({ ok: true });
    expect(r.maxSetViolation).toBeLessThanOrEqual(1e-12);
  });

  it('should keep the clean point when the gradient vanishes (hinge beyond the margin)', () => {
    const r = fgsm(linearModel([1], 0), [[5]], [1], { set: { kind: 'linf', radius: 0.1 }, loss: 'hinge' });
    expect(Array.from(r.points.data)).toEqual([5]);
    expect(r.meanLoss).toBe(0);
  });

  it('should respect the data-domain box', () => {
    const r = pgd(linearModel([1, -1], 0), [[0.95, 0.02]], [-5], {
      set: { kind: 'linf', radius: 0.2 },
      loss: 'square',
      targets: 'real',
      box: { lower: 0, upper: 1 },
    });
    expect(Array.from(r.points.data)).toEqual([1, 0]);
    expect(r.maxSetViolation).toBe(0);
  });

  it('should be deterministic for a seed and use random starts on later restarts', () => {
    const net = twoLayerNet({ inputDim: 3, width: 16, activation: 'softplus', seed: 3 });
    const o = { set: { kind: 'l2', radius: 0.5 }, loss: 'logistic', restarts: 3, steps: 3, seed: 9 } as const;
    const a = pgd(net, x, [1, -1], o);
    const c = pgd(net, x, [1, -1], o);
    expect(Array.from(a.points.data)).toEqual(Array.from(c.points.data));
    expect(a.evaluations).toBe(2 * 3 * 4);
  });
});

describe('pgd on spherical caps', () => {
  it('should move by signed angle steps on the circle and stay in the arc', () => {
    // f(x) = x₂ (sine of the angle), square loss toward y = −1 from angle 0: ascent increases the angle.
    const r = pgd(linearModel([0, 1], 0), [[1, 0]], [-1], {
      set: { kind: 'cap', radius: 0.2 },
      loss: 'square',
      steps: 2,
      stepSize: 0.1,
    });
    expect(allClose(r.points.data, [Math.cos(0.2), Math.sin(0.2)], { rtol: 1e-14, atol: 1e-15 })).toEqual({
      ok: true,
    });
    expect(r.maxSetViolation).toBeLessThanOrEqual(1e-12);
  });

  it('should project a step beyond the cap back onto its boundary', () => {
    const r = pgd(linearModel([0, 1, 0], 0), [[1, 0, 0]], [-1], {
      set: { kind: 'cap', radius: 0.3 },
      loss: 'square',
      steps: 1,
      stepSize: 1,
    });
    const v = setViolation([[1, 0, 0]], r.points, { set: { kind: 'cap', radius: 0.3 } });
    expect(v.max).toBeLessThanOrEqual(1e-12);
    expect(allClose(r.points.data, [Math.cos(0.3), Math.sin(0.3), 0], { rtol: 1e-13, atol: 1e-15 })).toEqual({
      ok: true,
    });
  });
});

describe('exactCapAttack', () => {
  it('should find the worst end of the arc for a monotone loss', () => {
    const r = exactCapAttack(linearModel([1, 0], 0), [[1, 0]], [2], {
      radius: 0.5,
      gridPoints: 11,
      targets: 'real',
    });
    expect(allClose([r.meanLoss], [(2 - Math.cos(0.5)) ** 2], { rtol: 1e-14 })).toEqual({ ok: true });
    expect(r.evaluations).toBe(11);
  });

  it('should reject inputs off the circle and other dimensions', () => {
    const m2 = linearModel([1, 0], 0);
    expect(() => exactCapAttack(m2, [[2, 0]], [1], { radius: 0.1 })).toThrow(DomainError);
    expect(() => exactCapAttack(linearModel([1, 0, 0]), [[1, 0, 0]], [1], { radius: 0.1 })).toThrow(
      ShapeError,
    );
    expect(() => exactCapAttack(m2, [[1, 0]], [1], { radius: 0.1, gridPoints: 1 })).toThrow(DomainError);
  });
});

describe('runAttack', () => {
  it('should dispatch the attack specification', () => {
    const m = linearModel([3], 0);
    const set = { kind: 'linf', radius: 0.5 } as const;
    expect(runAttack(m, [[1]], [1], { attack: { kind: 'none' }, set, loss: 'square' }).meanLoss).toBe(4);
    expect(runAttack(m, [[1]], [1], { attack: { kind: 'fgsm' }, set, loss: 'square' }).meanLoss).toBe(12.25);
  });

  it("should reject 'exact-cap' with a non-cap set and unknown kinds", () => {
    const m = linearModel([1, 0], 0);
    const set = { kind: 'l2', radius: 0.5 } as const;
    expect(() => runAttack(m, [[1, 0]], [1], { attack: { kind: 'exact-cap' }, set })).toThrow(DomainError);
    expect(() => runAttack(m, [[1, 0]], [1], { attack: { kind: 'cw' } as never, set })).toThrow(DomainError);
  });
});

describe('attack input validation', () => {
  const m = linearModel([1, 2], 0);
  const set = { kind: 'l2', radius: 0.1 } as const;
  it('should throw typed errors for bad shapes, values and options', () => {
    expect(() => pgd(m, [[1, 2, 3]], [1], { set })).toThrow(ShapeError);
    expect(() => pgd(m, [[1, 2]], [1, 2], { set })).toThrow(ShapeError);
    expect(() => pgd(m, [[1, Number.NaN]], [1], { set })).toThrow(NonFiniteError);
    expect(() => pgd(m, [[1, 2]], [Number.NaN], { set })).toThrow(NonFiniteError);
    expect(() => pgd(m, [[1, 2]], [1], { set: { kind: 'l2', radius: -1 } })).toThrow(DomainError);
    expect(() => pgd(m, [[1, 2]], [1], { set: { kind: 'l7', radius: 1 } as never })).toThrow(DomainError);
    expect(() => pgd(m, [[1, 2]], [1], { set, steps: 1.5 })).toThrow(DomainError);
    expect(() => pgd(m, [[1, 2]], [1], { set, stepSize: -1 })).toThrow(DomainError);
    expect(() => pgd(m, [[1, 2]], [1], { set, restarts: 0 })).toThrow(DomainError);
    expect(() =>
      pgd(m, [[0.6, 0.8]], [1], { set: { kind: 'cap', radius: 0.1 }, box: { lower: 0, upper: 1 } }),
    ).toThrow(DomainError);
    expect(() => pgd(m, [[2, 2]], [1], { set, box: { lower: 0, upper: 1 } })).toThrow(DomainError);
  });

  it('should report a model whose output is non-finite at an attacked point', () => {
    const bad = { ...m, predict: () => new Float64Array([Number.NaN]) };
    const e = (() => {
      try {
        pgd(bad, [[1, 2]], [1], { set });
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(NonFiniteError);
    expect((e as NonFiniteError).code).toBe('E_NON_FINITE');
  });
});

describe('pgd step-size schedules and setViolation', () => {
  const m = linearModel([1], 0);
  const o = { set: { kind: 'l2', radius: 10 }, loss: 'square', steps: 2, stepSize: 1 } as const;
  it('should scale the steps by the schedule', () => {
    // Residual grows by the total distance moved: constant 1 + 1, linear 1 + 0.5, cosine 1 + 0.5, custom 0.25·2.
    const moved = (schedule: Parameters<typeof pgd>[3]['schedule']) =>
      pgd(m, [[0]], [-1], { ...o, ...(schedule !== undefined ? { schedule } : {}) }).points.data[0];
    expect(moved(undefined)).toBe(2);
    expect(moved('linear')).toBe(1.5);
    expect(allClose([moved('cosine')], [1.5], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(moved(() => 0.25)).toBe(0.5);
    expect(() => moved(() => -1)).toThrow(DomainError);
    expect(() => moved('exp' as never)).toThrow(DomainError);
  });

  it('should measure violations per row and reject mismatched shapes', () => {
    const v = setViolation(
      [
        [0, 0],
        [1, 1],
      ],
      [
        [0.3, 0],
        [1, 1.1],
      ],
      { set: { kind: 'l2', radius: 0.2 }, box: { lower: [0, 0], upper: [1, 1] } },
    );
    expect(allClose(v.perRow, [0.1, 0.1], { rtol: 1e-12 })).toEqual({ ok: true });
    expect(() => setViolation([[0, 0]], [[0, 0, 0]], { set: { kind: 'l2', radius: 1 } })).toThrow(ShapeError);
  });
});
