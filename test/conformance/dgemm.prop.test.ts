/**
 * Random DGEMM problems (shapes 1–13 so every edge of the 4×4 tiles is hit; n up to 30 so the native 8×24
 * tiles are hit whole and partial; both transposes, alpha, beta, entries up to 1e3 with exact zeros) on js,
 * wasm-simd and native (when built): each within the rigorous forward-error bound
 * 2γ_{k+2}·(|α|Σ|a||b| + |β||c|) of a naive product (both sums carry rounding).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { type BackendName, getKernel, isBackendAvailable } from '../../src/backend/registry.ts';
import { entry } from '../helpers/arbitraries.ts';

const BACKENDS: BackendName[] = [
  'js',
  'wasm-simd',
  ...(isBackendAvailable('native') ? (['native'] as const) : []),
];

const problem = fc
  .record({
    m: fc.integer({ min: 1, max: 13 }),
    n: fc.integer({ min: 1, max: 30 }),
    k: fc.integer({ min: 0, max: 13 }),
    transA: fc.boolean(),
    transB: fc.boolean(),
    alpha: fc.constantFrom(1, -1, 0.5, 3),
    beta: fc.constantFrom(0, 1, -0.25),
  })
  .chain((p) =>
    fc.record({
      p: fc.constant(p),
      a: fc.array(entry(), { minLength: p.m * p.k, maxLength: p.m * p.k }),
      b: fc.array(entry(), { minLength: p.k * p.n, maxLength: p.k * p.n }),
      c: fc.array(entry(), { minLength: p.m * p.n, maxLength: p.m * p.n }),
    }),
  );

describe('dgemm conformance (properties)', () => {
  test.prop([problem], { numRuns: 200 })(
    'should stay within the forward-error bound of a naive product on every backend',
    ({ p, a, b, c }) => {
      const { m, n, k, transA, transB, alpha, beta } = p;
      const A = Float64Array.from(a);
      const B = Float64Array.from(b);
      const lda = transA ? m : k;
      const ldb = transB ? k : n;
      const at = (i: number, q: number) => (transA ? A[q * lda + i] : A[i * lda + q]);
      const bt = (q: number, j: number) => (transB ? B[j * ldb + q] : B[q * ldb + j]);
      for (const backend of BACKENDS) {
        const C = Float64Array.from(c);
        getKernel('dgemm', backend)(
          transA,
          transB,
          m,
          n,
          k,
          alpha,
          A,
          0,
          Math.max(1, lda),
          B,
          0,
          Math.max(1, ldb),
          beta,
          C,
          0,
          n,
        );
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            let sAbs = 0;
            for (let q = 0; q < k; q++) {
              s += at(i, q) * bt(q, j);
              sAbs += Math.abs(at(i, q) * bt(q, j));
            }
            const cOld = beta === 0 ? 0 : beta * c[i * n + j];
            const want = alpha * s + cOld;
            const bound = (2 * k + 4) * Number.EPSILON * (Math.abs(alpha) * sAbs + Math.abs(cOld)) + 1e-300; // slack for gradual underflow of tiny products
            if (!(Math.abs(C[i * n + j] - want) <= bound)) {
              expect({ backend, i, j, got: C[i * n + j], want, bound }).toBe('within bound');
            }
          }
        }
      }
    },
  );
});
