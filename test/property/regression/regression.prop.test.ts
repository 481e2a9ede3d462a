import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { eigh } from '../../../src/linalg/eigh.ts';
import { gpInference } from '../../../src/regression/gpInference.ts';
import { gradientDescentMse } from '../../../src/regression/gradientDescentMse.ts';
import { kernelRidge } from '../../../src/regression/kernelRidge.ts';
import { randomInputs, rbfPair, smoothTargets } from '../../unit/regression/testKernels.ts';

const EPS = Number.EPSILON;
const seedArb = fc.integer({ min: 1, max: 2 ** 30 });

describe('regression (properties)', () => {
  test.prop(
    [
      seedArb,
      fc.integer({ min: 2, max: 40 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: -10, max: 0 }),
    ],
    {
      numRuns: 40,
    },
  )(
    'should solve (K + λI)α = y to a relative residual bounded by n·ε·cond(K + λI)',
    (seed, n, d, logRidge) => {
      const x = randomInputs(seed, n, d);
      const y = smoothTargets(x, 2);
      const K = rbfPair(x).ntk;
      const lambda = 10 ** logRidge;
      const fit = kernelRidge(K, y, { diagReg: { value: lambda, scale: 'absolute' } });
      const ev = eigh(K).values;
      const cond =
        (ev[n - 1] + lambda + fit.jitterUsed) / Math.max(ev[0] + lambda + fit.jitterUsed, Number.MIN_VALUE);
      expect(fit.relativeResidual).toBeLessThanOrEqual(10 * n * EPS * Math.max(cond, 1));
    },
  );

  test.prop(
    [
      seedArb,
      fc.integer({ min: 1, max: 25 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: -12, max: 0 }),
    ],
    {
      numRuns: 40,
    },
  )('should give NNGP posterior variances in [0, prior] and NTK variances ≥ 0', (seed, n, m, logRidge) => {
    const x = randomInputs(seed, n, 3);
    const xt = randomInputs(seed + 1, m, 3);
    const k = rbfPair(x);
    const kt = rbfPair(xt, x);
    const ktt = rbfPair(xt).nngp;
    const gp = gpInference(k, smoothTargets(x), { diagReg: { value: 10 ** logRidge, scale: 'trace' } });
    const nngp = gp.predict({ get: 'nngp', kTestTrain: kt, kTestTest: ktt });
    for (let i = 0; i < m; i++) {
      expect(nngp.variance![i]).toBeGreaterThanOrEqual(0);
      expect(nngp.variance![i]).toBeLessThanOrEqual(ktt.data[i * m + i] * (1 + 1e-12));
    }
    const ntk = gp.predict({ get: 'ntk', kTestTrain: kt, kTestTest: ktt });
    for (let i = 0; i < m; i++) expect(ntk.variance![i]).toBeGreaterThanOrEqual(0);
  });

  test.prop(
    [
      seedArb,
      fc.integer({ min: 2, max: 20 }),
      fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 2, maxLength: 6 }),
    ],
    {
      numRuns: 40,
    },
  )('should never increase the training loss along the gradient flow', (seed, n, times) => {
    const x = randomInputs(seed, n, 2);
    const y = smoothTargets(x);
    const p = gradientDescentMse(rbfPair(x).ntk, y, { learningRate: 3 });
    const ts = [...times].sort((a, b) => a - b);
    let prev = Number.POSITIVE_INFINITY;
    for (const r of p.predictMany(ts)) {
      let loss = 0;
      for (let i = 0; i < n; i++) loss += (r.fxTrain.data[i] - y.data[i]) ** 2;
      expect(loss).toBeLessThanOrEqual(prev * (1 + 1e-10) + 1e-28);
      prev = loss;
    }
  });
});
