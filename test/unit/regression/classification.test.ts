import { describe, expect, it } from 'vitest';
import { ArgumentTypeError, DomainError, ShapeError } from '../../../src/errors.ts';
import { argmaxAccuracy } from '../../../src/regression/argmaxAccuracy.ts';
import { fitKernelRegression } from '../../../src/regression/fitKernelRegression.ts';
import { gradientDescentMse } from '../../../src/regression/gradientDescentMse.ts';
import { oneHot } from '../../../src/regression/oneHot.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';
import { randomInputs, rbfPair, smoothTargets } from './testKernels.ts';

describe('oneHot / argmaxAccuracy', () => {
  it('should build ±1 targets and custom values', () => {
    expect(Array.from(oneHot([1, 0]).data)).toEqual([-1, 1, 1, -1]);
    expect(Array.from(oneHot([2], { numClasses: 4, positive: 0.9, negative: -0.1 }).data)).toEqual([
      -0.1, -0.1, 0.9, -0.1,
    ]);
    expect(() => oneHot([0.5])).toThrow(DomainError);
    expect(() => oneHot([3], { numClasses: 2 })).toThrow(DomainError);
  });

  it('should score argmax rows and signs of a single column', () => {
    expect(
      argmaxAccuracy(
        [
          [0.9, -1],
          [0.2, 0.1],
          [-1, 1],
        ],
        [0, 1, 1],
      ),
    ).toBeCloseTo(2 / 3, 15);
    expect(argmaxAccuracy([0.5, -0.5, 2], [1, 0, 0])).toBeCloseTo(2 / 3, 15);
    expect(() => argmaxAccuracy([[1, 2]], [0, 1])).toThrow(ShapeError);
    expect(() => argmaxAccuracy([[1, 2]], [-1])).toThrow(DomainError);
  });
});

describe('fitKernelRegression', () => {
  it('should equal gradientDescentMse on the kernel it computes, for NTK and NNGP', () => {
    const x = randomInputs(30, 20, 3);
    const xt = randomInputs(31, 5, 3);
    const y = smoothTargets(x, 2);
    for (const get of ['ntk', 'nngp'] as const) {
      const model = fitKernelRegression(rbfPair, x, y, { get, t: 5, learningRate: 2 });
      const ref = gradientDescentMse(rbfPair(x)[get], y, { learningRate: 2 }).predict(5, {
        kTestTrain: rbfPair(xt, x)[get],
      });
      expect(allClose(model.predict(xt).data, ref.fxTest!.data, { rtol: 1e-12, atol: 1e-14 })).toEqual({
        ok: true,
      });
      expect(allClose(model.predictTrain().data, ref.fxTrain.data, { rtol: 1e-12, atol: 1e-14 })).toEqual({
        ok: true,
      });
    }
  });

  it('should classify two separated clusters perfectly', () => {
    const a = randomInputs(32, 20, 2, 0.3);
    const b = randomInputs(33, 20, 2, 0.3);
    const data = new Float64Array(80);
    for (let i = 0; i < 20; i++) {
      data[2 * i] = a.data[2 * i] + 2;
      data[2 * i + 1] = a.data[2 * i + 1];
      data[40 + 2 * i] = b.data[2 * i] - 2;
      data[40 + 2 * i + 1] = b.data[2 * i + 1];
    }
    const x: Mat = { rows: 40, cols: 2, data };
    const labels = Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
    const model = fitKernelRegression(rbfPair, x, oneHot(labels));
    expect(
      argmaxAccuracy(
        model.predict([
          [2, 0],
          [-2, 0],
        ]),
        [0, 1],
      ),
    ).toBe(1);
  });

  it('should reject a non-function kernel and mismatched inputs', () => {
    const x = randomInputs(34, 4, 2);
    expect(() => fitKernelRegression(42 as unknown as typeof rbfPair, x, [1, 2, 3, 4])).toThrow(
      ArgumentTypeError,
    );
    expect(() => fitKernelRegression(rbfPair, x, [1, 2, 3])).toThrow(ShapeError);
    expect(() => fitKernelRegression(rbfPair, x, [1, 2, 3, 4]).predict([[1, 2, 3]])).toThrow(ShapeError);
    expect(() => fitKernelRegression(rbfPair, x, [1, 2, 3, 4], { t: -1 })).toThrow(DomainError);
  });
});
