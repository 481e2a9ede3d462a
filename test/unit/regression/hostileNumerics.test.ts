/**
 * Hostile numerics (issue 12): singular kernels are flagged (never a silent α = ±9e15), the minimum-norm
 * solution is available and exact, overflowing inputs raise a typed error, and robust interpolation on
 * the documented singular case says 'not-positive-definite'.
 */
import { describe, expect, it } from 'vitest';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { NonFiniteError } from '../../../src/errors.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { fitKernelRegression } from '../../../src/regression/fitKernelRegression.ts';
import { gpInference } from '../../../src/regression/gpInference.ts';
import { gradientDescentMse } from '../../../src/regression/gradientDescentMse.ts';
import { kernelRidge } from '../../../src/regression/kernelRidge.ts';
import { CONDITION_LIMIT, RELATIVE_RESIDUAL_LIMIT } from '../../../src/regression/solveDiagnostics.ts';
import { robustInterpolate } from '../../../src/robust/robustInterpolate.ts';
import { allClose } from '../../helpers/allClose.ts';

const EPS = Number.EPSILON;
// Duplicate rows with opposite labels: rows 0 and 1 coincide, so K has rank 2 and range {v : v₀ = v₁}.
const xDup = [
  [1, 0],
  [1, 0],
  [0.6, 0.8],
];
const yDup = [1, -1, 1];

describe('kernelRidge: a singular kernel is flagged by contract', () => {
  it('should flag [[1,1],[1,1]] with labels [1,-1] (no exact solution exists)', () => {
    const r = kernelRidge(
      [
        [1, 1],
        [1, 1],
      ],
      [1, -1],
    );
    expect(r.accurate).toBe(false);
    expect(r.method).toBe('cholesky');
    // Either the residual or the condition estimate is over its documented limit.
    expect(r.relativeResidual > RELATIVE_RESIDUAL_LIMIT || r.conditionEstimate > CONDITION_LIMIT).toBe(true);
    expect(r.conditionEstimate).toBeGreaterThan(CONDITION_LIMIT);
  });

  it('negative control: a well-conditioned kernel is accurate, with κ estimate ≤ the exact κ₂', () => {
    // K = [[2,1],[1,2]]: eigenvalues 1 and 3, κ₂ = 3; (max Lᵢᵢ/min Lᵢᵢ)² = 2/1.5 is a lower bound.
    const r = kernelRidge(
      [
        [2, 1],
        [1, 2],
      ],
      [1, -1],
    );
    expect(r.accurate).toBe(true);
    expect(r.relativeResidual).toBeLessThanOrEqual(4 * 2 * EPS * 3);
    expect(r.conditionEstimate).toBeCloseTo(4 / 3, 14);
    expect(r.conditionEstimate).toBeLessThanOrEqual(3);
    expect(r.jitterUsed).toBe(0);
  });

  it('should give the exact minimum-norm fit with minNorm: projection of y onto the range of K', () => {
    const K = fcReluKernel()(xDup).ntk;
    const r = kernelRidge(K, yDup, { minNorm: true });
    expect(r.method).toBe('min-norm');
    expect(r.rank).toBe(2);
    expect(r.jitterUsed).toBe(0);
    expect(r.accurate).toBe(true);
    // P·y with P the projection onto {v₀ = v₁}: [0, 0, 1]; least-squares residual ‖y − Py‖/‖y‖ = √(2/3).
    expect(allClose(r.fxTrain.data, [0, 0, 1], { atol: 1e-12 })).toEqual({ ok: true });
    expect(r.relativeResidual).toBeCloseTo(Math.sqrt(2 / 3), 12);
    // The minimum-norm α has α₀ = α₁ (no component in the null space e₀ − e₁).
    expect(Math.abs(r.alpha.data[0] - r.alpha.data[1])).toBeLessThanOrEqual(
      1e-12 * Math.abs(r.alpha.data[2]),
    );
    // ... and the Cholesky path on the same kernel is flagged.
    expect(kernelRidge(K, yDup).accurate).toBe(false);
  });
});

describe('gradientDescentMse / fitKernelRegression / gpInference carry the diagnostics', () => {
  it('should flag the duplicate-row kernel at t = ∞ and fix it with minNorm', () => {
    const k = fcReluKernel();
    const plain = fitKernelRegression(k, xDup, yDup);
    expect(plain.solveDiagnostics().accurate).toBe(false);
    const mn = fitKernelRegression(k, xDup, yDup, { minNorm: true });
    expect(mn.solveDiagnostics()).toMatchObject({ method: 'min-norm', rank: 2, accurate: true });
    // Predictions at the training inputs are the projection [0, 0, 1] (mean of the duplicate labels).
    expect(allClose(mn.predict(xDup).data, [0, 0, 1], { atol: 1e-12 })).toEqual({ ok: true });
    expect(allClose(mn.predictTrain().data, [0, 0, 1], { atol: 1e-12 })).toEqual({ ok: true });
    const K = k(xDup).ntk;
    const gd = gradientDescentMse(K, yDup, { minNorm: true });
    expect(
      allClose(gd.predict(Infinity, { kTestTrain: K }).fxTest!.data, [0, 0, 1], { atol: 1e-12 }),
    ).toEqual({
      ok: true,
    });
  });

  it('should report the diagnostics of the GP mean solve', () => {
    const pair = fcReluKernel()(xDup);
    const gp = gpInference(pair, yDup);
    const p = gp.predict({ get: 'ntk', kTestTrain: pair });
    expect(p.accurate).toBe(false);
    expect(p.conditionEstimate).toBeGreaterThan(CONDITION_LIMIT);
    const ok = gpInference(fcReluKernel()(circlePoints(3).x), [1, -1, 1]).predict({
      get: 'ntk',
      kTestTrain: fcReluKernel()(circlePoints(3).x),
    });
    expect(ok.accurate).toBe(true);
    expect(ok.relativeResidual).toBeLessThan(RELATIVE_RESIDUAL_LIMIT);
  });
});

describe('kernels: overflow is a typed error, never NaN', () => {
  const big = [
    [1e300, 2e300],
    [3e300, -1e300],
  ];
  it.each([
    ['fcReluKernel', fcReluKernel()],
    ['fcReluKernel (bias, depth 2)', fcReluKernel({ bStd: 1, depth: 2 })],
    ['twoLayerNtk', twoLayerNtk()],
  ])('%s should throw NonFiniteError naming x1 for inputs of 1e300', (_name, k) => {
    expect(() => k(big)).toThrow(NonFiniteError);
    expect(() => k(big)).toThrow(/x1 must have rows whose squared norm is finite/);
    expect(() => k([[1, 0]], [[1e200, 0]])).toThrow(/x2 must have rows/);
  });

  it('negative control: inputs of 2^400 are computed, equal to 2^800 × the unit-scale kernel', () => {
    const x = [
      [0.6, 0.8],
      [1, -0.5],
    ];
    const s = 2 ** 400;
    const K = fcReluKernel()(x.map((r) => r.map((v) => v * s))).ntk;
    const K1 = fcReluKernel()(x).ntk;
    // Bias-free ReLU kernels are 2-homogeneous: K(sx, sz) = s²K(x, z); power-of-two scaling is exact in
    // the products, so only the angle computation's rounding (a few ulps) separates the two.
    expect(
      allClose(
        K.data,
        Array.from(K1.data, (v) => v * s * s),
        { rtol: 1e-14 },
      ),
    ).toEqual({ ok: true });
  });
});

describe('robustInterpolate: the documented singular case', () => {
  it("should stop with 'not-positive-definite' on six antipodal circle points (bias-free NTK)", () => {
    const c = circlePoints(6);
    const r = robustInterpolate(c.x, c.y, {
      kernel: fcReluKernel(),
      which: 'ntk',
      set: { kind: 'cap', radius: 0.3 },
    });
    expect(r.reason).toBe('not-positive-definite');
    expect(r.converged).toBe(false);
  });
});
