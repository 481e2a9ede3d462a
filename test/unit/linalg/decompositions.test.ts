import { EigenvalueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { ConvergenceError, DomainError, ShapeError } from '../../../src/errors.ts';
import { conjugateGradient } from '../../../src/linalg/conjugateGradient.ts';
import { eigh } from '../../../src/linalg/eigh.ts';
import { matmul } from '../../../src/linalg/matmul.ts';
import { matvec } from '../../../src/linalg/matvec.ts';
import { minEigenvalue } from '../../../src/linalg/minEigenvalue.ts';
import { solveTriangular } from '../../../src/linalg/solveTriangular.ts';
import { syrk } from '../../../src/linalg/syrk.ts';
import { allClose } from '../../helpers/allClose.ts';
import { randomSpd, spdWithCond, toMl } from './spd.ts';

describe('matmul / matvec / solveTriangular', () => {
  it('should multiply small matrices by hand', () => {
    expect(
      Array.from(
        matmul(
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ).data,
      ),
    ).toEqual([19, 22, 43, 50]);
    expect(
      Array.from(
        matmul(
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
          { transA: true, transB: true },
        ).data,
      ),
    ).toEqual([23, 31, 34, 46]);
    expect(
      Array.from(
        matvec(
          [
            [1, 2],
            [3, 4],
          ],
          [1, -1],
          { trans: true },
        ),
      ),
    ).toEqual([-2, -2]);
    expect(
      Array.from(
        solveTriangular(
          [
            [2, 0],
            [1, 1],
          ],
          [[2], [3]],
          { trans: true },
        ).data,
      ),
    ).toEqual([-0.5, 3]);
  });

  it('should reject mismatched shapes', () => {
    expect(() => matmul([[1, 2]], [[1, 2]])).toThrow(ShapeError);
    expect(() => matvec([[1, 2]], [1])).toThrow(ShapeError);
    expect(() =>
      solveTriangular(
        [
          [1, 0],
          [0, 1],
        ],
        [[1]],
      ),
    ).toThrow(ShapeError);
  });
});

describe('eigh', () => {
  it('should match ml-matrix eigenvalues and reconstruct A', () => {
    const n = 40;
    const a = randomSpd(31, n);
    const { values, vectors } = eigh(a);
    const ref = new EigenvalueDecomposition(toMl(a), { assumeSymmetric: true }).realEigenvalues.sort(
      (p, q) => p - q,
    );
    expect(allClose(values, ref, { rtol: 1e-10 })).toEqual({ ok: true });
    const rec = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < n; p++) s += vectors.data[i * n + p] * values[p] * vectors.data[j * n + p];
        rec[i * n + j] = s;
      }
    expect(allClose(rec, a.data, { rtol: 1e-10, atol: 1e-12 })).toEqual({ ok: true });
  });

  it('should reject non-symmetric input', () => {
    expect(() =>
      eigh([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(DomainError);
  });
});

describe('minEigenvalue', () => {
  it('should find the smallest eigenvalue of a prescribed spectrum and report convergence', () => {
    const { a, eigenvalues } = spdWithCond(41, 120, 1e3);
    const r = minEigenvalue(a, { tol: 1e-10 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value - eigenvalues[0])).toBeLessThanOrEqual(Math.max(r.residualNorm, 1e-12));
    expect(r.value).toBeGreaterThanOrEqual(eigenvalues[0] - 1e-12);
  });

  it('should report non-convergence honestly and throw on request', () => {
    const { a } = spdWithCond(42, 200, 1e8);
    const r = minEigenvalue(a, { maxIterations: 5, tol: 1e-14 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(5);
    expect(r.residualNorm).toBeGreaterThan(0);
    expect(() => minEigenvalue(a, { maxIterations: 5, tol: 1e-14, throwOnNoConvergence: true })).toThrow(
      ConvergenceError,
    );
  });
});

describe('conjugateGradient', () => {
  it('should solve an SPD system with and without preconditioner', () => {
    const n = 80;
    const a = randomSpd(51, n);
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    for (const preconditioner of ['jacobi', 'none'] as const) {
      const r = conjugateGradient(a, b, { preconditioner, tol: 1e-12 });
      expect(r.converged).toBe(true);
      const ax = matvec(a, r.x);
      expect(allClose(ax, b, { atol: 1e-10 })).toEqual({ ok: true });
    }
    const custom = conjugateGradient(a, b, { preconditioner: (r, out) => out.set(r) });
    expect(custom.converged).toBe(true);
  });

  it('should report a residual and throw on request when iterations run out', () => {
    const { a } = spdWithCond(52, 100, 1e8);
    const b = Float64Array.from({ length: 100 }, (_, i) => Math.cos(i));
    const r = conjugateGradient(a, b, { maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
    const ax = matvec(a, r.x);
    let res = 0;
    for (let i = 0; i < 100; i++) res += (ax[i] - b[i]) ** 2;
    expect(allClose([r.residualNorm], [Math.sqrt(res)], { rtol: 1e-8 })).toEqual({ ok: true });
    expect(() => conjugateGradient(a, b, { maxIterations: 3, throwOnNoConvergence: true })).toThrow(
      ConvergenceError,
    );
    expect(() => conjugateGradient(a, [1, 2])).toThrow(ShapeError);
  });
});

describe('syrk', () => {
  it('should equal A·Aᵀ and Aᵀ·A, exactly symmetric', () => {
    expect(
      Array.from(
        syrk([
          [1, 2],
          [3, 4],
        ]).data,
      ),
    ).toEqual([5, 11, 11, 25]);
    expect(
      Array.from(
        syrk(
          [
            [1, 2],
            [3, 4],
          ],
          { trans: true },
        ).data,
      ),
    ).toEqual([10, 14, 14, 20]);
    const a = randomSpd(61, 140);
    const s = syrk(a);
    const m = matmul(a, a, { transB: true });
    expect(allClose(s.data, m.data, { rtol: 1e-12, atol: 1e-12 })).toEqual({ ok: true });
    for (let i = 0; i < 140; i++)
      for (let j = 0; j < i; j++) expect(s.data[i * 140 + j]).toBe(s.data[j * 140 + i]);
  });
});
