/**
 * `kernelRidge` fit (validation, K + λI, Cholesky, solve, residual, K·α) with `backend: 'js'` and
 * `backend: 'wasm-simd'`, n ∈ {500, 1000, 2000}, one target column. The kernel is the Gaussian Gram of
 * seeded inputs in d = 16 plus a ridge of 1e-6·trace/n. GFLOP/s counts the Cholesky's n³/3 only.
 * Run: `npm run bench -- bench/regression.kernelRidge.bench.ts`.
 */
import { afterAll, bench, describe } from 'vitest';
import { kernelRidge } from '../src/regression/kernelRidge.ts';
import type { Mat } from '../src/types.ts';
import { printGflops, seededMatrix, timed } from './backend.gflops.ts';

const SIZES = [500, 1000, 2000];
const D = 16;
const opts = { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 };

function gaussGram(n: number, seed: number): Mat {
  const x = seededMatrix(n, D, seed);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < D; p++) s += (x[i * D + p] - x[j * D + p]) ** 2;
      const v = Math.exp(-s / (2 * D));
      data[i * n + j] = v;
      data[j * n + i] = v;
    }
  }
  return { rows: n, cols: n, data };
}

for (const n of SIZES) {
  describe(`kernelRidge n=${n}`, () => {
    const K = gaussGram(n, n);
    const y = seededMatrix(n, 1, n + 1);
    for (const backend of ['js', 'wasm-simd'] as const) {
      const name = `regression:kernelRidge:${backend}:n=${n}`;
      bench(
        name,
        timed(name, n ** 3 / 3, () => kernelRidge(K, y, { diagReg: { value: 1e-6 }, backend })),
        opts,
      );
    }
  });
}

afterAll(() => printGflops('kernelRidge fit, one thread (best time per case)'));
