import { describe, expect, it } from 'vitest';
import { dgemm, dgemv } from '../../../src/linalg/blas.ts';
import { createRng } from '../../../src/random/rng.ts';
import { allClose } from '../../helpers/allClose.ts';

function naive(tA: boolean, tB: boolean, m: number, n: number, k: number, a: Float64Array, b: Float64Array) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += (tA ? a[p * m + i] : a[i * k + p]) * (tB ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  return c;
}

describe('dgemm', () => {
  it('should match the naive triple loop for every transpose combination and odd sizes', () => {
    const rng = createRng(7);
    for (const [m, n, k] of [
      [1, 1, 1],
      [5, 3, 7],
      [9, 10, 4],
    ]) {
      for (const tA of [false, true])
        for (const tB of [false, true]) {
          const a = rng.fillNormal(new Float64Array(m * k));
          const b = rng.fillNormal(new Float64Array(k * n));
          const c = rng.fillNormal(new Float64Array(m * n));
          const expected = naive(tA, tB, m, n, k, a, b).map((v, i) => 2 * v + 0.5 * c[i]);
          dgemm(tA, tB, m, n, k, 2, a, 0, tA ? m : k, b, 0, tB ? k : n, 0.5, c, 0, n);
          expect(allClose(c, expected, { rtol: 1e-13, atol: 1e-13 })).toEqual({ ok: true });
        }
    }
  });

  it('should compute y = A x and Aᵀ x with dgemv', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]); // 2×3
    const y = new Float64Array(2);
    dgemv(false, 2, 3, 1, a, 0, 3, Float64Array.from([1, 1, 1]), 0, 0, y, 0);
    expect(Array.from(y)).toEqual([6, 15]);
    const z = new Float64Array(3);
    dgemv(true, 3, 2, 1, a, 0, 3, Float64Array.from([1, 1]), 0, 0, z, 0);
    expect(Array.from(z)).toEqual([5, 7, 9]);
  });
});
