/**
 * Forward + backward throughput of the two-layer network (samples·width per second = n·m / time).
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
  const net = twoLayerNet({ inputDim: d, width: m, activation: 'relu', train: 'both', seed: m });
  const soft = twoLayerNet({ inputDim: d, width: m, activation: 'softplus', train: 'both', seed: m });
  describe(`m=${m},d=${d},n=${n}`, () => {
    bench(`nn:twoLayerNet.predict:js:m=${m},d=${d},n=${n}`, () => {
      net.predict(x);
    });
    bench(`nn:twoLayerNet.paramGradient(relu, forward+backward):js:m=${m},d=${d},n=${n}`, () => {
      net.paramGradient(x, u);
    });
    bench(`nn:twoLayerNet.paramGradient(softplus, forward+backward):js:m=${m},d=${d},n=${n}`, () => {
      soft.paramGradient(x, u);
    });
    bench(`nn:twoLayerNet.inputGradient(relu, forward+backward):js:m=${m},d=${d},n=${n}`, () => {
      net.inputGradient(x, u);
    });
  });
}
