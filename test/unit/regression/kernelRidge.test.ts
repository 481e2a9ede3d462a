import { describe, expect, it } from 'vitest';
import {
  ArgumentTypeError,
  DomainError,
  NonFiniteError,
  NotPositiveDefiniteError,
  ShapeError,
} from '../../../src/errors.ts';
import { kernelRidge } from '../../../src/regression/kernelRidge.ts';
import { allClose, maxRelErr } from '../../helpers/allClose.ts';
import { randomInputs, rbfPair, smoothTargets } from './testKernels.ts';

describe('kernelRidge', () => {
  it('should solve a 2×2 case by hand, with and without ridge', () => {
    // (K + λI)⁻¹ y with K = [[2,1],[1,2]], y = [1, -1]: α = y/(1+λ)
    const fit = kernelRidge(
      [
        [2, 1],
        [1, 2],
      ],
      [1, -1],
    );
    expect(allClose(fit.alpha.data, [1, -1], { rtol: 1e-15 })).toEqual({ ok: true });
    const ridged = kernelRidge(
      [
        [2, 1],
        [1, 2],
      ],
      [1, -1],
      { diagReg: { value: 1, scale: 'absolute' } },
    );
    expect(allClose(ridged.alpha.data, [0.5, -0.5], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(ridged.ridge).toBe(1);
    // trace scale: λ = value·trace/n = 0.5·2 = 1
    const traced = kernelRidge(
      [
        [2, 1],
        [1, 2],
      ],
      [1, -1],
      { diagReg: { value: 0.5, scale: 'trace' } },
    );
    expect(traced.ridge).toBe(1);
    expect(
      allClose(
        traced.predict([
          [1, 1],
          [3, 0],
        ]).data,
        [0, 1.5],
        { atol: 1e-15 },
      ),
    ).toEqual({ ok: true });
  });

  it('should interpolate the training targets when λ = 0', () => {
    const x = randomInputs(1, 30, 3);
    const y = smoothTargets(x, 2);
    const fit = kernelRidge(rbfPair(x).ntk, y);
    expect(allClose(fit.fxTrain.data, y.data, { atol: 1e-8 })).toEqual({ ok: true });
    expect(fit.relativeResidual).toBeLessThan(1e-12);
  });

  it('should converge to interpolation as the ridge goes to 0', () => {
    const x = randomInputs(2, 25, 2);
    const xt = randomInputs(3, 10, 2);
    const y = smoothTargets(x);
    const K = rbfPair(x).ntk;
    const kt = rbfPair(xt, x).ntk;
    const interp = kernelRidge(K, y).predict(kt).data;
    let prev = Number.POSITIVE_INFINITY;
    for (const lam of [1e-2, 1e-4, 1e-6, 1e-8]) {
      const err = maxRelErr(
        kernelRidge(K, y, { diagReg: { value: lam, scale: 'absolute' } }).predict(kt).data,
        interp,
        1,
      );
      expect(err).toBeLessThan(prev);
      prev = err;
    }
    expect(prev).toBeLessThan(1e-4);
  });

  it('should reject bad input with typed errors naming the argument', () => {
    const K = [
      [2, 1],
      [1, 2],
    ];
    expect(() => kernelRidge([[1, 2]], [1])).toThrow(ShapeError);
    expect(() =>
      kernelRidge(
        [
          [2, 1],
          [0, 2],
        ],
        [1, 1],
      ),
    ).toThrow(DomainError);
    expect(() => kernelRidge(K, [1, 2, 3])).toThrow(ShapeError);
    expect(() => kernelRidge(K, [1, Number.NaN])).toThrow(NonFiniteError);
    expect(() =>
      kernelRidge(
        [
          [1, Number.POSITIVE_INFINITY],
          [Number.POSITIVE_INFINITY, 1],
        ],
        [1, 1],
      ),
    ).toThrow(NonFiniteError);
    expect(() => kernelRidge(K, [1, 1], { diagReg: { value: -1, scale: 'absolute' } })).toThrow(DomainError);
    expect(() => kernelRidge(K, [1, 1], { diagReg: { value: 1, scale: 'relative' as 'trace' } })).toThrow(
      DomainError,
    );
    expect(() => kernelRidge(K, 'y' as unknown as number[])).toThrow(ArgumentTypeError);
    expect(() => kernelRidge(K, [1, 1]).predict([[1, 2, 3]])).toThrow(ShapeError);
    try {
      kernelRidge(K, [1, 2, 3]);
    } catch (e) {
      expect((e as ShapeError).data.arg).toBe('yTrain');
    }
  });

  it('should throw NotPositiveDefiniteError for an indefinite kernel', () => {
    expect(() =>
      kernelRidge(
        [
          [1, 2],
          [2, 1],
        ],
        [1, 1],
      ),
    ).toThrow(NotPositiveDefiniteError);
  });
});
