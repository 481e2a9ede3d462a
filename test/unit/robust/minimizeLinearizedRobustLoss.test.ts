import { describe, expect, it } from 'vitest';
import { DomainError, ShapeError } from '../../../src/errors.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { minimizeLinearizedRobustLoss } from '../../../src/robust/index.ts';
import type { Mat } from '../../../src/types.ts';
import { gridLoss } from '../../helpers/linearizedGridLoss.ts';

describe('minimizeLinearizedRobustLoss', () => {
  const x = [
    [1, 0],
    [0, 1],
    [-1, 0],
    [0, -1],
  ];
  const y = [1, 1, -1, -1];
  const set = { kind: 'cap', radius: 0.3 } as const;

  it('should keep the centre and the input model unchanged, and honour options.center', () => {
    const net = twoLayerNet({ inputDim: 2, width: 6, activation: 'softplus', seed: 2 });
    const before = Array.from(net.params);
    const center = net.params.map((v) => v + 0.1);
    const r = minimizeLinearizedRobustLoss(net, x, y, {
      set,
      ballRadius: 0.2,
      gridPoints: 5,
      center,
      iterations: 200,
    });
    expect(Array.from(net.params)).toEqual(before);
    expect(Math.hypot(...r.params.map((v, q) => v - center[q]))).toBeLessThanOrEqual(0.2 * (1 + 1e-12));
  });

  it('should bound the grid discretisation for softplus + logistic (continuous maximum within it)', () => {
    const net = twoLayerNet({ inputDim: 2, width: 8, activation: 'softplus', init: 'symmetric', seed: 4 });
    const r = minimizeLinearizedRobustLoss(net, x, y, {
      set,
      ballRadius: 1,
      gridPoints: 11,
      iterations: 700,
    });
    const fine = gridLoss(net, x, y, 0.3, 201, 'logistic')(r.params);
    expect(fine).toBeGreaterThanOrEqual(r.value - 1e-12);
    expect(fine - r.value).toBeLessThanOrEqual(r.discretisation);
    expect(r.discretisation).toBeGreaterThan(0);
    expect(
      minimizeLinearizedRobustLoss(net, x, y, {
        set,
        ballRadius: 1,
        loss: 'square',
        gridPoints: 5,
        iterations: 10,
      }).discretisation,
    ).toBe(Number.POSITIVE_INFINITY);
  });

  it('should reject bad arguments with typed errors', () => {
    const net = twoLayerNet({ inputDim: 2, width: 4, seed: 1 });
    const o = { set, ballRadius: 1, iterations: 5 };
    expect(() => minimizeLinearizedRobustLoss(net, x, [1, 1, -1, 2], o)).toThrow(/y\[3\] = 2/);
    expect(() => minimizeLinearizedRobustLoss(net, x, y, { ...o, set: { kind: 'l2', radius: 0.1 } })).toThrow(
      DomainError,
    );
    expect(() => minimizeLinearizedRobustLoss(net, x, y, { ...o, ballRadius: -1 })).toThrow(DomainError);
    expect(() => minimizeLinearizedRobustLoss(net, x, y, { ...o, gridPoints: 1 })).toThrow(DomainError);
    expect(() => minimizeLinearizedRobustLoss(net, x, y, { ...o, loss: 'hinge' as never })).toThrow(
      DomainError,
    );
    expect(() =>
      minimizeLinearizedRobustLoss(twoLayerNet({ inputDim: 2, width: 4, train: 'both' }), x, y, o),
    ).toThrow(DomainError);
    expect(() => minimizeLinearizedRobustLoss(net, x, y, { ...o, center: new Float64Array(3) })).toThrow(
      ShapeError,
    );
    const x3: Mat = { rows: 1, cols: 3, data: new Float64Array([1, 0, 0]) };
    expect(() => minimizeLinearizedRobustLoss(twoLayerNet({ inputDim: 3, width: 4 }), x3, [1], o)).toThrow(
      ShapeError,
    );
  });
});
