import { fc, test } from '@fast-check/vitest';
import { CholeskyDecomposition, EigenvalueDecomposition } from 'ml-matrix';
import { describe, expect } from 'vitest';
import { NotPositiveDefiniteError } from '../../../src/errors.ts';
import { cholesky } from '../../../src/linalg/cholesky.ts';
import { conjugateGradient } from '../../../src/linalg/conjugateGradient.ts';
import { eigh } from '../../../src/linalg/eigh.ts';
import { matvec } from '../../../src/linalg/matvec.ts';
import { allClose } from '../../helpers/allClose.ts';
import { fromMl, randomSpd, reconstructionError, spdWithCond, toMl } from '../../unit/linalg/spd.ts';

const EPS = Number.EPSILON;

describe('cholesky (properties)', () => {
  test.prop([fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 40 })], { numRuns: 40 })(
    'should match ml-matrix within rtol 1e-10 on random well-conditioned SPD matrices',
    (seed, n) => {
      const a = randomSpd(seed, n);
      const c = cholesky(a);
      expect(c.jitterUsed).toBe(0);
      const ref = fromMl(new CholeskyDecomposition(toMl(a)).lowerTriangularMatrix);
      expect(allClose(c.L.data, ref, { rtol: 1e-10, atol: 1e-13 })).toEqual({ ok: true });
    },
  );

  test.prop(
    [fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 2, max: 30 }), fc.integer({ min: 0, max: 20 })],
    { numRuns: 60 },
  )(
    'should be honest on ill-conditioned SPD matrices: a small residual for the jitter it reports, or a throw',
    (seed, n, logCond) => {
      const { a } = spdWithCond(seed, n, 10 ** logCond);
      let c: ReturnType<typeof cholesky>;
      try {
        c = cholesky(a);
      } catch (e) {
        // Only allowed after every retry, and the data must say what was tried.
        expect(e).toBeInstanceOf(NotPositiveDefiniteError);
        const d = (e as NotPositiveDefiniteError).data;
        let mean = 0;
        for (let i = 0; i < n; i++) mean += a.data[i * n + i] / n;
        expect(allClose([d.jitterTried as number], [1e6 * EPS * mean], { rtol: 1e-12 })).toEqual({
          ok: true,
        });
        expect(d.minPivot).toBeLessThanOrEqual(0);
        return;
      }
      // Backward stability: ‖A + jI − LLᵀ‖ ≤ c·n·ε·‖A‖ (‖A‖ = 1 here).
      expect(reconstructionError(a, c.L, c.jitterUsed)).toBeLessThanOrEqual(4 * n * EPS);
      let mean = 0;
      for (let i = 0; i < n; i++) mean += a.data[i * n + i] / n;
      const schedule = [0, ...Array.from({ length: 7 }, (_, k) => 10 ** k * EPS * mean)];
      expect(schedule.some((j) => Math.abs(c.jitterUsed - j) <= 1e-12 * j)).toBe(true);
      // The solve residual is small relative to ‖A‖‖x‖ whatever the condition number.
      const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i + seed));
      const x = c.solve(b);
      const ax = matvec(a, x);
      let res = 0;
      let xn = 0;
      for (let i = 0; i < n; i++) {
        res = Math.max(res, Math.abs(ax[i] + c.jitterUsed * x[i] - b[i]));
        xn = Math.max(xn, Math.abs(x[i]));
      }
      expect(res).toBeLessThanOrEqual(20 * n * EPS * (1 + xn));
      if (logCond <= 8) expect(c.jitterUsed).toBe(0);
    },
  );

  test.prop([fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 30 })], { numRuns: 30 })(
    'should give eigh eigenvalues equal to ml-matrix within rtol 1e-10',
    (seed, n) => {
      const a = randomSpd(seed, n);
      const ref = new EigenvalueDecomposition(toMl(a), { assumeSymmetric: true }).realEigenvalues.sort(
        (p, q) => p - q,
      );
      expect(allClose(eigh(a).values, ref, { rtol: 1e-10 })).toEqual({ ok: true });
    },
  );

  test.prop([fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 40 })], { numRuns: 30 })(
    'should make conjugate gradients agree with the Cholesky solve on well-conditioned systems',
    (seed, n) => {
      const a = randomSpd(seed, n);
      const b = Float64Array.from({ length: n }, (_, i) => Math.sin(seed + i));
      const r = conjugateGradient(a, b, { tol: 1e-13 });
      expect(r.converged).toBe(true);
      expect(allClose(r.x, cholesky(a).solve(b), { rtol: 1e-9, atol: 1e-11 })).toEqual({ ok: true });
    },
  );
});
