import { CholeskyDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, NotPositiveDefiniteError, ShapeError } from '../../../src/errors.ts';
import { cholesky } from '../../../src/linalg/cholesky.ts';
import { allClose } from '../../helpers/allClose.ts';
import { fromMl, randomSpd, reconstructionError, spdWithCond, toMl } from './spd.ts';

describe('cholesky', () => {
  it('should factor a 2×2 matrix by hand', () => {
    const c = cholesky([
      [4, 2],
      [2, 3],
    ]);
    expect(allClose(c.L.data, [2, 0, 1, Math.SQRT2], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(allClose([c.logDet], [Math.log(8)], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(allClose(c.solve([2, 1]), [0.5, 0], { atol: 1e-15 })).toEqual({ ok: true });
    expect(c.jitterUsed).toBe(0);
    expect(c.minPivot).toBe(2);
  });

  it('should match ml-matrix within rtol 1e-10 on well-conditioned matrices across block boundaries', () => {
    for (const n of [1, 7, 96, 97, 250]) {
      const a = randomSpd(n, n);
      const c = cholesky(a);
      const ref = fromMl(new CholeskyDecomposition(toMl(a)).lowerTriangularMatrix);
      expect(allClose(c.L.data, ref, { rtol: 1e-10, atol: 1e-13 })).toEqual({ ok: true });
    }
  });

  it('should solve matrix right-hand sides and agree with ml-matrix', () => {
    const n = 130;
    const a = randomSpd(3, n);
    const b: number[][] = Array.from({ length: n }, (_, i) => [Math.sin(i), Math.cos(i), 1]);
    const x = cholesky(a).solve(b);
    const ref = fromMl(
      new CholeskyDecomposition(toMl(a)).solve(toMl({ rows: n, cols: 3, data: Float64Array.from(b.flat()) })),
    );
    expect(allClose(x.data, ref, { rtol: 1e-10, atol: 1e-12 })).toEqual({ ok: true });
  });

  it('should report the jitter it needed for a rank-deficient PSD matrix', () => {
    // rank-1 PSD matrix v vᵀ: not PD, becomes PD with jitter
    const v = [1, 2, 3];
    const a = v.map((x) => v.map((y) => x * y));
    const c = cholesky(a);
    expect(c.jitterUsed).toBeGreaterThan(0);
    expect(
      reconstructionError({ rows: 3, cols: 3, data: Float64Array.from(a.flat()) }, c.L, c.jitterUsed),
    ).toBeLessThan(1e-12);
  });

  it('should throw NotPositiveDefiniteError with minPivot and jitterTried for an indefinite matrix', () => {
    let err: unknown;
    try {
      cholesky([
        [1, 2],
        [2, 1],
      ]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NotPositiveDefiniteError);
    const data = (err as NotPositiveDefiniteError).data;
    expect(data.minPivot).toBeCloseToNumber(-3);
    expect(data.jitterTried).toBeCloseToNumber(1e6 * Number.EPSILON);
    expect((err as NotPositiveDefiniteError).code).toBe('E_NOT_PD');
  });

  it("should not retry with jitter: 'none'", () => {
    const v = [1, 2];
    expect(() =>
      cholesky(
        v.map((x) => v.map((y) => x * y)),
        { jitter: 'none' },
      ),
    ).toThrow(NotPositiveDefiniteError);
  });

  it('should add a fixed numeric jitter', () => {
    const c = cholesky(
      [
        [0, 0],
        [0, 0],
      ],
      { jitter: 4 },
    );
    expect(Array.from(c.L.data)).toEqual([2, 0, 0, 2]);
    expect(c.jitterUsed).toBe(4);
  });

  it('should reject bad input with typed errors', () => {
    expect(() => cholesky([[1, 2, 3]])).toThrow(ShapeError);
    expect(() =>
      cholesky([
        [1, 2],
        [0, 1],
      ]),
    ).toThrow(DomainError);
    expect(() =>
      cholesky([
        [1, Number.NaN],
        [Number.NaN, 1],
      ]),
    ).toThrow(NonFiniteError);
    expect(() => cholesky([[1]], { jitter: -1 })).toThrow(DomainError);
    expect(() =>
      cholesky([
        [1, 0],
        [0, 1],
      ]).solve([1, 2, 3]),
    ).toThrow(ShapeError);
  });

  it('should report a residual consistent with the condition number on an ill-conditioned matrix', () => {
    const { a } = spdWithCond(5, 60, 1e10);
    const c = cholesky(a);
    expect(reconstructionError(a, c.L, c.jitterUsed)).toBeLessThan(1e-13);
  });
});

expect.extend({
  toBeCloseToNumber(received: number, expected: number) {
    const pass = Math.abs(received - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    return { pass, message: () => `expected ${received} to be within 1e-9 (relative) of ${expected}` };
  },
});
declare module 'vitest' {
  interface Assertion {
    toBeCloseToNumber(expected: number): void;
  }
}
