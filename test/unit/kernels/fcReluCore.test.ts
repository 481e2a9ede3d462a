import { describe, expect, it } from 'vitest';
import { fcReluPrepare, fcReluRowsInto } from '../../../src/kernels/fcReluCore.ts';
import { fcReluKernel, fcReluPlan } from '../../../src/kernels/fcReluKernel.ts';
import { createRng } from '../../../src/random/rng.ts';

function randomRows(n: number, d: number, seed: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(n * d));
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('fcReluRowsInto (row-block kernel for workers)', () => {
  for (const d of [5, 300]) {
    it(`should give bit-identical matrices for any row split, symmetric and cross (d = ${d})`, () => {
      // Arrange: n = 70 rows (not a multiple of the internal 32-row GEMM block), a duplicated row
      const n = 70;
      const x = randomRows(n, d, 7 + d);
      x.copyWithin(10 * d, 3 * d, 4 * d);
      const { plan } = fcReluPlan({ depth: 3, wStd: 1.2, bStd: 0.3 });
      const k = fcReluKernel({ depth: 3, wStd: 1.2, bStd: 0.3 });
      const whole = k({ rows: n, cols: d, data: x });
      const side = fcReluPrepare(plan, x, n, d);
      for (const splits of [
        [0, 1, 33, 34, 70],
        [0, 13, 29, 70],
        [0, 70],
      ]) {
        const nngp = new Float64Array(n * n);
        const ntk = new Float64Array(n * n);
        // Act: full rows of the symmetric matrix, one block at a time
        for (let b = 0; b + 1 < splits.length; b++) {
          const r0 = splits[b];
          fcReluRowsInto(plan, side, side, true, false, r0, splits[b + 1], nngp, ntk, r0 * n, n);
        }
        // Assert: identical to the triangle-and-mirror path, bit for bit
        expect(sameBits(nngp, whole.nngp.data)).toBe(true);
        expect(sameBits(ntk, whole.ntk.data)).toBe(true);
      }
      // cross path against a row block written into a small buffer with its own offset/ld
      const z = randomRows(9, d, 99);
      const sz = fcReluPrepare(plan, z, 9, d);
      const cross = k({ rows: n, cols: d, data: x }, { rows: 9, cols: d, data: z });
      const blockN = new Float64Array(20 * 9);
      const blockT = new Float64Array(20 * 9);
      fcReluRowsInto(plan, side, sz, false, false, 40, 60, blockN, blockT, 0, 9);
      expect(sameBits(blockN, cross.nngp.data.subarray(40 * 9, 60 * 9))).toBe(true);
      expect(sameBits(blockT, cross.ntk.data.subarray(40 * 9, 60 * 9))).toBe(true);
    });
  }
});
