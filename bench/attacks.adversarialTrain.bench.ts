/**
 * One adversarial-training epoch (PGD-10 on every sample + one full-batch step + projection) of the two-layer
 * net, and the PGD-10 attack alone, for m ∈ {256, 1024}, d = 64, n = 1000 (seeded inputs on the unit sphere).
 */
import { bench, describe } from 'vitest';
import { pgd } from '../src/attacks/pgd.ts';
import { twoLayerNet } from '../src/nn/twoLayerNet.ts';
import { createRng } from '../src/random/rng.ts';
import { adversarialTrain } from '../src/robust/adversarialTrain.ts';

const d = 64;
const n = 1000;
const rng = createRng(n);
const x = new Float64Array(n * d);
const y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  let s = 0;
  for (let j = 0; j < d; j++) {
    x[i * d + j] = rng.normal();
    s += x[i * d + j] ** 2;
  }
  for (let j = 0; j < d; j++) x[i * d + j] /= Math.sqrt(s);
  y[i] = rng.uniform() < 0.5 ? -1 : 1;
}
const xm = { rows: n, cols: d, data: x };
const set = { kind: 'l2', radius: 0.1 } as const;

for (const m of [256, 1024]) {
  describe(`m=${m}`, () => {
    const net = twoLayerNet({ inputDim: d, width: m, activation: 'relu', init: 'symmetric', seed: m });
    bench(
      `robust:adversarialTrain:${net.backend}:epoch,pgd10,m=${m},d=${d},n=${n}`,
      () => {
        adversarialTrain(net, xm, y, {
          attack: { kind: 'pgd', steps: 10 },
          set,
          loss: 'logistic',
          learningRate: 0.5,
          iterations: 1,
          ballRadius: 4,
          robustEvery: 0,
        });
      },
      { iterations: 3, warmupIterations: 1 },
    );
    bench(
      `attacks:pgd:${net.backend}:steps=10,m=${m},d=${d},n=${n}`,
      () => {
        pgd(net, xm, y, { set, loss: 'logistic', steps: 10 });
      },
      { iterations: 3, warmupIterations: 1 },
    );
  });
}
