/**
 * Closed-form kernels, pure TypeScript: fcReluKernel Gram (symmetric: one triangle + mirror) and cross
 * matrices, the two-layer NTK, and the input gradient of a kernel predictor. Seeded Gaussian inputs per size.
 * Reference point measured on this 2-core machine: n = 2000, d = 64, depth 3 symmetric Gram ≈ 0.45 s.
 */
import { bench, describe } from 'vitest';
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../src/kernels/twoLayerNtk.ts';
import { createRng } from '../src/random/rng.ts';
import type { Mat } from '../src/types.ts';

function inputs(n: number, d: number, seed: number): Mat {
  return { rows: n, cols: d, data: createRng(seed).fillNormal(new Float64Array(n * d)) };
}

const deep = fcReluKernel({ depth: 3, wStd: 1.4, bStd: 0.1 });
const shallow = fcReluKernel({ depth: 1 });
const paper = twoLayerNtk({ activation: 'relu', train: 'first' });

for (const [n, d] of [
  [256, 32],
  [1024, 32],
  [1024, 128],
  [2000, 64],
] as const) {
  const x = inputs(n, d, n * 1000 + d);
  describe(`n=${n},d=${d}`, () => {
    bench(`kernels:fcReluKernel:js:n=${n},d=${d},depth=3,gram`, () => {
      deep(x);
    });
    bench(`kernels:fcReluKernel:js:n=${n},d=${d},depth=1,gram`, () => {
      shallow(x);
    });
    bench(`kernels:twoLayerNtk:js:n=${n},d=${d},gram`, () => {
      paper(x);
    });
  });
}

describe('cross and gradient', () => {
  const x = inputs(1024, 32, 1);
  const z = inputs(256, 32, 2);
  const alpha = createRng(3).fillNormal(new Float64Array(1024));
  bench('kernels:fcReluKernel:js:n=1024x256,d=32,depth=3,cross', () => {
    deep(x, z);
  });
  bench('kernels:fcReluKernel:js:n=256x1024,d=32,depth=3,inputGradient', () => {
    deep.inputGradient(z, x, null);
  });
  bench('kernels:twoLayerNtk:js:n=256x1024,d=32,inputGradient', () => {
    paper.inputGradient(z, x, alpha);
  });
});
