import { describe, expect, it } from 'vitest';
import { ArgumentTypeError, DomainError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { sigmoid, softplus } from '../../../src/nn/loss.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

const ACTS = { relu: (z: number) => Math.max(0, z), relu2: (z: number) => Math.max(0, z) ** 2, softplus };

function randomInputs(n: number, d: number, seed: number): Mat {
  const rng = createRng(seed);
  return { rows: n, cols: d, data: rng.fillNormal(new Float64Array(n * d)) };
}

/** f(x) by the definition, one neuron at a time. */
function naivePredict(W: Mat, a: Float64Array, x: Mat, s: (z: number) => number): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let acc = 0;
    for (let r = 0; r < W.rows; r++) {
      let z = 0;
      for (let j = 0; j < x.cols; j++) z += W.data[r * W.cols + j] * x.data[i * x.cols + j];
      acc += a[r] * s(z);
    }
    out[i] = acc / Math.sqrt(W.rows);
  }
  return out;
}

describe('twoLayerNet', () => {
  it('should output exactly zero at a symmetric initialisation', () => {
    for (const activation of ['relu', 'relu2', 'softplus'] as const) {
      const net = twoLayerNet({ inputDim: 3, width: 10, activation, init: 'symmetric', seed: 3 });
      const f = net.predict(randomInputs(7, 3, 1));
      expect(Array.from(f)).toEqual(new Array(7).fill(0));
    }
  });

  it('should match the definition m^{-1/2} Σ a_r σ(w_r·x) for every activation', () => {
    for (const activation of ['relu', 'relu2', 'softplus'] as const) {
      const net = twoLayerNet({ inputDim: 4, width: 33, activation, train: 'both', seed: 5 });
      const x = randomInputs(9, 4, 2);
      const expected = naivePredict(net.W, net.a, x, ACTS[activation]);
      expect(allClose(net.predict(x), expected, { rtol: 1e-12, atol: 1e-13 })).toEqual({ ok: true });
    }
  });

  it('should accept number[][] inputs and give the same predictions as a Mat', () => {
    const net = twoLayerNet({ inputDim: 2, width: 6, seed: 1 });
    const x = { rows: 2, cols: 2, data: new Float64Array([0.5, -1, 2, 0.25]) };
    expect(
      Array.from(
        net.predict([
          [0.5, -1],
          [2, 0.25],
        ]),
      ),
    ).toEqual(Array.from(net.predict(x)));
  });

  it('should draw w_r ~ N(0, I) without a 1/d factor and a_r in {±1}', () => {
    const net = twoLayerNet({ inputDim: 50, width: 400, seed: 11 });
    let ss = 0;
    for (const v of net.W.data) ss += v * v;
    expect(Math.abs(ss / net.W.data.length - 1)).toBeLessThan(0.03);
    expect(Array.from(net.a).every((v) => v === 1 || v === -1)).toBe(true);
  });

  it('should lay out params as W then a, and expose them as live views', () => {
    const net = twoLayerNet({ inputDim: 2, width: 4, train: 'both', seed: 2 });
    expect(net.params.length).toBe(12);
    expect(net.layers).toEqual([
      { name: 'W', offset: 0, length: 8 },
      { name: 'a', offset: 8, length: 4 },
    ]);
    net.params[0] = 42;
    net.params[8] = -7;
    expect(net.W.data[0]).toBe(42);
    expect(net.a[0]).toBe(-7);
    expect(net.initialParams[0]).not.toBe(42);
  });

  it('should clone independently (parameters copied)', () => {
    const net = twoLayerNet({ inputDim: 2, width: 4, seed: 2 });
    const c = net.clone();
    c.params[0] += 1;
    expect(c.params[0]).not.toBe(net.params[0]);
    expect(c.initialParams).toBe(net.initialParams);
    expect(c.activation).toBe(net.activation);
  });

  it('should compute closed-form gradients for relu on a hand example', () => {
    // m = 2, d = 2, W = [[1, 0], [0, 1]], a = [1, -1] (symmetric would tie rows, so set by hand).
    const net = twoLayerNet({ inputDim: 2, width: 2, train: 'both', seed: 0 });
    net.params.set([1, 0, 0, 1, 1, -1]);
    const x = [[2, -3]];
    // z = [2, -3]; f = (1·2 − 1·0)/√2
    expect(allClose(net.predict(x), [2 / Math.SQRT2])).toEqual({ ok: true });
    // ∂f/∂w_1 = a_1·1·x/√2, ∂f/∂w_2 = 0; ∂f/∂a = σ(z)/√2 = [2, 0]/√2
    const g = net.paramGradient(x, [1]);
    expect(allClose(g, [2 / Math.SQRT2, -3 / Math.SQRT2, 0, 0, 2 / Math.SQRT2, 0], { atol: 1e-15 })).toEqual({
      ok: true,
    });
    // ∂f/∂x = Σ a_r σ'(z_r) w_r/√2 = [1, 0]/√2
    expect(allClose(net.inputGradient(x).data, [1 / Math.SQRT2, 0])).toEqual({ ok: true });
  });

  it('should use sigmoid as the softplus derivative', () => {
    const net = twoLayerNet({ inputDim: 1, width: 2, activation: 'softplus', train: 'both', seed: 0 });
    net.params.set([0.5, -2, 1, 1]);
    const g = net.paramGradient([[3]], [1]);
    expect(
      allClose(g, [
        (sigmoid(1.5) * 3) / Math.SQRT2,
        (sigmoid(-6) * 3) / Math.SQRT2,
        softplus(1.5) / Math.SQRT2,
        softplus(-6) / Math.SQRT2,
      ]),
    ).toEqual({ ok: true });
  });

  it('should reject bad options with typed errors', () => {
    expect(() => twoLayerNet({ inputDim: 2, width: 0 })).toThrow(DomainError);
    expect(() => twoLayerNet({ inputDim: 2, width: -3 })).toThrow(DomainError);
    expect(() => twoLayerNet({ inputDim: 0, width: 4 })).toThrow(DomainError);
    expect(() => twoLayerNet({ inputDim: 2, width: 2.5 })).toThrow(DomainError);
    expect(() => twoLayerNet({ inputDim: 2, width: 5, init: 'symmetric' })).toThrow(/even/);
    expect(() => twoLayerNet({ inputDim: 2, width: 4, activation: 'tanh' as never })).toThrow(DomainError);
    expect(() => twoLayerNet({ inputDim: 2, width: 4, train: 'second' as never })).toThrow(DomainError);
    expect(() => twoLayerNet({ inputDim: '2' as never, width: 4 })).toThrow(ArgumentTypeError);
    expect(() => twoLayerNet(null as never)).toThrow(ArgumentTypeError);
  });

  it('should reject mismatched shapes and non-finite inputs', () => {
    const net = twoLayerNet({ inputDim: 3, width: 4, seed: 0 });
    expect(() => net.predict([[1, 2]])).toThrow(ShapeError);
    expect(() => net.predict([[1, Number.NaN, 2]])).toThrow(NonFiniteError);
    expect(() => net.paramGradient([[1, 2, 3]], [1, 2])).toThrow(ShapeError);
    expect(() => net.paramGradient([[1, 2, 3]], [Number.NaN])).toThrow(NonFiniteError);
    expect(() => net.inputGradient([[1, 2, 3]], [Number.POSITIVE_INFINITY])).toThrow(NonFiniteError);
    try {
      net.predict([[1, 2]]);
    } catch (e) {
      expect((e as ShapeError).code).toBe('E_SHAPE');
      expect((e as ShapeError).message).toMatch(/^twoLayerNet.predict: x must have 3 columns/);
    }
  });

  it('should give the same results on the js and wasm-simd backends (large products use WASM)', () => {
    for (const activation of ['relu', 'softplus'] as const) {
      const o = {
        inputDim: 40,
        width: 128,
        activation,
        train: 'both' as const,
        init: 'symmetric' as const,
        seed: 3,
      };
      const js = twoLayerNet({ ...o, backend: 'js' });
      const wasm = twoLayerNet({ ...o, backend: 'wasm-simd' });
      expect([js.backend, wasm.backend]).toEqual(['js', 'wasm-simd']);
      expect(wasm.clone().backend).toBe('wasm-simd');
      const x = randomInputs(64, 40, 4);
      const u = createRng(5).fillNormal(new Float64Array(64));
      // symmetric init stays exactly 0 on the WASM path too
      expect(Array.from(wasm.predict(x)).every((v) => v === 0)).toBe(true);
      wasm.params[0] += 0.5;
      js.params[0] += 0.5;
      expect(allClose(wasm.predict(x), js.predict(x), { rtol: 1e-12, atol: 1e-14 })).toEqual({ ok: true });
      expect(
        allClose(wasm.paramGradient(x, u), js.paramGradient(x, u), { rtol: 1e-12, atol: 1e-13 }),
      ).toEqual({
        ok: true,
      });
      expect(
        allClose(wasm.inputGradient(x, u).data, js.inputGradient(x, u).data, { rtol: 1e-12, atol: 1e-13 }),
      ).toEqual({ ok: true });
    }
    expect(() => twoLayerNet({ inputDim: 2, width: 2, backend: 'gpu' as never })).toThrow(DomainError);
  });

  it('should be deterministic in the seed', () => {
    const a = twoLayerNet({ inputDim: 3, width: 8, seed: 9 });
    const b = twoLayerNet({ inputDim: 3, width: 8, seed: 9 });
    const c = twoLayerNet({ inputDim: 3, width: 8, seed: 10 });
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
    expect(Array.from(a.params)).not.toEqual(Array.from(c.params));
  });
});
