/**
 * GEMM C = A·B (and A·Bᵀ) through the pure-TypeScript packed `dgemm`, vs ml-matrix `mmul`.
 * Run: `npm run bench -- bench/linalg.gemm.bench.ts`.
 */
import { Matrix } from 'ml-matrix';
import { afterAll, bench, describe } from 'vitest';
import { dgemm } from '../src/linalg/blas.ts';
import { createRng } from '../src/random/rng.ts';

const best = new Map<string, { ms: number; flops: number }>();
const timed = (name: string, flops: number, fn: () => unknown) => () => {
  const t = performance.now();
  fn();
  const ms = performance.now() - t;
  const prev = best.get(name);
  if (prev === undefined || ms < prev.ms) best.set(name, { ms, flops });
};

for (const n of [256, 512, 1024, 2048]) {
  describe(`gemm n=${n}`, () => {
    const rng = createRng(n);
    const a = rng.fillNormal(new Float64Array(n * n));
    const b = rng.fillNormal(new Float64Array(n * n));
    const c = new Float64Array(n * n);
    const opts = { iterations: n >= 1024 ? 2 : 5, time: 0, warmupIterations: 1, warmupTime: 0 };
    for (const transB of [false, true]) {
      const name = `linalg:dgemm${transB ? 'NT' : 'NN'}:js:n=${n}`;
      bench(
        name,
        timed(name, 2 * n ** 3, () => dgemm(false, transB, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n)),
        opts,
      );
    }
    if (n <= 1024) {
      const ma = new Matrix(n, n);
      const mb = new Matrix(n, n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          ma.set(i, j, a[i * n + j]);
          mb.set(i, j, b[i * n + j]);
        }
      const name = `linalg:mmul:ml-matrix:n=${n}`;
      bench(
        name,
        timed(name, 2 * n ** 3, () => ma.mmul(mb)),
        { ...opts, iterations: 1 },
      );
    }
  });
}

afterAll(() => {
  const lines = [...best].map(
    ([name, { ms, flops }]) =>
      `${name.padEnd(40)} ${ms.toFixed(2).padStart(10)} ms ${(flops / ms / 1e6).toFixed(2).padStart(8)} GFLOP/s`,
  );
  process.stdout.write(`\nGEMM, one thread (best time per case)\n${lines.join('\n')}\n`);
});
