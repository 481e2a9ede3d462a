import { describe, expect, it } from 'vitest';
import { wasmDgemm } from '../../../../src/backend/wasm/dgemm.ts';
import { createRng } from '../../../../src/random/rng.ts';
import { allClose } from '../../../helpers/allClose.ts';

describe('wasmDgemm', () => {
  it('should compute a hand-checked 2x2 product with alpha and beta', () => {
    const a = new Float64Array([1, 2, 3, 4]);
    const b = new Float64Array([5, 6, 7, 8]);
    const c = new Float64Array([1, 1, 1, 1]);
    wasmDgemm(false, false, 2, 2, 2, 2, a, 0, 2, b, 0, 2, 10, c, 0, 2);
    expect(Array.from(c)).toEqual([2 * 19 + 10, 2 * 22 + 10, 2 * 43 + 10, 2 * 50 + 10]);
  });

  it('should overwrite C when beta = 0 even if C holds NaN', () => {
    const a = new Float64Array([1, 2]);
    const b = new Float64Array([3, 4]);
    const c = new Float64Array([Number.NaN]);
    wasmDgemm(false, false, 1, 1, 2, 1, a, 0, 2, b, 0, 1, 0, c, 0, 1);
    expect(c[0]).toBe(11);
  });

  it('should leave entries outside the m×n window untouched', () => {
    const a = new Float64Array(9).fill(1);
    const b = new Float64Array(9).fill(1);
    const c = new Float64Array(9).fill(-7);
    // 2×2 window at offset 4 of a 3-wide C
    wasmDgemm(false, false, 2, 2, 3, 1, a, 0, 3, b, 0, 3, 0, c, 4, 3);
    expect(Array.from(c)).toEqual([-7, -7, -7, -7, 3, 3, -7, 3, 3]);
  });

  it('should give the same answer after a larger call has grown memory', () => {
    const n = 300;
    const big = new Float64Array(n * n).fill(0.5);
    const out = new Float64Array(n * n);
    wasmDgemm(false, false, n, n, n, 1, big, 0, n, big, 0, n, 0, out, 0, n);
    expect(allClose(out.subarray(0, 3), [75, 75, 75])).toEqual({ ok: true });
    const c = new Float64Array(1);
    wasmDgemm(false, false, 1, 1, 1, 1, new Float64Array([3]), 0, 1, new Float64Array([4]), 0, 1, 0, c, 0, 1);
    expect(c[0]).toBe(12);
  });

  it('should give with beta = 0 (C not read) the bits of beta = 1 on a zeroed C, signed zeros included', () => {
    // Shapes with one and with several k-blocks (KC = 256) and several row/column blocks (MC = 128,
    // NC = 1024), both transposes. Row 0 of A is zero and α < 0: the tile sums start at +0, so α·sum = −0 there,
    // and accumulating onto a zeroed C gives 0 + (−0) = +0, which the β = 0 path must give too.
    const rng = createRng(21);
    for (const [m, n, k, transA, transB] of [
      [7, 9, 5, false, false],
      [130, 1030, 64, false, true],
      [33, 17, 600, true, false],
    ] as const) {
      const a = new Float64Array(m * k);
      const b = new Float64Array(k * n);
      rng.fillNormal(a);
      for (let i = 0; i < b.length; i++) b[i] = Math.abs(rng.normal()) + 0.5;
      for (let p = 0; p < k; p++) a[transA ? p * m : p] = 0;
      const lda = transA ? m : k;
      const ldb = transB ? k : n;
      const zeroed = new Float64Array(m * n);
      wasmDgemm(transA, transB, m, n, k, -1.5, a, 0, lda, b, 0, ldb, 1, zeroed, 0, n);
      const fresh = new Float64Array(m * n).fill(Number.NaN);
      wasmDgemm(transA, transB, m, n, k, -1.5, a, 0, lda, b, 0, ldb, 0, fresh, 0, n);
      const differ = fresh.findIndex((v, i) => !Object.is(v, zeroed[i]));
      expect({ m, n, k, differ }).toEqual({ m, n, k, differ: -1 });
      expect(Object.is(fresh[0], 0)).toBe(true); // +0, not −0
    }
  });
});
