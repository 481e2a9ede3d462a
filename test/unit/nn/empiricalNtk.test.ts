import { describe, expect, it } from 'vitest';
import { ArgumentTypeError, ShapeError } from '../../../src/errors.ts';
import { empiricalNtk } from '../../../src/nn/empiricalNtk.ts';
import { jacobian } from '../../../src/nn/jacobian.ts';
import { sigmoid, softplus } from '../../../src/nn/loss.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

function rand(n: number, d: number, seed: number): Mat {
  return { rows: n, cols: d, data: createRng(seed).fillNormal(new Float64Array(n * d)) };
}

/** (1/m) Σ_r [(x·x') σ'(z)σ'(z') + (train both) σ(z)σ(z')] for the softplus two-layer net. */
function formula(W: Mat, x1: Mat, x2: Mat, both: boolean): Float64Array {
  const m = W.rows;
  const d = W.cols;
  const out = new Float64Array(x1.rows * x2.rows);
  for (let i = 0; i < x1.rows; i++)
    for (let j = 0; j < x2.rows; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += x1.data[i * d + k] * x2.data[j * d + k];
      let s = 0;
      for (let r = 0; r < m; r++) {
        let z1 = 0;
        let z2 = 0;
        for (let k = 0; k < d; k++) {
          z1 += W.data[r * d + k] * x1.data[i * d + k];
          z2 += W.data[r * d + k] * x2.data[j * d + k];
        }
        s += dot * sigmoid(z1) * sigmoid(z2) + (both ? softplus(z1) * softplus(z2) : 0);
      }
      out[i * x2.rows + j] = s / m;
    }
  return out;
}

describe('empiricalNtk', () => {
  it('should equal the per-neuron formula of the two-layer net (first layer, and both layers)', () => {
    for (const train of ['first', 'both'] as const) {
      const net = twoLayerNet({ inputDim: 3, width: 20, activation: 'softplus', train, seed: 4 });
      const x1 = rand(4, 3, 1);
      const x2 = rand(5, 3, 2);
      const h = empiricalNtk(net, x1, x2);
      expect([h.rows, h.cols]).toEqual([4, 5]);
      expect(
        allClose(h.data, formula(net.W, x1, x2, train === 'both'), { rtol: 1e-12, atol: 1e-14 }),
      ).toEqual({
        ok: true,
      });
    }
  });

  it('should be exactly symmetric with one argument and agree with the two-argument form', () => {
    const net = twoLayerNet({ inputDim: 3, width: 30, activation: 'relu', seed: 4 });
    const x = rand(6, 3, 9);
    const h = empiricalNtk(net, x);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(h.data[i * 6 + j]).toBe(h.data[j * 6 + i]);
    expect(allClose(h.data, empiricalNtk(net, x, x).data, { rtol: 1e-14 })).toEqual({ ok: true });
  });

  it('should build the Jacobian row by row from paramGradient', () => {
    const net = twoLayerNet({ inputDim: 2, width: 4, train: 'both', seed: 1 });
    const x = rand(3, 2, 5);
    const j = jacobian(net, x);
    expect([j.rows, j.cols]).toEqual([3, 12]);
    const g1 = net.paramGradient({ rows: 1, cols: 2, data: x.data.slice(2, 4) }, [1]);
    expect(Array.from(j.data.subarray(12, 24))).toEqual(Array.from(g1));
  });

  it('should reject bad models and shapes', () => {
    const net = twoLayerNet({ inputDim: 2, width: 4, seed: 1 });
    expect(() => empiricalNtk(net, [[1, 2, 3]])).toThrow(ShapeError);
    expect(() => empiricalNtk(net, [[1, 2]], [[1]])).toThrow(ShapeError);
    expect(() => empiricalNtk({} as never, [[1, 2]])).toThrow(ArgumentTypeError);
  });
});
