/**
 * Blocked Cholesky and SYRK on every backend: the WASM-SIMD and native factors must agree with the JavaScript one
 * (rtol 1e-12 relative to max|L|), reproduce A = L·Lᵀ, and report the same failing pivot on matrices that
 * are not positive definite.
 */
import { describe, expect, it } from 'vitest';
import { type BackendName, getKernel, isBackendAvailable } from '../../src/backend/registry.ts';
import { createRng } from '../../src/random/rng.ts';

const NATIVE = isBackendAvailable('native');
if (!NATIVE) console.warn('dpotrf conformance: native backend not available, its rows are skipped');
const BACKENDS: BackendName[] = ['js', 'wasm-simd', ...(NATIVE ? (['native'] as const) : [])];

/** SPD test matrix X·Xᵀ/d + shift·I, full symmetric storage with leading dimension n + pad at offset pad. */
function spd(n: number, seed: number, shift: number, pad: number): { a: Float64Array; lda: number } {
  const rng = createRng(seed);
  const d = n + 3;
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const lda = n + pad;
  const a = new Float64Array(pad + n * lda).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += x[i * d + p] * x[j * d + p];
      a[pad + i * lda + j] = s / d + (i === j ? shift : 0);
    }
  }
  return { a, lda };
}

const lower = (a: Float64Array, off: number, lda: number, n: number) => {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) out[i * n + j] = a[off + i * lda + j];
  return out;
};

const CASES = [
  { name: 'n = 1', n: 1, pad: 0 },
  { name: 'n = 5, padded', n: 5, pad: 2 },
  { name: 'n = 97 (one block + 1)', n: 97, pad: 0 },
  { name: 'n = 250, padded', n: 250, pad: 3 },
];

describe('dpotrf conformance', () => {
  CASES.forEach(({ name, n, pad }, idx) => {
    describe(name, () => {
      const { a, lda } = spd(n, 50 + idx, 0.5, pad);
      const factors = new Map<BackendName, Float64Array>();
      for (const backend of BACKENDS) {
        const w = a.slice();
        const info = getKernel('dpotrf', backend)(n, w, pad, lda);
        factors.set(backend, lower(w, pad, lda, n));

        it(`should factor A = L·Lᵀ on ${backend} (relative residual < 1e-13)`, () => {
          expect(info.info).toBe(-1);
          const l = factors.get(backend)!;
          let worst = 0;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j <= i; j++) {
              let s = 0;
              for (let p = 0; p <= j; p++) s += l[i * n + p] * l[j * n + p];
              const aij = a[pad + i * lda + j];
              const scale = Math.sqrt(a[pad + i * lda + i] * a[pad + j * lda + j]);
              worst = Math.max(worst, Math.abs(s - aij) / scale);
            }
          }
          expect(worst).toBeLessThan(1e-13);
        });

        it(`should leave the strict upper triangle untouched on ${backend}`, () => {
          for (let i = 0; i < n; i++)
            for (let j = i + 1; j < n; j++) {
              const o = pad + i * lda + j;
              if (!Object.is(w[o], a[o])) expect({ i, j, upper: w[o] }).toBe('untouched');
            }
        });
      }

      for (const other of BACKENDS.slice(1)) {
        it(`should agree between js and ${other} (rtol 1e-12 of max|L|)`, () => {
          const js = factors.get('js')!;
          const wasm = factors.get(other)!;
          let max = 0;
          for (const v of js) max = Math.max(max, Math.abs(v));
          let worst = 0;
          for (let i = 0; i < js.length; i++) worst = Math.max(worst, Math.abs(js[i] - wasm[i]));
          expect(worst).toBeLessThanOrEqual(1e-12 * max);
        });
      }
    });
  });

  it('should report the same failing pivot on an indefinite matrix on every backend', () => {
    const n = 150;
    const { a, lda } = spd(n, 9, 0.5, 0);
    a[120 * lda + 120] = -5; // pivot 120 goes negative
    const infos = BACKENDS.map((b) => getKernel('dpotrf', b)(n, a.slice(), 0, lda));
    expect(infos[0].info).toBe(120);
    for (const r of infos.slice(1)) {
      expect(r.info).toBe(120);
      expect(Math.abs(infos[0].minPivot - r.minPivot)).toBeLessThan(1e-12 * Math.abs(infos[0].minPivot));
    }
    expect(infos[0].minPivot).toBeLessThan(0);
  });
});

describe('dsyrk conformance', () => {
  it.each([
    [140, 37],
    [1030, 3],
  ])(
    'should agree between js and the other backends on the lower triangle and not touch the upper one (n=%i, k=%i)',
    (n, k) => {
      const rng = createRng(77);
      const a = new Float64Array(n * k);
      for (let i = 0; i < a.length; i++) a[i] = rng.normal();
      const c0 = new Float64Array(n * n);
      for (let i = 0; i < c0.length; i++) c0[i] = rng.normal();
      const out = BACKENDS.map((b) => {
        const c = c0.slice();
        getKernel('dsyrk', b)(n, k, -0.5, a, 0, k, 2, c, 0, n);
        return c;
      });
      for (let b = 1; b < out.length; b++) {
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const o = i * n + j;
            if (j > i) {
              if (!Object.is(out[b][o], c0[o])) expect({ i, j, upper: out[b][o] }).toBe('untouched');
            } else {
              let s = 0;
              for (let p = 0; p < k; p++) s += Math.abs(a[i * k + p] * a[j * k + p]);
              const tol = 1e-12 * (0.5 * s + 2 * Math.abs(c0[o]));
              if (!(Math.abs(out[0][o] - out[b][o]) <= tol))
                expect({ i, j, js: out[0][o], [BACKENDS[b]]: out[b][o] }).toBe('close');
            }
          }
        }
      }
    },
  );
});
