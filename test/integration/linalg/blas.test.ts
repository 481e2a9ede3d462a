import { describe, expect, it } from 'vitest';
import { dgemm, dgemv, dsyrk } from '../../../src/linalg/blas.ts';
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

describe('dgemm (packed path) and dsyrk', () => {
  it('should match the naive product on sizes that cross the packing blocks and tile edges', () => {
    const rng = createRng(11);
    for (const [m, n, k] of [
      [67, 45, 300],
      [130, 1030, 9],
      [5, 70, 260],
    ]) {
      for (const tA of [false, true])
        for (const tB of [false, true]) {
          const a = rng.fillNormal(new Float64Array(m * k));
          const b = rng.fillNormal(new Float64Array(k * n));
          const c = rng.fillNormal(new Float64Array(m * n));
          const expected = naive(tA, tB, m, n, k, a, b).map((v, i) => -1.5 * v + 2 * c[i]);
          dgemm(tA, tB, m, n, k, -1.5, a, 0, tA ? m : k, b, 0, tB ? k : n, 2, c, 0, n);
          expect(allClose(c, expected, { rtol: 1e-12, atol: 1e-11 })).toEqual({ ok: true });
        }
    }
  });

  it('should respect offsets and leading dimensions of sub-blocks', () => {
    const rng = createRng(12);
    const big = rng.fillNormal(new Float64Array(100 * 100));
    const c = new Float64Array(100 * 100);
    // C[10:50, 20:90] = A[0:40, 5:75] · B[30:100, 0:70]
    dgemm(false, false, 40, 70, 70, 1, big, 5, 100, big, 30 * 100, 100, 0, c, 10 * 100 + 20, 100);
    for (const [i, j] of [
      [0, 0],
      [39, 69],
      [17, 33],
    ]) {
      let s = 0;
      for (let p = 0; p < 70; p++) s += big[i * 100 + 5 + p] * big[(30 + p) * 100 + j];
      expect(allClose([c[(10 + i) * 100 + 20 + j]], [s], { rtol: 1e-12, atol: 1e-12 })).toEqual({ ok: true });
    }
    expect(c[9 * 100 + 20]).toBe(0);
    expect(c[10 * 100 + 19]).toBe(0);
  });

  it('should update only the lower triangle with dsyrk', () => {
    const rng = createRng(13);
    const n = 150;
    const k = 40;
    const a = rng.fillNormal(new Float64Array(n * k));
    const c = new Float64Array(n * n).fill(7);
    dsyrk(n, k, -1, a, 0, k, 0.5, c, 0, n);
    const aat = naive(false, true, n, n, k, a, a);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const expected = j <= i ? 3.5 - aat[i * n + j] : 7;
        expect(Math.abs(c[i * n + j] - expected)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected)));
      }
  });
});
