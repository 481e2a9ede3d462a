import { describe, expect, it } from 'vitest';
import { ArgumentTypeError, DomainError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { gradientDescentMse } from '../../../src/regression/gradientDescentMse.ts';
import { kernelRidge } from '../../../src/regression/kernelRidge.ts';
import { lastLayerGradientDescentMse } from '../../../src/regression/lastLayerGradientDescentMse.ts';
import { allClose, maxRelErr } from '../../helpers/allClose.ts';
import { randomInputs, rbfPair, smoothTargets } from './testKernels.ts';

describe('gradientDescentMse', () => {
  it('should follow y(1 − e^{−η t λ / N}) for a diagonal kernel (neural-tangents units)', () => {
    // K = diag(1, 3), y = [2, 4], n·k = 2, η = 0.5
    const p = gradientDescentMse(
      [
        [1, 0],
        [0, 3],
      ],
      [2, 4],
      { learningRate: 0.5 },
    );
    for (const t of [0, 0.3, 2, 10]) {
      const tau = (0.5 * t) / 2;
      const expected = [2 * -Math.expm1(-tau), 4 * -Math.expm1(-3 * tau)];
      expect(allClose(p.predict(t).fxTrain.data, expected, { rtol: 1e-14, atol: 1e-15 })).toEqual({
        ok: true,
      });
    }
  });

  it('should make learningRate and t interchangeable', () => {
    const x = randomInputs(4, 12, 2);
    const y = smoothTargets(x, 2);
    const K = rbfPair(x).ntk;
    const kt = rbfPair(randomInputs(5, 4, 2), x).ntk;
    const a = gradientDescentMse(K, y, { learningRate: 2 }).predict(3, { kTestTrain: kt });
    const b = gradientDescentMse(K, y, { learningRate: 1 }).predict(6, { kTestTrain: kt });
    expect(allClose(a.fxTest!.data, b.fxTest!.data, { rtol: 1e-12, atol: 1e-14 })).toEqual({ ok: true });
    expect(allClose(a.fxTrain.data, b.fxTrain.data, { rtol: 1e-12, atol: 1e-14 })).toEqual({ ok: true });
  });

  it('should agree with a fine explicit Euler integration of the gradient flow', () => {
    const n = 6;
    const x = randomInputs(6, n, 2);
    const xt = randomInputs(7, 3, 2);
    const y = smoothTargets(x).data;
    const K = rbfPair(x).ntk.data;
    const kt = rbfPair(xt, x).ntk.data;
    const f0 = Float64Array.from({ length: n }, (_, i) => 0.1 * i);
    const ft0 = Float64Array.from([0.3, -0.2, 0.1]);
    const eta = 1.5;
    const T = 4;
    const steps = 40000;
    const dt = T / steps;
    const f = f0.slice();
    const ft = ft0.slice();
    const g = new Float64Array(n);
    for (let s = 0; s < steps; s++) {
      for (let i = 0; i < n; i++) g[i] = f[i] - y[i];
      for (let i = 0; i < n; i++) {
        let d = 0;
        for (let j = 0; j < n; j++) d += K[i * n + j] * g[j];
        f[i] -= (eta / n) * d * dt;
      }
      for (let i = 0; i < 3; i++) {
        let d = 0;
        for (let j = 0; j < n; j++) d += kt[i * n + j] * g[j];
        ft[i] -= (eta / n) * d * dt;
      }
    }
    const p = gradientDescentMse(rbfPair(x).ntk, y, { learningRate: eta }).predict(T, {
      fxTrain0: f0,
      fxTest0: ft0,
      kTestTrain: rbfPair(xt, x).ntk,
    });
    expect(allClose(p.fxTrain.data, f, { atol: 1e-4 })).toEqual({ ok: true });
    expect(allClose(p.fxTest!.data, ft, { atol: 1e-4 })).toEqual({ ok: true });
  });

  it('should give f_0 at t = 0 and reach interpolation at t = ∞', () => {
    const x = randomInputs(8, 20, 3);
    const xt = randomInputs(9, 7, 3);
    const y = smoothTargets(x, 3);
    const K = rbfPair(x).ntk;
    const kt = rbfPair(xt, x).ntk;
    const f0 = smoothTargets(x, 3).data.map((v) => 0.2 * v + 0.1);
    const ft0 = new Float64Array(7 * 3).fill(-0.3);
    const p = gradientDescentMse(K, y);
    const at0 = p.predict(0, {
      fxTrain0: { rows: 20, cols: 3, data: f0 },
      fxTest0: { rows: 7, cols: 3, data: ft0 },
      kTestTrain: kt,
    });
    expect(allClose(at0.fxTrain.data, f0, { atol: 1e-15 })).toEqual({ ok: true });
    expect(allClose(at0.fxTest!.data, ft0, { atol: 1e-15 })).toEqual({ ok: true });
    const inf = p.predict(Number.POSITIVE_INFINITY, { kTestTrain: kt });
    const interp = kernelRidge(K, y).predict(kt);
    expect(allClose(inf.fxTest!.data, interp.data, { rtol: 1e-12, atol: 1e-12 })).toEqual({ ok: true });
    // A very long finite time (eigen path) approaches the t = ∞ (Cholesky path).
    const lam = p.eigenvalues();
    const tLong = (60 * 20 * 3) / lam[0];
    const far = p.predict(tLong, { kTestTrain: kt });
    expect(maxRelErr(far.fxTest!.data, inf.fxTest!.data, 1)).toBeLessThan(1e-6);
  });

  it('should reproduce y on the training points at t = ∞ (kTestTrain = kTrainTrain)', () => {
    const x = randomInputs(10, 40, 4);
    const y = smoothTargets(x, 2);
    const K = rbfPair(x).ntk;
    const p = gradientDescentMse(K, y);
    const r = p.predict(Number.POSITIVE_INFINITY, { kTestTrain: K });
    expect(r.jitterUsed).toBe(0);
    expect(allClose(r.fxTest!.data, y.data, { atol: 1e-8 })).toEqual({ ok: true });
    expect(Array.from(r.fxTrain.data)).toEqual(Array.from(y.data));
  });

  it('should predict many times at once, equal to one at a time', () => {
    const x = randomInputs(11, 10, 2);
    const p = gradientDescentMse(rbfPair(x).ntk, smoothTargets(x));
    const many = p.predictMany([0, 1, 100, Number.POSITIVE_INFINITY]);
    expect(many.map((r) => r.t)).toEqual([0, 1, 100, Number.POSITIVE_INFINITY]);
    expect(Array.from(many[2].fxTrain.data)).toEqual(Array.from(p.predict(100).fxTrain.data));
  });

  it('should reject negative or non-finite time and bad options', () => {
    const p = gradientDescentMse(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 2],
    );
    expect(() => p.predict(-1)).toThrow(DomainError);
    expect(() => p.predict(Number.NaN)).toThrow(NonFiniteError);
    expect(() => p.predict(Number.NEGATIVE_INFINITY)).toThrow(NonFiniteError);
    expect(() => p.predictMany([1, -2])).toThrow(DomainError);
    expect(() =>
      gradientDescentMse(
        [
          [1, 0],
          [0, 1],
        ],
        [1, 2],
        { learningRate: 0 },
      ),
    ).toThrow(DomainError);
    expect(() =>
      gradientDescentMse(
        [
          [1, 0],
          [0, 1],
        ],
        [1, 2, 3],
      ),
    ).toThrow(ShapeError);
    expect(() =>
      gradientDescentMse(
        [
          [1, 0.5],
          [0, 1],
        ],
        [1, 2],
      ),
    ).toThrow(DomainError);
    expect(() => p.predict(1, { kTestTrain: [[1, 2, 3]] })).toThrow(ShapeError);
    expect(() => p.predict(1, { fxTrain0: [1, 2, 3] })).toThrow(ShapeError);
    expect(() => p.predict(1, { kTestTrain: [[1, 2]], fxTest0: [[1, 2]] })).toThrow(ShapeError);
  });
});

describe('lastLayerGradientDescentMse', () => {
  it('should equal gradientDescentMse driven by the NNGP', () => {
    const x = randomInputs(12, 15, 3);
    const xt = randomInputs(13, 5, 3);
    const y = smoothTargets(x);
    const k = rbfPair(x);
    const kt = rbfPair(xt, x);
    const a = lastLayerGradientDescentMse(k, y).predict(3, { kTestTrain: kt });
    const b = gradientDescentMse(k.nngp, y).predict(3, { kTestTrain: kt.nngp });
    expect(Array.from(a.fxTest!.data)).toEqual(Array.from(b.fxTest!.data));
    expect(() => lastLayerGradientDescentMse({ ntk: k.ntk }, y)).toThrow(/nngp/);
  });
});

describe('gradientDescentMse input checks', () => {
  it('should reject fxTest0 without kTestTrain, a non-array ts and an unknown jitter policy', () => {
    const p = gradientDescentMse(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 2],
    );
    expect(() => p.predict(1, { fxTest0: [1] })).toThrow(ArgumentTypeError);
    expect(() => p.predictMany(3 as unknown as number[])).toThrow(ArgumentTypeError);
    expect(() => gradientDescentMse([[1]], [1], { jitter: 'always' as 'auto' })).toThrow(DomainError);
  });
});
