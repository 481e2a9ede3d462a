import { describe, expect, it } from 'vitest';
import { makeCholeskyResult } from '../../../src/linalg/cholesky.ts';
import { dpotrf, dtrsm } from '../../../src/linalg/lapack.ts';
import { createRng } from '../../../src/random/rng.ts';
import { allClose } from '../../helpers/allClose.ts';
import { randomSpd, reconstructionError } from '../../unit/linalg/spd.ts';

describe('dpotrf / dtrsm / the Cholesky solve', () => {
  it('should give the same factor for every block size', () => {
    const n = 200;
    const a = randomSpd(21, n);
    const ref = a.data.slice();
    dpotrf(n, ref, 0, n, n); // unblocked
    for (const nb of [1, 16, 64, 96, 199]) {
      const w = a.data.slice();
      expect(dpotrf(n, w, 0, n, nb).info).toBe(-1);
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) expect(Math.abs(w[i * n + j] - ref[i * n + j])).toBeLessThan(1e-12);
    }
  });

  it('should stop at the first non-positive pivot and report it', () => {
    const a = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, -5]);
    const r = dpotrf(3, a, 0, 3);
    expect(r.info).toBe(2);
    expect(r.minPivot).toBe(-5);
  });

  it('should solve L X = B and Lᵀ X = B for many right-hand sides (blocked path)', () => {
    const n = 150;
    const k = 7;
    const a = randomSpd(22, n);
    const l = a.data.slice();
    dpotrf(n, l, 0, n);
    for (let i = 0; i < n; i++) l.fill(0, i * n + i + 1, (i + 1) * n);
    const rng = createRng(1);
    const x = rng.fillNormal(new Float64Array(n * k));
    for (const trans of [false, true]) {
      const b = new Float64Array(n * k);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let p = 0; p < n; p++) s += (trans ? l[p * n + i] : l[i * n + p]) * x[p * k + j];
          b[i * k + j] = s;
        }
      dtrsm(trans, n, k, l, 0, n, b, 0, k);
      expect(allClose(b, x, { rtol: 1e-10, atol: 1e-11 })).toEqual({ ok: true });
    }
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let p = 0; p < n; p++) b[i] += a.data[i * n + p] * x[p * k];
    const solved = makeCholeskyResult({ rows: n, cols: n, data: l }, 0, Number.NaN).solve(b);
    const x0 = Float64Array.from({ length: n }, (_, i) => x[i * k]);
    expect(allClose(solved, x0, { rtol: 1e-10, atol: 1e-11 })).toEqual({ ok: true });
    expect(reconstructionError(a, { rows: n, cols: n, data: l })).toBeLessThan(1e-12);
  });
});

describe('dtrsv (single right-hand side)', () => {
  it('should agree with the blocked multi-rhs path', () => {
    const n = 170;
    const a = randomSpd(23, n);
    const l = a.data.slice();
    dpotrf(n, l, 0, n);
    const b = createRng(3).fillNormal(new Float64Array(n));
    for (const trans of [false, true]) {
      const x1 = b.slice();
      dtrsm(trans, n, 1, l, 0, n, x1, 0, 1);
      // same system through the blocked path: 2 columns, second a copy
      const x2 = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) x2[2 * i] = x2[2 * i + 1] = b[i];
      dtrsm(trans, n, 2, l, 0, n, x2, 0, 2);
      const col = Float64Array.from({ length: n }, (_, i) => x2[2 * i]);
      expect(allClose(x1, col, { rtol: 1e-11, atol: 1e-12 })).toEqual({ ok: true });
    }
  });
});
