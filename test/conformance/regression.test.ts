/**
 * Kernel-regression solvers on every backend: with `backend: 'js'`, `'wasm-simd'` and `'native'` the same
 * problems must give the same answers (rtol 1e-10 on well-conditioned kernels, with an absolute floor of
 * 1e-10·max|reference| for entries near zero) and the same `jitterUsed` (jitter retries are decided by the
 * same pivots on both backends). Sizes above the Cholesky block size (96) so the WASM GEMM/SYRK updates run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setNativeOverride } from '../../src/backend/native/loader.ts';
import {
  type BackendName,
  getKernel,
  isBackendAvailable,
  registerKernel,
} from '../../src/backend/registry.ts';
import { setWasmSimdOverride } from '../../src/backend/wasm/loader.ts';
import { BackendUnavailableError, DomainError, NotPositiveDefiniteError } from '../../src/errors.ts';
import { createRng } from '../../src/random/rng.ts';
import { fitKernelRegression } from '../../src/regression/fitKernelRegression.ts';
import { gpInference } from '../../src/regression/gpInference.ts';
import { gradientDescentMse } from '../../src/regression/gradientDescentMse.ts';
import { kernelRidge } from '../../src/regression/kernelRidge.ts';
import type { KernelPair, Mat } from '../../src/types.ts';
import { allClose } from '../helpers/allClose.ts';

// The native addon is built by `npm install`; without it its rows are skipped (the registry test reports why).
const OTHERS: BackendName[] = ['wasm-simd', ...(isBackendAvailable('native') ? (['native'] as const) : [])];

function randMat(rows: number, cols: number, seed: number): Mat {
  const rng = createRng(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { rows, cols, data };
}

/** Gaussian kernel exp(−‖x − y‖² / (2d)) (+ `scale`·linear kernel for the NTK member). */
function gauss(a: Mat, b: Mat, scale = 0): Mat {
  const d = a.cols;
  const out = new Float64Array(a.rows * b.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.rows; j++) {
      let s = 0;
      let dot = 0;
      for (let p = 0; p < d; p++) {
        const u = a.data[i * d + p];
        const v = b.data[j * d + p];
        s += (u - v) ** 2;
        dot += u * v;
      }
      out[i * b.rows + j] = Math.exp(-s / (2 * d)) + (scale * dot) / d;
    }
  }
  return { rows: a.rows, cols: b.rows, data: out };
}

const kernelFn = (x1: Mat, x2?: Mat): KernelPair => ({
  nngp: gauss(x1, x2 ?? x1),
  ntk: gauss(x1, x2 ?? x1, 0.5),
});

/** rtol 1e-10 with an absolute floor of 1e-10·max|b|. */
function close(a: ArrayLike<number>, b: ArrayLike<number>) {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(b[i]));
  return allClose(a, b, { rtol: 1e-10, atol: 1e-10 * m });
}

const CASES = [
  { name: 'n = 97, k = 1 (one block + 1)', n: 97, d: 6, k: 1, m: 7 },
  { name: 'n = 250, k = 3', n: 250, d: 10, k: 3, m: 11 },
];

describe.each(OTHERS)('regression conformance (js vs %s)', (other) => {
  const BACKENDS: BackendName[] = ['js', other];
  CASES.forEach(({ name, n, d, k, m }, idx) => {
    describe(name, () => {
      const X = randMat(n, d, 700 + idx);
      const Xt = randMat(m, d, 800 + idx);
      const Y = randMat(n, k, 900 + idx);
      const K = kernelFn(X);
      const Kt = kernelFn(Xt, X);
      const Ktt = gauss(Xt, Xt);
      const diagReg = { value: 1e-3 };

      it('should give the same kernelRidge fit and predictions on both backends', () => {
        const [a, b] = BACKENDS.map((backend) => kernelRidge(K.ntk, Y, { diagReg, backend }));
        expect(close(b.alpha.data, a.alpha.data)).toEqual({ ok: true });
        expect(close(b.fxTrain.data, a.fxTrain.data)).toEqual({ ok: true });
        expect(close(b.predict(Kt.ntk).data, a.predict(Kt.ntk).data)).toEqual({ ok: true });
        expect(b.jitterUsed).toBe(a.jitterUsed);
        expect(b.relativeResidual).toBeLessThan(1e-10);
      });

      it('should give the same gpInference mean and covariance on both backends', () => {
        for (const get of ['nngp', 'ntk'] as const) {
          const [a, b] = BACKENDS.map((backend) =>
            gpInference(K, Y, { diagReg, backend }).predict({ get, kTestTrain: Kt, kTestTest: Ktt }),
          );
          expect(close(b.mean.data, a.mean.data)).toEqual({ ok: true });
          expect(close(b.covariance!.data, a.covariance!.data)).toEqual({ ok: true });
          expect(b.jitterUsed).toBe(a.jitterUsed);
        }
      });

      it('should give the same gradientDescentMse predictions at t = ∞ and t = 10 on both backends', () => {
        const [pa, pb] = BACKENDS.map((backend) => gradientDescentMse(K.ntk, Y, { diagReg, backend }));
        for (const t of [Number.POSITIVE_INFINITY, 10]) {
          const a = pa.predict(t, { kTestTrain: Kt.ntk, fxTrain0: 0.1 });
          const b = pb.predict(t, { kTestTrain: Kt.ntk, fxTrain0: 0.1 });
          expect(close(b.fxTrain.data, a.fxTrain.data)).toEqual({ ok: true });
          expect(close(b.fxTest!.data, a.fxTest!.data)).toEqual({ ok: true });
          expect(b.jitterUsed).toBe(a.jitterUsed);
        }
      });

      it('should give the same fitKernelRegression predictions on both backends', () => {
        const [a, b] = BACKENDS.map((backend) =>
          fitKernelRegression(kernelFn, X, Y, { get: 'nngp', diagReg, backend }).predict(Xt),
        );
        expect(close(b.data, a.data)).toEqual({ ok: true });
      });
    });
  });

  it('should report the same jitterUsed (> 0) on both backends for a kernel that needs jitter', () => {
    // Rank-deficient PSD (rank 64 < n = 160) shifted down by 10^2.5·ε·base: the retries with jitter
    // 10^k·ε·base fail for k ≤ 2 and succeed at k = 3, with margins far above the round-off of either factor.
    const n = 160;
    const Z = randMat(n, 64, 41);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < 64; p++) s += Z.data[i * 64 + p] * Z.data[j * 64 + p];
        A[i * n + j] = s / 64;
      }
    let base = 0;
    for (let i = 0; i < n; i++) base += A[i * n + i];
    base /= n;
    for (let i = 0; i < n; i++) A[i * n + i] -= 10 ** 2.5 * Number.EPSILON * base;
    const Kj: Mat = { rows: n, cols: n, data: A };
    const y = randMat(n, 1, 42).data;
    const [a, b] = BACKENDS.map((backend) => kernelRidge(Kj, y, { backend }));
    let shifted = 0;
    for (let i = 0; i < n; i++) shifted += Math.abs(A[i * n + i]);
    expect(a.jitterUsed).toBe(10 ** 3 * Number.EPSILON * (shifted / n));
    expect(b.jitterUsed).toBe(a.jitterUsed);
    const [ga, gb] = BACKENDS.map((backend) =>
      gpInference({ nngp: Kj }, y, { backend }).predict({ get: 'nngp', kTestTrain: { nngp: Kj } }),
    );
    expect(gb.jitterUsed).toBe(ga.jitterUsed);
    expect(gb.jitterUsed).toBe(a.jitterUsed);
  });

  it('should fail with the same NotPositiveDefiniteError data on both backends when no jitter helps', () => {
    const n = 130;
    const A = gauss(randMat(n, 5, 43), randMat(n, 5, 43)).data;
    A[120 * n + 120] = -1;
    const errs = BACKENDS.map((backend) => {
      try {
        kernelRidge({ rows: n, cols: n, data: A }, new Float64Array(n).fill(1), { backend, jitter: 'auto' });
      } catch (e) {
        return e;
      }
      return undefined;
    });
    expect(errs[0]).toBeInstanceOf(NotPositiveDefiniteError);
    expect(errs[1]).toBeInstanceOf(NotPositiveDefiniteError);
    const [ea, eb] = errs as NotPositiveDefiniteError[];
    expect(eb.data.row).toBe(ea.data.row);
    expect(eb.data.jitterTried).toBe(ea.data.jitterTried);
  });
});

describe('regression backend selection', () => {
  const BACKENDS: BackendName[] = ['js', 'wasm-simd'];
  afterEach(() => setWasmSimdOverride(undefined));
  const K = kernelFn(randMat(120, 4, 44));
  const y = randMat(120, 1, 45).data;

  it("should run the registered 'wasm-simd' dpotrf when asked for wasm-simd, and the 'js' one for js", () => {
    const calls: BackendName[] = [];
    const orig = BACKENDS.map((b) => getKernel('dpotrf', b));
    try {
      BACKENDS.forEach((backend, i) => {
        registerKernel({
          name: 'dpotrf',
          backend,
          fn: (n, a, off, lda) => {
            calls.push(backend);
            return orig[i](n, a, off, lda);
          },
        });
      });
      kernelRidge(K.ntk, y, { backend: 'wasm-simd' });
      gpInference(K, y, { backend: 'wasm-simd' }).predict({ get: 'ntk', kTestTrain: K });
      gradientDescentMse(K.ntk, y, { backend: 'js' }).predict(Number.POSITIVE_INFINITY, {
        kTestTrain: K.ntk,
      });
      expect(calls).toEqual(['wasm-simd', 'wasm-simd', 'js']);
    } finally {
      BACKENDS.forEach((backend, i) => {
        registerKernel({ name: 'dpotrf', backend, fn: orig[i] });
      });
    }
  });

  it("should throw BackendUnavailableError for an explicit 'wasm-simd' when SIMD is unavailable", () => {
    setWasmSimdOverride(false);
    const X = randMat(120, 4, 44);
    expect(() => kernelRidge(K.ntk, y, { backend: 'wasm-simd' })).toThrow(BackendUnavailableError);
    expect(() => gpInference(K, y, { backend: 'wasm-simd' })).toThrow(BackendUnavailableError);
    expect(() => gradientDescentMse(K.ntk, y, { backend: 'wasm-simd' })).toThrow(BackendUnavailableError);
    expect(() => fitKernelRegression(kernelFn, X, y, { backend: 'wasm-simd' })).toThrow(
      BackendUnavailableError,
    );
  });

  it('should fall back silently to js when no backend is asked for and native and SIMD are unavailable', () => {
    const prev = process.env.NTK_BACKEND;
    delete process.env.NTK_BACKEND;
    try {
      setWasmSimdOverride(false);
      setNativeOverride(false);
      const fallback = kernelRidge(K.ntk, y);
      setWasmSimdOverride(undefined);
      setNativeOverride(undefined);
      const js = kernelRidge(K.ntk, y, { backend: 'js' });
      expect(Array.from(fallback.alpha.data)).toEqual(Array.from(js.alpha.data));
    } finally {
      if (prev !== undefined) process.env.NTK_BACKEND = prev;
    }
  });

  it('should throw DomainError for an unknown backend name', () => {
    expect(() => kernelRidge(K.ntk, y, { backend: 'gpu' as BackendName })).toThrow(DomainError);
  });
});
