import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LawViolationError } from '../../../src/errors.ts';
import { appendBias } from '../../../src/kernels/appendBias.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { loss } from '../../../src/nn/loss.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import {
  capProblem,
  exactAttackResolutionLaw,
  kernelPsdLaw,
  kernelSymmetryLaw,
  perturbationSet,
  robustLossOrderLaw,
  smallModel,
  unitSphereData,
} from '../../../src/testing/index.ts';
import type { CertifiableModel, DifferentiableModel, Mat } from '../../../src/types.ts';

const ntk = twoLayerNtk({ activation: 'relu', train: 'first' });
const circle = (angles: number[]): Mat => ({
  rows: angles.length,
  cols: 2,
  data: Float64Array.from(angles.flatMap((a) => [Math.cos(a), Math.sin(a)])),
});
const sixAntipodal = circle([0, 1, 2, 3, 4, 5].map((k) => (k * Math.PI) / 3));

describe('kernel laws', () => {
  it('should accept the toolkit NTK and reject an asymmetric kernel', () => {
    const x1 = circle([0.1, 1.2, 2.5]);
    const x2 = circle([0.4, 3.3]);
    expect(kernelSymmetryLaw(ntk, x1, x2).value).toBeLessThanOrEqual(kernelSymmetryLaw(ntk, x1, x2).bound);
    // Negative control: a kernel with a term in the first argument only (relative size 1e-9 ≫ rounding).
    const skew = (a: Mat, b: Mat): Mat => {
      const k = ntk(a, b).ntk;
      return { ...k, data: k.data.map((v, idx) => v + 1e-9 * a.data[Math.floor(idx / b.rows) * a.cols]) };
    };
    expect(() => kernelSymmetryLaw(skew, x1, x2)).toThrow(LawViolationError);
    expect(() => kernelSymmetryLaw(skew, x1, x2)).toThrow(/kernelSymmetryLaw: .* must be ≤/);
  });

  it('should accept PSD Gram matrices and reject a kernel that is not PSD', () => {
    expect(kernelPsdLaw(ntk, sixAntipodal).value).toBeGreaterThanOrEqual(
      kernelPsdLaw(ntk, sixAntipodal).bound,
    );
    // Negative control: the distance kernel ‖a − b‖ (zero diagonal, positive off-diagonal) is indefinite.
    const dist = (a: Mat, b: Mat): Mat => {
      const data = new Float64Array(a.rows * b.rows);
      for (let i = 0; i < a.rows; i++)
        for (let j = 0; j < b.rows; j++)
          data[i * b.rows + j] = Math.hypot(
            a.data[2 * i] - b.data[2 * j],
            a.data[2 * i + 1] - b.data[2 * j + 1],
          );
      return { rows: a.rows, cols: b.rows, data };
    };
    expect(() => kernelPsdLaw(dist, sixAntipodal)).toThrow(LawViolationError);
  });

  it('should require strict PD only where promised: bias coordinate yes, three antipodal pairs bias-free no', () => {
    expect(() => kernelPsdLaw(ntk, sixAntipodal, { strict: true })).toThrow(LawViolationError);
    expect(kernelPsdLaw(ntk, appendBias(sixAntipodal), { strict: true }).value).toBeGreaterThan(1e-3);
  });
});

describe('model laws (a) and (b)', () => {
  const net = twoLayerNet({ inputDim: 2, width: 12, activation: 'softplus', seed: 5 });
  const x = circle([0.3, 1.9, 4]);
  const y = [1, -1, 1];
  const set = { kind: 'cap' as const, radius: 0.4 };

  it('(a) should hold for the toolkit certificate and reject a certificate that is too small', () => {
    const r = robustLossOrderLaw(net, x, y, { set, loss: 'logistic' });
    expect(r.value).toBeLessThanOrEqual(0);
    expect(r.details?.maxSetViolation).toBeLessThanOrEqual(1e-12);
    // Negative control: a "certificate" equal to the clean loss, which the attacks exceed inside the caps.
    const clean = (m: DifferentiableModel, xm: Mat, yv: Float64Array) => {
      const f = m.predict(xm);
      return Float64Array.from(f, (v, i) => loss('logistic').value(v, yv[i]));
    };
    expect(() => robustLossOrderLaw(net, x, y, { set, loss: 'logistic', certify: clean })).toThrow(
      /robustLossOrderLaw: .*L_A ≤ L\* ≤ U.* must be ≤ 0/,
    );
  });

  it('(a) should reject a model whose claimed certificate (boundOutput) is too small', () => {
    // Claims min over the set of s·f ≥ s·f(x_i) + 0.5: more than the model attains, so the loss certificate
    // falls below losses the attacks reach inside the caps.
    const claim = (offset: number): CertifiableModel => ({
      inputDim: 2,
      predict: (p) => net.predict(p),
      inputGradient: (p, u) => net.inputGradient(p, u),
      boundOutput: (xm, o) => ({
        lower: Float64Array.from(net.predict(xm), (v, i) => o.sign[i] * v + offset),
        method: new Array(xm.rows).fill('ibp'),
        nodes: new Float64Array(xm.rows),
      }),
    });
    expect(() => robustLossOrderLaw(claim(0.5), x, y, { set, loss: 'logistic' })).toThrow(LawViolationError);
    // A sound claim (min s·f ≥ s·f(x_i) − 10, far below anything attained) passes.
    expect(robustLossOrderLaw(claim(-10), x, y, { set, loss: 'logistic' }).value).toBeLessThanOrEqual(0);
  });

  it('(a) should reject a user attack that leaves the set and accept one that stays inside', () => {
    // Rotate every point by 1.5ρ (outside the cap) or by 0.5ρ (inside).
    const rotate =
      (factor: number) =>
      (_m: DifferentiableModel, xm: Mat): Mat => {
        const data = new Float64Array(xm.data.length);
        for (let i = 0; i < xm.rows; i++) {
          const a = Math.atan2(xm.data[2 * i + 1], xm.data[2 * i]) + factor * set.radius;
          data[2 * i] = Math.cos(a);
          data[2 * i + 1] = Math.sin(a);
        }
        return { rows: xm.rows, cols: 2, data };
      };
    expect(robustLossOrderLaw(net, x, y, { set, customAttacks: [rotate(0.5)] }).value).toBeLessThanOrEqual(0);
    expect(() => robustLossOrderLaw(net, x, y, { set, customAttacks: [rotate(1.5)] })).toThrow(
      /max distance of an attack point outside its set must be ≤ 1e-12/,
    );
  });

  it('(b) should hold for the exact cap attack and reject one that returns the clean points', () => {
    const r = exactAttackResolutionLaw(net, x, y, { radius: 0.4, loss: 'square' });
    expect(r.value).toBeLessThanOrEqual(0);
    const cleanAttack = (m: DifferentiableModel, xm: Mat, yv: Float64Array) => {
      const f = m.predict(xm);
      return Float64Array.from(f, (v, i) => loss('square').value(v, yv[i]));
    };
    expect(() =>
      exactAttackResolutionLaw(net, x, y, { radius: 0.4, loss: 'square', exactAttack: cleanAttack }),
    ).toThrow(LawViolationError);
    expect(() => exactAttackResolutionLaw(net, x, y, { radius: 0.4, gridPoints: 40 })).toThrow(/must be odd/);
  });
});

describe('arbitraries', () => {
  it('should draw unit rows with ±1 labels, sets within range, and certifiable small models', () => {
    for (const d of fc.sample(unitSphereData({ dim: 3, minAngle: 0.3 }), { numRuns: 10, seed: 3 })) {
      for (let i = 0; i < d.x.rows; i++) {
        expect(Math.abs(Math.hypot(...d.x.data.subarray(3 * i, 3 * i + 3)) - 1)).toBeLessThan(1e-15);
        expect(Math.abs(d.y[i])).toBe(1);
      }
    }
    for (const s of fc.sample(perturbationSet({ maxRadius: 0.2 }), { numRuns: 10, seed: 3 }))
      expect(s.radius).toBeLessThanOrEqual(0.2);
    for (const m of fc.sample(smallModel({ inputDim: 3 }), { numRuns: 6, seed: 3 }))
      expect(m.inputDim).toBe(3);
    for (const p of fc.sample(capProblem(), { numRuns: 4, seed: 3 })) expect(p.x.cols).toBe(2);
  });
});

describe('ntk-toolkit/testing isolation', () => {
  it('should not be imported by the rest of src/, and fast-check only inside src/testing', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', '..', '..', 'src');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (p !== join(root, 'testing')) walk(p);
        } else if (e.name.endsWith('.ts')) {
          const text = readFileSync(p, 'utf8');
          if (/from '(fast-check|@fast-check\/vitest)'|from '[./]*testing\//.test(text)) offenders.push(p);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
