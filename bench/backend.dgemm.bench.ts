/**
 * DGEMM C = A·B (n×n, row-major) on one thread: `js`, `wasm-simd` and ml-matrix `mmul` (outside reference).
 * Run: `npm run bench -- bench/backend.dgemm.bench.ts`. Workers: bench/parallel.dgemm.bench.ts.
 */
import { Matrix } from 'ml-matrix';
import { afterAll, bench, describe } from 'vitest';
import { getKernel } from '../src/backend/registry.ts';
import { printGflops, seededMatrix, timed } from './backend.gflops.ts';

const SIZES = [256, 512, 1024, 2048];
const opts = (n: number) =>
  n >= 1024 ? { iterations: 2, time: 0, warmupIterations: 1, warmupTime: 0 } : { time: 500, warmupTime: 100 };

for (const n of SIZES) {
  describe(`dgemm n=${n}`, () => {
    const a = seededMatrix(n, n, n);
    const b = seededMatrix(n, n, n + 1);
    const c = new Float64Array(n * n);
    const flops = 2 * n ** 3;
    for (const backend of ['js', 'wasm-simd'] as const) {
      const name = `linalg:dgemm:${backend}:n=${n}`;
      const dgemm = getKernel('dgemm', backend);
      bench(
        name,
        timed(name, flops, () => dgemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n)),
        opts(n),
      );
    }
    // ml-matrix at n = 2048 takes ~36 s per product on the reference machine: only with BENCH_FULL=1.
    if (n >= 2048 && process.env.BENCH_FULL !== '1') return;
    const ma = new Matrix(n, n);
    const mb = new Matrix(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        ma.set(i, j, a[i * n + j]);
        mb.set(i, j, b[i * n + j]);
      }
    }
    const name = `linalg:dgemm:ml-matrix:n=${n}`;
    const mlOpts = n >= 2048 ? { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 } : opts(n);
    bench(
      name,
      timed(name, flops, () => ma.mmul(mb)),
      mlOpts,
    );
  });
}

afterAll(() => printGflops('DGEMM, one thread (best time per case)'));
