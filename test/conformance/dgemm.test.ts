/**
 * One table of DGEMM cases run on every backend (tfjs `describeWithFlags` style): `js`, `wasm-simd`,
 * `native` (when the addon is built, as `npm install` does here), and each through the worker pool. Each result is checked against an independent naive triple loop with a
 * rigorous forward-error bound, backends are checked against each other (rtol 1e-12 scaled by Σ|a||b|),
 * and the worker path is checked bit for bit against the single-thread kernel for several worker counts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type BackendName, getKernel, isBackendAvailable } from '../../src/backend/registry.ts';
import { gemmBlockRows, partitionRows } from '../../src/parallel/partition.ts';
import { runBlocks } from '../../src/parallel/runBlocks.ts';
import { WorkerPool } from '../../src/parallel/WorkerPool.ts';
import { type GemmCase, type GemmProblem, gemmProblem, gemmReference } from '../helpers/gemmCases.ts';

const CASES: readonly GemmCase[] = [
  { name: '1x1x1', m: 1, n: 1, k: 1, transA: false, transB: false, alpha: 1, beta: 0, pad: 0 },
  { name: 'odd small', m: 5, n: 7, k: 3, transA: false, transB: false, alpha: 1.5, beta: 0.5, pad: 0 },
  { name: 'transA', m: 33, n: 17, k: 300, transA: true, transB: false, alpha: -2, beta: 1, pad: 0 },
  { name: 'transB', m: 130, n: 70, k: 260, transA: false, transB: true, alpha: 0.75, beta: 0, pad: 3 },
  { name: 'both transposed', m: 9, n: 11, k: 13, transA: true, transB: true, alpha: 1, beta: -1, pad: 2 },
  { name: 'wide n > NC', m: 6, n: 1030, k: 5, transA: false, transB: false, alpha: 1, beta: 0, pad: 1 },
  { name: 'k = 0 scales C', m: 4, n: 4, k: 0, transA: false, transB: false, alpha: 1, beta: 2, pad: 0 },
  { name: 'alpha = 0', m: 3, n: 5, k: 4, transA: false, transB: false, alpha: 0, beta: 0.5, pad: 0 },
  { name: 'row blocks', m: 200, n: 45, k: 70, transA: false, transB: false, alpha: 1, beta: 0.25, pad: 1 },
  { name: 'row blocks, transA', m: 150, n: 33, k: 41, transA: true, transB: true, alpha: 1, beta: 0, pad: 0 },
];

function runSingle(p: GemmProblem, backend: BackendName): Float64Array {
  const { c, a, b, lda, ldb, ldc, off } = p;
  const out = p.c0.slice();
  getKernel('dgemm', backend)(
    c.transA,
    c.transB,
    c.m,
    c.n,
    c.k,
    c.alpha,
    a,
    off,
    lda,
    b,
    off,
    ldb,
    c.beta,
    out,
    off,
    ldc,
  );
  return out;
}

/** The worker partition run on this thread, block by block. */
function runBlocked(p: GemmProblem, backend: BackendName): Float64Array {
  const { c, a, b, lda, ldb, ldc, off } = p;
  const out = p.c0.slice();
  const dgemm = getKernel('dgemm', backend);
  for (const { r0, r1 } of partitionRows(c.m, gemmBlockRows(c.m))) {
    const offA = off + (c.transA ? r0 : r0 * lda);
    dgemm(
      c.transA,
      c.transB,
      r1 - r0,
      c.n,
      c.k,
      c.alpha,
      a,
      offA,
      lda,
      b,
      off,
      ldb,
      c.beta,
      out,
      off + r0 * ldc,
      ldc,
    );
  }
  return out;
}

function shared(x: Float64Array): SharedArrayBuffer {
  const s = new SharedArrayBuffer(Math.max(8, x.length * 8));
  new Float64Array(s).set(x);
  return s;
}

async function runWorkers(p: GemmProblem, backend: BackendName, pool: WorkerPool, workers: number) {
  const { c, lda, ldb, ldc, off } = p;
  const sa = shared(p.a);
  const sb = shared(p.b);
  const sc = shared(p.c0);
  const blocks = partitionRows(c.m, gemmBlockRows(c.m));
  await runBlocks(
    'conformance',
    pool,
    blocks,
    ({ r0, r1 }) => ({
      kind: 'gemm',
      backend,
      transA: c.transA,
      transB: c.transB,
      m: r1 - r0,
      n: c.n,
      k: c.k,
      alpha: c.alpha,
      a: sa,
      offA: off + (c.transA ? r0 : r0 * lda),
      lda,
      b: sb,
      offB: off,
      ldb,
      beta: c.beta,
      c: sc,
      offC: off + r0 * ldc,
      ldc,
    }),
    workers,
    undefined,
  );
  return new Float64Array(sc).slice(0, p.c0.length);
}

function withinBound(out: Float64Array, ref: Float64Array, bound: Float64Array): string | true {
  for (let i = 0; i < out.length; i++) {
    if (!(Math.abs(out[i] - ref[i]) <= bound[i]))
      return `entry ${i}: got ${out[i]}, want ${ref[i]} ± ${bound[i]}`;
  }
  return true;
}

function bitIdentical(x: Float64Array, y: Float64Array): boolean {
  return (
    Buffer.compare(
      Buffer.from(x.buffer, x.byteOffset, x.byteLength),
      Buffer.from(y.buffer, y.byteOffset, y.byteLength),
    ) === 0
  );
}

const NATIVE = isBackendAvailable('native');
if (!NATIVE) console.warn('dgemm conformance: native backend not available, its rows are skipped');
const BACKENDS: BackendName[] = ['js', 'wasm-simd', ...(NATIVE ? (['native'] as const) : [])];
const pool = new WorkerPool({ size: 2 });
afterAll(() => pool.close());

describe('dgemm conformance', () => {
  it('should have wasm-simd available on this machine (Node 20 supports fixed-width SIMD)', () => {
    expect(isBackendAvailable('wasm-simd')).toBe(true);
  });

  CASES.forEach((c, idx) => {
    describe(c.name ?? `case ${idx}`, () => {
      const p = gemmProblem(c, 1000 + idx);
      const { ref, bound } = gemmReference(p);

      for (const backend of BACKENDS) {
        it(`should match the naive product within the forward-error bound on ${backend}`, () => {
          expect(withinBound(runSingle(p, backend), ref, bound)).toBe(true);
        });
      }

      for (const other of BACKENDS.slice(1)) {
        it(`should agree between js and ${other} (rtol 1e-12 of Σ|a||b|)`, () => {
          const js = runSingle(p, 'js');
          const wasm = runSingle(p, other);
          for (let i = 0; i < js.length; i++) {
            const tol = 1e-12 * (bound[i] / ((2 * c.k + 4) * Number.EPSILON)) + Number.MIN_VALUE;
            if (!(Math.abs(js[i] - wasm[i]) <= tol))
              expect({ i, js: js[i], [other]: wasm[i], tol }).toBe('within');
          }
        });
      }

      for (const backend of BACKENDS) {
        it(`should give bit-identical results on 1 and 2 workers and on this thread (${backend})`, async () => {
          const blocked = runBlocked(p, backend);
          const w1 = await runWorkers(p, backend, pool, 1);
          const w2 = await runWorkers(p, backend, pool, 2);
          expect(bitIdentical(w1, blocked)).toBe(true);
          expect(bitIdentical(w2, blocked)).toBe(true);
        });
      }

      for (const backend of BACKENDS.slice(1)) {
        it(`should make the ${backend} row-block result bit-identical to one whole-matrix call`, () => {
          expect(bitIdentical(runBlocked(p, backend), runSingle(p, backend))).toBe(true);
        });
      }
    });
  });
});
