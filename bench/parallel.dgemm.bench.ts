/**
 * parallelGemm on the worker pool (os.availableParallelism() threads), both backends, n ∈ {256…2048}.
 * Run: `npm run bench -- bench/parallel.dgemm.bench.ts`.
 */
import { availableParallelism } from 'node:os';
import { afterAll, bench, describe } from 'vitest';
import { parallelGemm, WorkerPool } from '../src/parallel/index.ts';
import { printGflops, seededMatrix, timed } from './backend.gflops.ts';

const SIZES = [256, 512, 1024, 2048];
const workers = availableParallelism();
const pool = new WorkerPool({ size: workers });
const opts = (n: number) =>
  n >= 1024 ? { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 } : { time: 500, warmupTime: 200 };

for (const n of SIZES) {
  describe(`parallelGemm n=${n}`, () => {
    const a = { rows: n, cols: n, data: seededMatrix(n, n, n) };
    const b = { rows: n, cols: n, data: seededMatrix(n, n, n + 1) };
    for (const backend of ['js', 'wasm-simd'] as const) {
      const name = `linalg:dgemm:${backend}+workers(${workers}):n=${n}`;
      bench(
        name,
        timed(name, 2 * n ** 3, () => parallelGemm(a, b, { backend, pool })),
        opts(n),
      );
    }
  });
}

afterAll(async () => {
  printGflops(`parallelGemm, ${workers} workers (best time per case, includes copies to shared memory)`);
  await pool.close();
});
