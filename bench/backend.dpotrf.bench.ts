/**
 * Blocked Cholesky (in place, lower) on `js` and `wasm-simd`, and ml-matrix CholeskyDecomposition, n ∈ {500, 1000, 2000}.
 * Run: `npm run bench -- bench/backend.dpotrf.bench.ts`.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { afterAll, bench, describe } from 'vitest';
import { getKernel } from '../src/backend/registry.ts';
import { printGflops, seededMatrix, timed } from './backend.gflops.ts';

const SIZES = [500, 1000, 2000];
const opts = { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 };

for (const n of SIZES) {
  describe(`dpotrf n=${n}`, () => {
    const x = seededMatrix(n, n, n);
    const a = new Float64Array(n * n);
    getKernel('dgemm', 'wasm-simd')(false, true, n, n, n, 1 / n, x, 0, n, x, 0, n, 0, a, 0, n);
    for (let i = 0; i < n; i++) a[i * n + i] += 1;
    const work = new Float64Array(n * n);
    const flops = n ** 3 / 3;
    for (const backend of ['js', 'wasm-simd'] as const) {
      const name = `linalg:dpotrf:${backend}:n=${n}`;
      const dpotrf = getKernel('dpotrf', backend);
      bench(
        name,
        timed(name, flops, () => {
          work.set(a);
          dpotrf(n, work, 0, n);
        }),
        opts,
      );
    }
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, a[i * n + j]);
    const name = `linalg:dpotrf:ml-matrix:n=${n}`;
    bench(
      name,
      timed(name, flops, () => new CholeskyDecomposition(m)),
      { ...opts, iterations: 1 },
    );
  });
}

afterAll(() => printGflops('Cholesky, one thread (best time per case; work.set copy included)'));
