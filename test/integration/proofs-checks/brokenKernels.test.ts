import { describe, expect, it } from 'vitest';
import { linearKernel, scaledKernel } from '../../../proofs-checks/shared/brokenKernels.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { eigh } from '../../../src/linalg/eigh.ts';
import type { Mat } from '../../../src/types.ts';

const x: Mat = { rows: 3, cols: 2, data: Float64Array.from([1, 0, 0.6, 0.8, -0.8, 0.6]) };
const xCopy: Mat = { rows: 3, cols: 2, data: x.data.slice() };
const k = twoLayerNtk({ activation: 'relu', train: 'first' });

describe('broken kernels of the negative controls', () => {
  it('should scale every NTK entry (not the NNGP) by the factor', () => {
    const a = k(x);
    const b = scaledKernel(k, 1.01)(x);
    for (let i = 0; i < 9; i++) {
      expect(b.ntk.data[i]).toBeCloseTo(1.01 * a.ntk.data[i], 15);
      expect(b.nngp.data[i]).toBe(a.nngp.data[i]);
    }
    expect(scaledKernel(k, 1.01).diag(x).ntk[1]).toBeCloseTo(1.01 * k.diag(x).ntk[1], 15);
  });

  it('should scale only entries with identical inputs in diagonal mode, also in cross matrices', () => {
    const a = k(x, xCopy);
    const b = scaledKernel(k, 1.01, 'diagonal')(x, xCopy);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const f = i === j ? 1.01 : 1;
        expect(b.ntk.data[i * 3 + j]).toBeCloseTo(f * a.ntk.data[i * 3 + j], 15);
      }
  });

  it('should give a linear kernel of rank ≤ d', () => {
    const four: Mat = { rows: 4, cols: 2, data: Float64Array.from([1, 0, 0, 1, 0.6, 0.8, -0.8, 0.6]) };
    const g = linearKernel()(four).ntk;
    expect(g.data[2]).toBeCloseTo(0.3, 15);
    expect(Math.abs(eigh(g).values[0])).toBeLessThan(1e-14);
    expect(Math.abs(eigh(g).values[1])).toBeLessThan(1e-14);
  });
});
