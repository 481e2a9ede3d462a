/**
 * The synchronous worker team (src/parallel/team.ts): Gram matrices of `fcReluKernel` and the WASM-SIMD
 * Cholesky must be bit-identical for 1 and 2 threads, with the workers demonstrably taking blocks, and agree
 * with the JavaScript backend to rounding. Negative controls: a corrupted block and a skipped trailing
 * update are caught by the same comparisons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getKernel } from '../../src/backend/registry.ts';
import { fcReluKernel } from '../../src/kernels/fcReluKernel.ts';
import { dpotrf } from '../../src/linalg/lapack.ts';
import { parallelGram } from '../../src/parallel/parallelGram.ts';
import {
  closeTeam,
  setTeamCallerWaitsForAWorker,
  setTeamThreads,
  startTeam,
  teamStats,
} from '../../src/parallel/team.ts';
import { createRng } from '../../src/random/rng.ts';
import type { Mat } from '../../src/types.ts';
import { allClose } from '../helpers/allClose.ts';

function normal(n: number, d: number, seed: number): Mat {
  const rng = createRng(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  for (let j = 0; j < d; j++) data[d + j] = -data[j]; // antiparallel pair: θ = π
  return { rows: n, cols: d, data };
}

const same = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

beforeAll(async () => {
  setTeamThreads(2);
  await startTeam();
  // The checks below need a worker to run blocks; do not leave that to the scheduler on a loaded machine.
  setTeamCallerWaitsForAWorker(true);
});
afterAll(async () => {
  setTeamCallerWaitsForAWorker(false);
  setTeamThreads(2);
  await closeTeam();
});

describe('team Gram (fcReluKernel)', () => {
  const spec = { depth: 3, wStd: 1.4, bStd: 0.3 } as const;
  const x1 = normal(301, 19, 1);
  const x2 = normal(290, 19, 2);
  // Larger inputs here: with the native recursion a 301-row Gram takes ~2 ms, which the calling thread could
  // finish alone before a worker wakes on a loaded machine (then "a worker took blocks" failed spuriously).
  const big1 = normal(1201, 19, 1);
  const big2 = normal(1190, 19, 2);
  for (const [name, b] of [
    ['symmetric', null],
    ['cross', big2],
  ] as const) {
    it(`should be bit-identical for 1 and 2 threads, ${name}, with the worker taking blocks`, () => {
      setTeamThreads(1);
      const one = fcReluKernel(spec)(big1, b);
      setTeamThreads(2);
      const s0 = teamStats();
      const two = fcReluKernel(spec)(big1, b);
      const s1 = teamStats();
      expect(s1.mainBlocks - s0.mainBlocks).toBeLessThan(s1.blocks - s0.blocks); // a worker took blocks
      expect(same(one.ntk.data, two.ntk.data)).toBe(true);
      expect(same(one.nngp.data, two.nngp.data)).toBe(true);
    });
  }

  it('should match parallelGram (piscina pool) bit for bit', async () => {
    const k = fcReluKernel(spec)(x1, x2);
    const p = await parallelGram({ kind: 'fc-relu', ...spec }, x1, x2, { workers: 2 });
    expect(same(k.ntk.data, p.ntk.data)).toBe(true);
  });

  it('should agree with the JavaScript GEMM path to rounding (rtol 1e-12), and catch a corrupted entry', () => {
    const prev = process.env.NTK_BACKEND;
    process.env.NTK_BACKEND = 'js';
    let js: Float64Array;
    try {
      js = fcReluKernel(spec)(x1, x2).ntk.data;
    } finally {
      if (prev === undefined) delete process.env.NTK_BACKEND;
      else process.env.NTK_BACKEND = prev;
    }
    const wasm = fcReluKernel(spec)(x1, x2).ntk.data;
    // Dot products differ by summation order (≈ d·eps relative to Σ|x||x'|); the recursion is Lipschitz.
    expect(allClose(wasm, js, { rtol: 1e-12, atol: 1e-14 }).ok).toBe(true);
    const bad = wasm.slice();
    bad[17 * 290 + 3] *= 1 + 1e-9;
    expect(allClose(bad, js, { rtol: 1e-12, atol: 1e-14 }).ok).toBe(false);
  });
});

describe('team Cholesky (wasm-simd dpotrf)', () => {
  const n = 800; // ≥ the team threshold 768: nine block columns with panels and trailing updates
  const rng = createRng(7);
  const d = 40;
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const a = new Float64Array(n * n);
  getKernel('dgemm', 'js')(false, true, n, n, d, 1 / d, x, 0, d, x, 0, d, 0, a, 0, n);
  for (let i = 0; i < n; i++) a[i * n + i] += 0.5;
  const potrf = getKernel('dpotrf', 'wasm-simd');
  const lower = (m: Float64Array): Float64Array => {
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) out[i * n + j] = m[i * n + j];
    return out;
  };

  it('should be bit-identical for 1 and 2 threads (worker taking blocks) and match the JS factor', () => {
    setTeamThreads(1);
    const w1 = a.slice();
    expect(potrf(n, w1, 0, n).info).toBe(-1);
    setTeamThreads(2);
    const w2 = a.slice();
    const s0 = teamStats();
    expect(potrf(n, w2, 0, n).info).toBe(-1);
    const s1 = teamStats();
    expect(s1.mainBlocks - s0.mainBlocks).toBeLessThan(s1.blocks - s0.blocks); // a worker took blocks
    expect(same(lower(w1), lower(w2))).toBe(true);
    const js = a.slice();
    expect(dpotrf(n, js, 0, n).info).toBe(-1);
    // Cholesky is backward stable: entries of L agree to ≈ n·eps·κ-free rounding relative to max|L| ≤ 1.3.
    expect(allClose(lower(w2), lower(js), { rtol: 1e-10, atol: 1e-12 }).ok).toBe(true);
  });

  it('should tell factors apart that differ in one ulp or by a skipped update (negative controls)', () => {
    setTeamThreads(2);
    const w = a.slice();
    potrf(n, w, 0, n);
    const l = lower(w);
    const ulp = l.slice();
    ulp[700 * n + 650] = ulp[700 * n + 650] * (1 + Number.EPSILON);
    expect(same(l, ulp)).toBe(false);
    // Skipping every trailing update leaves the panel of the first block column right but the rest wrong.
    const skip = a.slice();
    getKernel('dpotrf', 'js')(96, skip, 0, n);
    const js = a.slice();
    dpotrf(n, js, 0, n);
    expect(allClose(lower(skip), lower(js), { rtol: 1e-10, atol: 1e-12 }).ok).toBe(false);
  });

  it('should report the failing pivot of an indefinite matrix like one thread does', () => {
    const m = a.slice();
    m[500 * n + 500] = -1;
    setTeamThreads(1);
    const i1 = potrf(n, m.slice(), 0, n);
    setTeamThreads(2);
    const i2 = potrf(n, m.slice(), 0, n);
    expect(i2.info).toBe(i1.info);
    expect(i2.info).toBeGreaterThanOrEqual(0);
    expect(Object.is(i2.minPivot, i1.minPivot)).toBe(true);
  });
});
