/**
 * Prints GFLOP/s of the pure-TypeScript linear algebra (dgemm, dsyrk, Cholesky, solve, eigh) and of ml-matrix's
 * Cholesky, with the machine (CPU model, Node version). Single thread, seeded inputs, best of a few runs.
 * Run: `npx tsx scripts/bench-linalg.ts` (add `--full` for n = 4000, including ml-matrix: several minutes).
 */
import os from 'node:os';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { dgemm, dsyrk } from '../src/linalg/blas.ts';
import { cholesky } from '../src/linalg/cholesky.ts';
import { eigh } from '../src/linalg/eigh.ts';
import { createRng } from '../src/random/rng.ts';
import type { Mat } from '../src/types.ts';

const full = process.argv.includes('--full');

function bestMs(reps: number, fn: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

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

const row = (op: string, n: number, ms: number, flops: number, extra = '') =>
  console.log(
    `${op.padEnd(26)} n=${String(n).padEnd(5)} ${ms.toFixed(1).padStart(9)} ms ${(flops / ms / 1e6).toFixed(2).padStart(7)} GFLOP/s ${extra}`,
  );

console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} logical CPUs), node ${process.version}, ${os.platform()}-${os.arch()}`,
);
console.log('single thread, pure TypeScript unless marked ml-matrix\n');

for (const n of [256, 512, 1024, 2048]) {
  const rng = createRng(n);
  const a = rng.fillNormal(new Float64Array(n * n));
  const b = rng.fillNormal(new Float64Array(n * n));
  const c = new Float64Array(n * n);
  const reps = n >= 2048 ? 2 : 4;
  row(
    'dgemm A·B',
    n,
    bestMs(reps, () => dgemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n)),
    2 * n ** 3,
  );
  row(
    'dgemm A·Bᵀ',
    n,
    bestMs(reps, () => dgemm(false, true, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n)),
    2 * n ** 3,
  );
  row(
    'dsyrk A·Aᵀ (lower)',
    n,
    bestMs(reps, () => dsyrk(n, n, 1, a, 0, n, 0, c, 0, n)),
    n ** 3,
  );
}
console.log('');
const cholSizes = full ? [500, 1000, 2000, 4000] : [500, 1000, 2000];
for (const n of cholSizes) {
  const a = spd(n);
  const reps = n >= 2000 ? 2 : 3;
  const ms = bestMs(reps, () => cholesky(a, { jitter: 'none', symmetryTol: false }));
  row('cholesky', n, ms, n ** 3 / 3);
  const fac = cholesky(a);
  const bv = createRng(1).fillNormal(new Float64Array(n));
  row(
    'cholesky.solve (1 rhs)',
    n,
    bestMs(5, () => fac.solve(bv)),
    2 * n * n,
  );
  const bm: Mat = { rows: n, cols: 64, data: createRng(2).fillNormal(new Float64Array(n * 64)) };
  row(
    'cholesky.solve (64 rhs)',
    n,
    bestMs(3, () => fac.solve(bm)),
    2 * n * n * 64,
  );
  if (n <= 2000 || full) {
    const m = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, a.data[i * n + j]);
    const mlMs = bestMs(1, () => new CholeskyDecomposition(m));
    row('cholesky (ml-matrix)', n, mlMs, n ** 3 / 3, `→ TS speed-up ${(mlMs / ms).toFixed(1)}×`);
    const dec = new CholeskyDecomposition(m);
    const mb = Matrix.columnVector(Array.from(bv));
    row(
      'solve (ml-matrix, 1 rhs)',
      n,
      bestMs(3, () => dec.solve(mb)),
      2 * n * n,
    );
  }
}
console.log('');
for (const n of full ? [500, 1000, 2000] : [500, 1000]) {
  const a = spd(n);
  const ms = bestMs(1, () => eigh(a));
  row('eigh (values + vectors)', n, ms, 9 * n ** 3, '(9n³ nominal flops)');
}
