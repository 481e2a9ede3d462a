/**
 * Lazy training: gradient descent on a wide two-layer net follows the linear dynamics of its NTK limit.
 */
import { describe, expect, it } from 'vitest';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { train } from '../../../src/nn/train.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';

function sphere(n: number, d: number, seed: number): Mat {
  const rng = createRng(seed);
  const x = rng.fillNormal(new Float64Array(n * d));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[i * d + j] ** 2;
    for (let j = 0; j < d; j++) x[i * d + j] /= Math.sqrt(s);
  }
  return { rows: n, cols: d, data: x };
}

/**
 * Kernel gradient descent with the same discrete steps as `train` on L = (1/n)Σ(f − y)², f₀ = 0:
 * f_{t+1}(·) = f_t(·) − (2η/n) K(·, X)(f_t(X) − y). Returns the train and test predictions after T steps.
 */
function kernelGd(kXX: Float64Array, kTX: Float64Array, y: Float64Array, eta: number, steps: number) {
  const n = y.length;
  const nt = kTX.length / n;
  const fx = new Float64Array(n);
  const ft = new Float64Array(nt);
  const r = new Float64Array(n);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < n; i++) r[i] = fx[i] - y[i];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += kXX[i * n + j] * r[j];
      fx[i] -= ((2 * eta) / n) * s;
    }
    for (let i = 0; i < nt; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += kTX[i * n + j] * r[j];
      ft[i] -= ((2 * eta) / n) * s;
    }
  }
  return { fx, ft };
}

describe('lazy training of the two-layer net', () => {
  it('should follow the NTK linear dynamics, closer as the width grows (train and test points)', () => {
    const d = 3;
    const x = sphere(8, d, 1);
    const xTest = sphere(5, d, 2);
    const y = Float64Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const eta = 1;
    const steps = 150;
    const kernel = twoLayerNtk({ activation: 'relu', train: 'first' });
    const ref = kernelGd(kernel(x).ntk.data, kernel(xTest, x).ntk.data, y, eta, steps);
    const errAt = (m: number): number => {
      let worst = 0;
      for (let s = 0; s < 3; s++) {
        const net = twoLayerNet({
          inputDim: d,
          width: m,
          activation: 'relu',
          init: 'symmetric',
          seed: 10 * s + m,
        });
        const r = train(net, x, y, { loss: 'square', learningRate: eta, iterations: steps });
        const fx = r.model.predict(x);
        const ft = r.model.predict(xTest);
        for (let i = 0; i < 8; i++) worst = Math.max(worst, Math.abs(fx[i] - ref.fx[i]));
        for (let i = 0; i < 5; i++) worst = Math.max(worst, Math.abs(ft[i] - ref.ft[i]));
      }
      return worst;
    };
    const small = errAt(256);
    const large = errAt(4096);
    // 16× the width: about 4× closer (m^{-1/2}); require at least 2×, and closeness in absolute terms.
    expect(large).toBeLessThan(small / 2);
    expect(large).toBeLessThan(0.1);
  });
});
