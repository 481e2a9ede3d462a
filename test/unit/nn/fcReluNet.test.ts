import { describe, expect, it } from 'vitest';
import { DomainError, ShapeError } from '../../../src/errors.ts';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

/** Reference forward pass, one sample and one unit at a time. */
function naive(net: ReturnType<typeof fcReluNet>, x: Mat): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let h = Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols));
    for (let l = 0; l <= net.depth; l++) {
      const fanIn = net.sizes[l];
      const fanOut = net.sizes[l + 1];
      const off = net.layers[l].offset;
      const z: number[] = [];
      for (let o = 0; o < fanOut; o++) {
        let s = 0;
        for (let j = 0; j < fanIn; j++) s += net.params[off + o * fanIn + j] * h[j];
        z.push((net.wStd / Math.sqrt(fanIn)) * s + net.bStd * net.params[off + fanOut * fanIn + o]);
      }
      h = l === net.depth ? z : z.map((v) => Math.max(v, 0));
    }
    out[i] = h[0];
  }
  return out;
}

describe('fcReluNet', () => {
  it('should match a naive forward pass in the NTK parameterisation', () => {
    for (const depth of [0, 1, 3]) {
      const net = fcReluNet({ inputDim: 5, width: 37, depth, wStd: 1.3, bStd: 0.2, seed: depth });
      const rng = createRng(7);
      const x: Mat = { rows: 6, cols: 5, data: rng.fillNormal(new Float64Array(30)) };
      expect(allClose(net.predict(x), naive(net, x), { rtol: 1e-12, atol: 1e-13 })).toEqual({ ok: true });
    }
  });

  it('should lay out one (W, b) block per Dense layer', () => {
    const net = fcReluNet({ inputDim: 3, width: 4, depth: 2, seed: 0 });
    expect(net.sizes).toEqual([3, 4, 4, 1]);
    expect(net.layers).toEqual([
      { name: 'dense0', offset: 0, length: 16 },
      { name: 'dense1', offset: 16, length: 20 },
      { name: 'dense2', offset: 36, length: 5 },
    ]);
    expect(net.params.length).toBe(41);
  });

  it('should have output variance ≈ the NNGP wStd²·(…)·x·x/d at init (depth 0: wStd²‖x‖²/d + bStd²)', () => {
    // depth 0 is a linear model: Var f(x) = wStd²‖x‖²/d + bStd² exactly in expectation.
    let s = 0;
    const reps = 4000;
    for (let k = 0; k < reps; k++) {
      const f = fcReluNet({ inputDim: 2, width: 1, depth: 0, wStd: 2, bStd: 0.5, seed: k }).predict([
        [1, 1],
      ])[0];
      s += f * f;
    }
    const expected = (4 * 2) / 2 + 0.25;
    expect(Math.abs(s / reps - expected) / expected).toBeLessThan(0.06);
  });

  it('should give the same results on the js and wasm-simd backends', () => {
    const o = { inputDim: 30, width: 96, depth: 2, wStd: 1.4, bStd: 0.2, seed: 2 };
    const js = fcReluNet({ ...o, backend: 'js' });
    const wasm = fcReluNet({ ...o, backend: 'wasm-simd' });
    const rng = createRng(3);
    const x: Mat = { rows: 50, cols: 30, data: rng.fillNormal(new Float64Array(1500)) };
    const u = rng.fillNormal(new Float64Array(50));
    expect(allClose(wasm.predict(x), js.predict(x), { rtol: 1e-12, atol: 1e-13 })).toEqual({ ok: true });
    expect(allClose(wasm.paramGradient(x, u), js.paramGradient(x, u), { rtol: 1e-11, atol: 1e-12 })).toEqual({
      ok: true,
    });
    expect(
      allClose(wasm.inputGradient(x, u).data, js.inputGradient(x, u).data, { rtol: 1e-11, atol: 1e-12 }),
    ).toEqual({
      ok: true,
    });
  });

  it('should clone independently', () => {
    const net = fcReluNet({ inputDim: 2, width: 3, seed: 1 });
    const c = net.clone();
    c.params.fill(0.5);
    expect(c.params[0]).not.toBe(net.params[0]);
    expect(c.predict([[1, 2]])[0]).not.toBe(net.predict([[1, 2]])[0]);
  });

  it('should reject bad options and shapes with typed errors', () => {
    expect(() => fcReluNet({ inputDim: 2, width: 0 })).toThrow(DomainError);
    expect(() => fcReluNet({ inputDim: 2, width: 3, depth: -1 })).toThrow(DomainError);
    expect(() => fcReluNet({ inputDim: 2, width: 3, wStd: -1 })).toThrow(DomainError);
    expect(() => fcReluNet({ inputDim: 2, width: 3 }).predict([[1, 2, 3]])).toThrow(ShapeError);
    expect(() => fcReluNet({ inputDim: 2, width: 3 }).paramGradient([[1, 2]], [1, 1])).toThrow(ShapeError);
  });
});
