import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/errors.ts';
import { gradientDescentMse } from '../../../src/regression/gradientDescentMse.ts';
import { maxLearningRate } from '../../../src/regression/maxLearningRate.ts';
import { allClose } from '../../helpers/allClose.ts';
import { randomInputs, rbfPair, smoothTargets } from './testKernels.ts';

describe('maxLearningRate', () => {
  it('should be 2N/λ_max by hand, with momentum and output count', () => {
    expect(
      allClose(
        [
          maxLearningRate([
            [2, 0],
            [0, 1],
          ]),
        ],
        [2],
        { rtol: 1e-9 },
      ),
    ).toEqual({ ok: true });
    expect(
      allClose(
        [
          maxLearningRate(
            [
              [2, 0],
              [0, 1],
            ],
            { yTrainSize: 6, momentum: 0.5 },
          ),
        ],
        [9],
        { rtol: 1e-9 },
      ),
    ).toEqual({
      ok: true,
    });
    expect(
      maxLearningRate([
        [0, 0],
        [0, 0],
      ]),
    ).toBe(Number.POSITIVE_INFINITY);
    expect(() => maxLearningRate([[1]], { momentum: 2 })).toThrow(DomainError);
  });

  it('should separate converging from diverging discrete gradient descent', () => {
    const x = randomInputs(40, 15, 2);
    const y = smoothTargets(x).data;
    const K = rbfPair(x).ntk;
    const n = 15;
    const etaMax = maxLearningRate(K);
    const run = (eta: number) => {
      const f = new Float64Array(n);
      for (let s = 0; s < 3000; s++) {
        const g = f.map((v, i) => v - y[i]);
        for (let i = 0; i < n; i++) {
          let d = 0;
          for (let j = 0; j < n; j++) d += K.data[i * n + j] * g[j];
          f[i] -= (eta / n) * d;
        }
      }
      let loss = 0;
      for (let i = 0; i < n; i++) loss += (f[i] - y[i]) ** 2;
      return loss;
    };
    expect(run(0.95 * etaMax)).toBeLessThan(1e3);
    expect(run(1.05 * etaMax)).toBeGreaterThan(1e6);
    expect(gradientDescentMse(K, y).n).toBe(n);
  });
});
