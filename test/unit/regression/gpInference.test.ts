import { describe, expect, it } from 'vitest';
import { ArgumentTypeError, DomainError, ShapeError } from '../../../src/errors.ts';
import { gpInference } from '../../../src/regression/gpInference.ts';
import { gradientDescentMse } from '../../../src/regression/gradientDescentMse.ts';
import { kernelRidge } from '../../../src/regression/kernelRidge.ts';
import { allClose } from '../../helpers/allClose.ts';
import { randomInputs, rbfPair, smoothTargets } from './testKernels.ts';

describe('gpInference', () => {
  it('should compute a 1-point posterior by hand', () => {
    // K = [[2]], y = [1], k* = [1], k** = 1: mean 0.5, variance 1 − 1/2
    const gp = gpInference({ nngp: [[2]] }, [1]);
    const p = gp.predict({ get: 'nngp', kTestTrain: { nngp: [[1]] }, kTestTest: [[1]] });
    expect(
      allClose([p.mean.data[0], p.variance![0], p.covariance!.data[0]], [0.5, 0.5, 0.5], { rtol: 1e-15 }),
    ).toEqual({
      ok: true,
    });
  });

  it('should give the kernel-ridge mean and agree between the covariance and variance-only paths', () => {
    const x = randomInputs(20, 25, 3);
    const xt = randomInputs(21, 6, 3);
    const y = smoothTargets(x, 2);
    const k = rbfPair(x);
    const kt = rbfPair(xt, x);
    const ktt = rbfPair(xt);
    const diagReg = { value: 1e-3, scale: 'trace' as const };
    const gp = gpInference(k, y, { diagReg });
    for (const get of ['nngp', 'ntk'] as const) {
      const full = gp.predict({ get, kTestTrain: kt, kTestTest: ktt.nngp });
      const diagOnly = gp.predict({
        get,
        kTestTrain: kt,
        kTestTestDiag: Float64Array.from({ length: 6 }, (_, i) => ktt.nngp.data[i * 6 + i]),
      });
      expect(allClose(full.variance!, diagOnly.variance!, { rtol: 1e-9, atol: 1e-12 })).toEqual({ ok: true });
      const ridge = kernelRidge(k[get], y, { diagReg }).predict(kt[get]);
      expect(allClose(full.mean.data, ridge.data, { rtol: 1e-12, atol: 1e-12 })).toEqual({ ok: true });
    }
    // NTK mean equals the t = ∞ gradient-descent prediction
    const gd = gradientDescentMse(k.ntk, y, { diagReg }).predict(Number.POSITIVE_INFINITY, {
      kTestTrain: kt.ntk,
    });
    const ntkMean = gp.predict({ get: 'ntk', kTestTrain: kt }).mean;
    expect(allClose(ntkMean.data, gd.fxTest!.data, { rtol: 1e-12, atol: 1e-12 })).toEqual({ ok: true });
  });

  it('should reduce to the NNGP posterior when the NTK equals the NNGP', () => {
    const x = randomInputs(22, 12, 2);
    const xt = randomInputs(23, 4, 2);
    const k = rbfPair(x).nngp;
    const kt = rbfPair(xt, x).nngp;
    const ktt = rbfPair(xt).nngp;
    const gp = gpInference({ nngp: k, ntk: k }, smoothTargets(x));
    const a = gp.predict({ get: 'nngp', kTestTrain: { nngp: kt, ntk: kt }, kTestTest: ktt });
    const b = gp.predict({ get: 'ntk', kTestTrain: { nngp: kt, ntk: kt }, kTestTest: ktt });
    expect(allClose(a.covariance!.data, b.covariance!.data, { atol: 1e-9 })).toEqual({ ok: true });
  });

  it('should give zero variance at training points (no ridge)', () => {
    const x = randomInputs(24, 10, 2);
    const k = rbfPair(x);
    const p = gpInference(k, smoothTargets(x)).predict({ get: 'nngp', kTestTrain: k, kTestTest: k.nngp });
    for (const v of p.variance!) expect(v).toBeLessThan(1e-8);
  });

  it('should reject missing kernels and bad shapes', () => {
    const k = {
      nngp: [
        [1, 0],
        [0, 1],
      ],
    };
    expect(() => gpInference(k, [1, 2]).predict({ get: 'ntk', kTestTrain: k })).toThrow(ArgumentTypeError);
    expect(() => gpInference(k, [1, 2, 3])).toThrow(ShapeError);
    expect(() =>
      gpInference(
        {
          nngp: [
            [1, 2],
            [3, 1],
          ],
        },
        [1, 2],
      ),
    ).toThrow(DomainError);
    expect(() =>
      gpInference(k, [1, 2]).predict({ get: 'nngp', kTestTrain: { nngp: [[1, 2]] }, kTestTest: [[1, 2]] }),
    ).toThrow(ShapeError);
    expect(() => gpInference(k, [1, 2]).predict({ get: 'x' as 'nngp', kTestTrain: k })).toThrow(DomainError);
    expect(() => gpInference(k, [1, 2], { diagReg: { value: -1 } })).toThrow(DomainError);
    expect(() =>
      gpInference(
        {
          nngp: [[1]],
          ntk: [
            [1, 0],
            [0, 1],
          ],
        },
        [1],
      ),
    ).toThrow(ShapeError);
  });
});
