/**
 * The public `cholesky` and `solveTriangular` run on the backend their `backend` option (or `NTK_BACKEND`,
 * or the fastest available) names: their output must be bit for bit what that backend's registered kernel
 * gives on the same input. The kernels themselves are checked against each other and against derived error
 * bounds in dpotrf.test.ts and native.test.ts; here the routing is tested, so each comparison has power only
 * where the backends' bits differ — which is asserted, for the matrices used, as the negative control (a
 * `backend` option that were ignored would give the JavaScript bits everywhere and fail).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setNativeOverride } from '../../src/backend/native/loader.ts';
import { type BackendName, getKernel, isBackendAvailable } from '../../src/backend/registry.ts';
import { BackendUnavailableError, DomainError, NotPositiveDefiniteError } from '../../src/errors.ts';
import { cholesky } from '../../src/linalg/cholesky.ts';
import { solveTriangular } from '../../src/linalg/solveTriangular.ts';
import { createRng } from '../../src/random/rng.ts';
import type { Mat } from '../../src/types.ts';

const NATIVE = isBackendAvailable('native');
if (!NATIVE) console.warn('linalg backend routing: native backend not available, its rows are skipped');
const BACKENDS: BackendName[] = ['js', 'wasm-simd', ...(NATIVE ? (['native'] as const) : [])];
const same = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** X·Xᵀ/d + 0.5·I for X [n, n + 3] normal: SPD, full symmetric storage. */
function spd(n: number, seed: number): Mat {
  const rng = createRng(seed);
  const d = n + 3;
  const x = new Float64Array(n * d);
  rng.fillNormal(x);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += x[i * d + p] * x[j * d + p];
      a[i * n + j] = a[j * n + i] = s / d + (i === j ? 0.5 : 0);
    }
  return { rows: n, cols: n, data: a };
}

/** The registered factor of `backend` on A's lower triangle, upper triangle zeroed (as cholesky returns it). */
function kernelFactor(a: Mat, backend: BackendName): Float64Array {
  const n = a.rows;
  const w = a.data.slice();
  expect(getKernel('dpotrf', backend)(n, w, 0, n).info).toBe(-1);
  for (let i = 0; i < n; i++) w.fill(0, i * n + i + 1, (i + 1) * n);
  return w;
}

/** The registered triangular solve of `backend`: op(L)·X = B. */
function kernelSolve(l: Float64Array, n: number, b: Mat, trans: boolean, backend: BackendName) {
  const x = b.data.slice();
  getKernel('dtrsm', backend)(trans, n, b.cols, l, 0, n, x, 0, b.cols);
  return x;
}

// n = 600 spans several blocks of every factor (JS 96, WASM and native 256), so their bits differ.
const n = 600;
const A = spd(n, 11);
const rhs: Mat = { rows: n, cols: 3, data: new Float64Array(n * 3) };
createRng(12).fillNormal(rhs.data);

afterEach(() => setNativeOverride(undefined));

describe('cholesky and solveTriangular: options.backend', () => {
  for (const backend of BACKENDS) {
    it(`should factor and solve with the registered kernels of ${backend}, bit for bit`, () => {
      const c = cholesky(A, { backend });
      const l = kernelFactor(A, backend);
      expect(same(c.L.data, l)).toBe(true);
      expect(c.jitterUsed).toBe(0);
      const fwd = kernelSolve(l, n, rhs, false, backend);
      const want = kernelSolve(l, n, { rows: n, cols: 3, data: fwd }, true, backend);
      expect(same(c.solve(rhs).data, want)).toBe(true);
      expect(same(solveTriangular(c.L, rhs, { backend }).data, fwd)).toBe(true);
      const back = kernelSolve(l, n, rhs, true, backend);
      expect(same(solveTriangular(c.L, rhs, { backend, trans: true }).data, back)).toBe(true);
    });
  }

  it.skipIf(!NATIVE)(
    'should give bits on native that differ from JavaScript (the routing tests have power)',
    () => {
      const js = kernelFactor(A, 'js');
      const nat = kernelFactor(A, 'native');
      expect(same(js, nat)).toBe(false);
      const l = kernelFactor(A, 'js');
      expect(same(kernelSolve(l, n, rhs, false, 'js'), kernelSolve(l, n, rhs, false, 'native'))).toBe(false);
    },
  );

  it('should try the same jitter schedule on every backend and report the same failure', () => {
    // Rank-deficient PSD (a Gram of 3-dimensional points): A fails, a small jitter succeeds.
    const m = 300;
    const rng = createRng(13);
    const x = new Float64Array(m * 3);
    rng.fillNormal(x);
    const g = new Float64Array(m * m);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++)
        g[i * m + j] = x[3 * i] * x[3 * j] + x[3 * i + 1] * x[3 * j + 1] + x[3 * i + 2] * x[3 * j + 2];
    const G = { rows: m, cols: m, data: g };
    const used = BACKENDS.map((backend) => cholesky(G, { backend }).jitterUsed);
    expect(used[0]).toBeGreaterThan(0);
    expect(new Set(used).size).toBe(1);
    const rows = BACKENDS.map((backend) => {
      try {
        cholesky(G, { backend, jitter: 'none' });
        return undefined;
      } catch (e) {
        expect(e).toBeInstanceOf(NotPositiveDefiniteError);
        return (e as NotPositiveDefiniteError).data.row;
      }
    });
    expect(rows[0]).toBeGreaterThanOrEqual(3);
    expect(new Set(rows).size).toBe(1);
  });

  it('should refuse an unknown backend and one that cannot run here, naming options.backend', () => {
    expect(() => cholesky(A, { backend: 'gpu' as never })).toThrow(DomainError);
    expect(() => solveTriangular(A, rhs, { backend: 'gpu' as never })).toThrow(/options\.backend/);
    setNativeOverride(false);
    expect(() => cholesky(A, { backend: 'native' })).toThrow(BackendUnavailableError);
    expect(() => solveTriangular(A, rhs, { backend: 'native' })).toThrow(/options\.backend.*native/);
    // Unset (and no NTK_BACKEND), the fastest available backend is used: without the addon, WASM SIMD's.
    if (process.env.NTK_BACKEND === undefined)
      expect(same(cholesky(A).L.data, kernelFactor(A, 'wasm-simd'))).toBe(true);
  });
});
