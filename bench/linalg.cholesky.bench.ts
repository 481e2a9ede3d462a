/**
 * Cholesky factorisation and solve, pure TypeScript (`cholesky`, blocked right-looking) vs ml-matrix
 * `CholeskyDecomposition`, n ∈ {500, 1000, 2000, 4000}. Seeded SPD inputs A = G·Gᵀ/n + I.
 * Run: `npm run bench -- bench/linalg.cholesky.bench.ts` (ml-matrix at n = 4000 takes ~1 min per run).
 * GFLOP/s (n³/3 for the factorisation, 2n² per solve) are printed after the run; see also scripts/bench-linalg.ts.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { afterAll, bench, describe } from 'vitest';
import { dgemm } from '../src/linalg/blas.ts';
import { cholesky } from '../src/linalg/cholesky.ts';
import { createRng } from '../src/random/rng.ts';
import type { Mat } from '../src/types.ts';

const SIZES = [500, 1000, 2000, 4000];
const best = new Map<string, { ms: number; flops: number }>();
const timed = (name: string, flops: number, fn: () => unknown) => () => {
  const t = performance.now();
  fn();
  const ms = performance.now() - t;
  const prev = best.get(name);
  if (prev === undefined || ms < prev.ms) best.set(name, { ms, flops });
};

function spd(n: number): Mat {
  const g = createRng(n).fillNormal(new Float64Array(n * n));
  const a = new Float64Array(n * n);
  dgemm(false, true, n, n, n, 1 / n, g, 0, n, g, 0, n, 0, a, 0, n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] += 1;
    for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j];
  }
  return { rows: n, cols: n, data: a };
}

for (const n of SIZES) {
  describe(`cholesky n=${n}`, () => {
    const a = spd(n);
    const b = createRng(n + 1).fillNormal(new Float64Array(n));
    const opts = {
      iterations: n >= 2000 ? 1 : 3,
      time: 0,
      warmupIterations: n >= 2000 ? 0 : 1,
      warmupTime: 0,
    };
    const fac = cholesky(a, { jitter: 'none' });
    bench(
      `linalg:cholesky:js:n=${n}`,
      timed(`linalg:cholesky:js:n=${n}`, n ** 3 / 3, () =>
        cholesky(a, { jitter: 'none', symmetryTol: false }),
      ),
      opts,
    );
    bench(
      `linalg:cholesky.solve:js:n=${n}`,
      timed(`linalg:cholesky.solve:js:n=${n}`, 2 * n * n, () => fac.solve(b)),
      { ...opts, iterations: 5 },
    );
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, a.data[i * n + j]);
    let ml: CholeskyDecomposition | undefined;
    bench(
      `linalg:cholesky:ml-matrix:n=${n}`,
      timed(`linalg:cholesky:ml-matrix:n=${n}`, n ** 3 / 3, () => {
        ml = new CholeskyDecomposition(m);
      }),
      { ...opts, iterations: 1, warmupIterations: 0 },
    );
    const bm = Matrix.columnVector(Array.from(b));
    bench(
      `linalg:cholesky.solve:ml-matrix:n=${n}`,
      timed(`linalg:cholesky.solve:ml-matrix:n=${n}`, 2 * n * n, () =>
        (ml ?? new CholeskyDecomposition(m)).solve(bm),
      ),
      { ...opts, iterations: 3, warmupIterations: 1 },
    );
  });
}

afterAll(() => {
  const lines = [...best].map(
    ([name, { ms, flops }]) =>
      `${name.padEnd(40)} ${ms.toFixed(2).padStart(10)} ms ${(flops / ms / 1e6).toFixed(2).padStart(8)} GFLOP/s`,
  );
  process.stdout.write(`\nCholesky and solve, one thread (best time per case)\n${lines.join('\n')}\n`);
});
