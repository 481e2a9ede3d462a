/**
 * Symmetric NTK/NNGP Gram matrices on one thread (`fcReluKernel`, `twoLayerNtk`) and on the worker pool
 * (`parallelGram`, bit-identical results), n ∈ {256, 1024, 2048}, d = 32.
 * Run: `npm run bench -- bench/parallel.gram.bench.ts`.
 */
import { availableParallelism } from 'node:os';
import { afterAll, bench, describe } from 'vitest';
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../src/kernels/twoLayerNtk.ts';
import { parallelGram, WorkerPool } from '../src/parallel/index.ts';
import { seededMatrix } from './backend.gflops.ts';

const D = 32;
const workers = availableParallelism();
const pool = new WorkerPool({ size: workers });
const opts = (n: number) =>
  n >= 1024 ? { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 } : { time: 500, warmupTime: 200 };

for (const n of [256, 1024, 2048]) {
  describe(`gram n=${n},d=${D}`, () => {
    const x = { rows: n, cols: D, data: seededMatrix(n, D, n) };
    const fc = fcReluKernel({ depth: 2, wStd: 1.2, bStd: 0.1 });
    const two = twoLayerNtk({ activation: 'relu', train: 'first' });
    bench(`kernels:fcReluKernel:js:n=${n},d=${D}`, () => void fc(x), opts(n));
    bench(
      `kernels:fcReluKernel:js+workers(${workers}):n=${n},d=${D}`,
      async () =>
        void (await parallelGram({ kind: 'fc-relu', depth: 2, wStd: 1.2, bStd: 0.1 }, x, null, { pool })),
      opts(n),
    );
    bench(`kernels:twoLayerNtk:js:n=${n},d=${D}`, () => void two(x), opts(n));
    bench(
      `kernels:twoLayerNtk:js+workers(${workers}):n=${n},d=${D}`,
      async () => void (await parallelGram({ kind: 'two-layer' }, x, null, { pool })),
      opts(n),
    );
  });
}

afterAll(() => pool.close());
