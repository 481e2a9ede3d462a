import { describe, expect, it } from 'vitest';
import { wasmDgemm } from '../../../../src/backend/wasm/dgemm.ts';
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
});
