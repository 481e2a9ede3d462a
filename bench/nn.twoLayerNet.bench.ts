/**
 * Forward + backward throughput of the two-layer network: samples·width per second = n·m / (mean time).
 * Run: npx vitest bench --run --config vitest.bench.config.ts bench/nn.twoLayerNet.bench.ts
 */
import { bench, describe } from 'vitest';
import { twoLayerNet } from '../src/nn/twoLayerNet.ts';
import { createRng } from '../src/random/rng.ts';
import type { Mat } from '../src/types.ts';

const d = 64;
const n = 1000;

for (const m of [256, 1024, 4096]) {
  const rng = createRng(m);
  const x: Mat = { rows: n, cols: d, data: rng.fillNormal(new Float64Array(n * d), 1 / Math.sqrt(d)) };
  const u = rng.fillNormal(new Float64Array(n));
  describe(`m=${m},d=${d},n=${n}`, () => {
    for (const backend of ['js', 'wasm-simd'] as const) {
      const relu = twoLayerNet({ inputDim: d, width: m, activation: 'relu', seed: m, backend });
      const soft = twoLayerNet({
        inputDim: d,
        width: m,
        activation: 'softplus',
        train: 'both',
        seed: m,
        backend,
      });
      const size = `m=${m},d=${d},n=${n}`;
      bench(`nn:twoLayerNet.predict(relu):${backend}:${size}`, () => {
        relu.predict(x);
      });
      // paramGradient runs its own forward pass: this is forward + backward.
      bench(`nn:twoLayerNet.paramGradient(relu, first):${backend}:${size}`, () => {
        relu.paramGradient(x, u);
      });
      bench(`nn:twoLayerNet.paramGradient(softplus, both):${backend}:${size}`, () => {
        soft.paramGradient(x, u);
      });
      bench(`nn:twoLayerNet.inputGradient(relu):${backend}:${size}`, () => {
        relu.inputGradient(x, u);
      });
    }
  });
}
