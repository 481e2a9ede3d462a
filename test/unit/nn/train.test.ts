import { describe, expect, it } from 'vitest';
import { AbortError, DomainError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { train } from '../../../src/nn/train.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import { adversarialTrain } from '../../../src/robust/adversarialTrain.ts';
import type { Mat } from '../../../src/types.ts';

function unitData(n: number, d: number, seed: number): { x: Mat; y: Float64Array } {
  const rng = createRng(seed);
  const x = rng.fillNormal(new Float64Array(n * d));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[i * d + j] ** 2;
    for (let j = 0; j < d; j++) x[i * d + j] /= Math.sqrt(s);
  }
  const y = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
  return { x: { rows: n, cols: d, data: x }, y };
}

describe('train', () => {
  it('should fit a small data set with a wide net (loss decreases to near 0) and leave the input unchanged', () => {
    const { x, y } = unitData(8, 4, 1);
    const net = twoLayerNet({ inputDim: 4, width: 200, activation: 'relu', init: 'symmetric', seed: 2 });
    const before = net.params.slice();
    const r = train(net, x, y, { loss: 'square', learningRate: 1, iterations: 300 });
    expect(r.diverged).toBe(false);
    expect(r.lossHistory.length).toBe(301);
    expect(r.gradNormHistory.length).toBe(300);
    expect(r.lossHistory[0]).toBe(1); // f(W₀) = 0, y = ±1
    expect(r.lossHistory[300]).toBeLessThan(1e-3);
    expect(Array.from(net.params)).toEqual(Array.from(before));
    expect(r.model.params).not.toBe(net.params);
  });

  it('should keep every iterate in B(W₀, R) with projection, and report the distances', () => {
    const { x, y } = unitData(8, 3, 3);
    const net = twoLayerNet({
      inputDim: 3,
      width: 50,
      activation: 'softplus',
      train: 'both',
      init: 'symmetric',
      seed: 4,
    });
    const seen: number[] = [];
    const r = train(net, x, y, {
      loss: 'logistic',
      learningRate: 2,
      iterations: 100,
      ballRadius: 0.3,
      onProgress: (p) => seen.push(...p.distanceFromInit),
    });
    expect(r.distanceHistory.length).toBe(101);
    for (const ds of r.distanceHistory) for (const d of ds) expect(d).toBeLessThanOrEqual(0.3);
    expect(Math.max(...r.distanceFromInit)).toBeGreaterThan(0.3 - 1e-9); // the constraint is active
    expect(seen.length).toBe(101 * 2);
    expect(r.lossHistory[100]).toBeLessThan(r.lossHistory[0]);
  });

  it('should train deep nets too (hinge loss)', () => {
    const { x, y } = unitData(6, 3, 5);
    const net = fcReluNet({ inputDim: 3, width: 64, depth: 2, wStd: 1.4, bStd: 0.1, seed: 1 });
    const r = train(net, x, y, { loss: 'hinge', learningRate: 0.5, iterations: 100 });
    expect(r.lossHistory[100]).toBeLessThan(r.lossHistory[0]);
  });

  it('should stop and report divergence instead of returning NaNs', () => {
    const { x } = unitData(4, 3, 7);
    const y = new Float64Array([50, -50, 50, -50]);
    const net = twoLayerNet({ inputDim: 3, width: 10, activation: 'relu2', seed: 1 });
    const r = train(net, x, y, { learningRate: 1e6, iterations: 1000 });
    expect(r.diverged).toBe(true);
    expect(r.divergence?.iteration).toBeGreaterThan(0);
    expect(r.iterations).toBeLessThan(1000);
    expect(r.model.params.every(Number.isFinite)).toBe(true);
    expect(r.lossHistory.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(r.model.predict(x)[0])).toBe(true);
  });

  it('should throw AbortError when the signal is aborted', () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const net = twoLayerNet({ inputDim: 2, width: 4, seed: 1 });
    expect(() =>
      train(net, [[1, 0]], [1], { learningRate: 0.1, iterations: 5, signal: ctrl.signal }),
    ).toThrow(AbortError);
  });

  it('should reject bad inputs with typed errors', () => {
    const net = twoLayerNet({ inputDim: 2, width: 4, seed: 1 });
    const o = { learningRate: 0.1, iterations: 5 };
    expect(() => train(net, [[1, 0]], [1, 2], o)).toThrow(ShapeError);
    expect(() => train(net, [[1, 0, 0]], [1], o)).toThrow(ShapeError);
    expect(() => train(net, [[1, 0]], [Number.NaN], o)).toThrow(NonFiniteError);
    expect(() => train(net, [[Number.NaN, 0]], [1], o)).toThrow(NonFiniteError);
    expect(() => train(net, [[1, 0]], [1], { learningRate: 0, iterations: 5 })).toThrow(DomainError);
    expect(() => train(net, [[1, 0]], [1], { learningRate: 0.1, iterations: -1 })).toThrow(DomainError);
    expect(() => train(net, [[1, 0]], [1], { ...o, ballRadius: -1 })).toThrow(DomainError);
    expect(() => train(net, [[1, 0]], [1], { ...o, loss: 'l1' as never })).toThrow(DomainError);
  });

  it('should be adversarialTrain with no attack: the same history, centre and final parameters', () => {
    const { x, y } = unitData(8, 3, 11);
    const net = twoLayerNet({ inputDim: 3, width: 30, activation: 'softplus', train: 'both', seed: 5 });
    net.params[0] += 0.5; // params at the call differ from initialParams: both use the params at the call
    const o = { loss: 'logistic', learningRate: 1, iterations: 20, ballRadius: 0.2 } as const;
    const a = train(net, x, y, o);
    const b = adversarialTrain(net, x, y, {
      ...o,
      attack: { kind: 'none' },
      set: { kind: 'l2', radius: 0 },
      robustEvery: 0,
    });
    expect(a.history).toEqual(b.history);
    expect(a.final).toEqual(b.final);
    expect(Array.from(a.model.params)).toEqual(Array.from(b.net.params));
    expect(a.lossHistory).toEqual([...b.history, b.final!].map((h) => h.surrogateLoss));
    expect(a.history.some((h) => h.projected)).toBe(true);
  });

  it('should reject labels other than ±1 for the logistic and hinge losses, naming y and the value', () => {
    const net = twoLayerNet({ inputDim: 2, width: 4, seed: 1 });
    const o = { learningRate: 0.1, iterations: 2 } as const;
    expect(() =>
      train(
        net,
        [
          [1, 0],
          [0, 1],
        ],
        [1, 2],
        { ...o, loss: 'logistic' },
      ),
    ).toThrow(/y\[1\] = 2/);
    expect(() =>
      train(
        net,
        [
          [1, 0],
          [0, 1],
        ],
        [1, 0],
        { ...o, loss: 'hinge' },
      ),
    ).toThrow(DomainError);
    expect(
      train(
        net,
        [
          [1, 0],
          [0, 1],
        ],
        [1, 2],
        { ...o, loss: 'square' },
      ).diverged,
    ).toBe(false);
  });
});
