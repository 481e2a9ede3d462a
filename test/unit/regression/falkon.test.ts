import { describe, expect, it } from 'vitest';
import { AbortError, DomainError, ShapeError } from '../../../src/errors.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { createRng } from '../../../src/random/rng.ts';
import { falkon, tryAllocate } from '../../../src/regression/falkon.ts';
import { kernelRidge } from '../../../src/regression/kernelRidge.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

function data(n: number, d: number, seed: number): { x: Mat; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.sin(x[i * d]) + 0.5 * x[i * d + 1] + 0.1 * rng.normal();
  return { x: { rows: n, cols: d, data: x }, y };
}

const kernel = fcReluKernel({ depth: 2, bStd: 0.2 });

describe('falkon', () => {
  const { x, y } = data(120, 5, 1);
  const xt = data(40, 5, 2).x;
  const ridge = 1e-2;

  it('should equal exact kernel ridge regression when every point is a centre', () => {
    const m = falkon(kernel, x, y, { centers: 120, diagReg: ridge, tol: 1e-13, maxIterations: 500 });
    expect(m.converged).toBe(true);
    const exact = kernelRidge(kernel(x).ntk, y, { diagReg: { value: ridge, scale: 'absolute' } });
    const want = exact.predict(kernel(xt, x).ntk).data;
    const got = m.predict(xt).data;
    // CG stops at relative residual 1e-13 of a system with condition number ≤ (λ_max + r)/r ≈ 1e4.
    expect(allClose(got, want, { rtol: 1e-8, atol: 1e-9 }).ok).toBe(true);
    // negative control: a different ridge gives a different predictor at this tolerance
    const other = falkon(kernel, x, y, { centers: 120, diagReg: 2 * ridge, tol: 1e-13, maxIterations: 500 });
    expect(allClose(other.predict(xt).data, want, { rtol: 1e-8, atol: 1e-9 }).ok).toBe(false);
  });

  it('should give the same model cached and streamed, and for 1-row and 7-row blocks', () => {
    const a = falkon(kernel, x, y, { centers: 30, diagReg: ridge, seed: 3 });
    const b = falkon(kernel, x, y, { centers: 30, diagReg: ridge, seed: 3, cacheBytes: 0, blockRows: 7 });
    expect(a.cached).toBe(true);
    expect(b.cached).toBe(false);
    expect(a.iterations).toBeGreaterThan(0);
    expect(Array.from(a.centerIndex)).toEqual(Array.from(b.centerIndex));
    // Block size changes the summation order of K_nMᵀ(K_nM u) only: agreement to CG's tolerance.
    expect(allClose(a.alpha.data, b.alpha.data, { rtol: 1e-6, atol: 1e-8 }).ok).toBe(true);
  });

  it('should handle multi-output targets column by column', () => {
    const y2 = new Float64Array(240);
    for (let i = 0; i < 120; i++) {
      y2[2 * i] = y[i];
      y2[2 * i + 1] = -2 * y[i];
    }
    const m = falkon(
      kernel,
      x,
      { rows: 120, cols: 2, data: y2 },
      { centers: 40, diagReg: ridge, tol: 1e-12 },
    );
    const m1 = falkon(kernel, x, y, { centers: 40, diagReg: ridge, tol: 1e-12 });
    const p = m.predict(xt).data;
    const p1 = m1.predict(xt).data;
    for (let i = 0; i < 40; i++) {
      expect(Math.abs(p[2 * i] - p1[i])).toBeLessThan(1e-8 * (1 + Math.abs(p1[i])));
      expect(Math.abs(p[2 * i + 1] + 2 * p1[i])).toBeLessThan(2e-8 * (1 + Math.abs(p1[i])));
    }
  });

  it('should sample distinct centres by leverage scores, deterministically per seed', () => {
    const a = falkon(kernel, x, y, { centers: 25, sampling: 'leverage', diagReg: ridge, seed: 5 });
    const b = falkon(kernel, x, y, { centers: 25, sampling: 'leverage', diagReg: ridge, seed: 5 });
    expect(new Set(a.centerIndex).size).toBe(25);
    expect(Array.from(a.centerIndex)).toEqual(Array.from(b.centerIndex));
    expect(a.converged).toBe(true);
  });

  it('should report progress and stop on an aborted signal', () => {
    const ctl = new AbortController();
    let calls = 0;
    expect(() =>
      falkon(kernel, x, y, {
        centers: 20,
        blockRows: 16,
        onProgress: (p) => {
          calls++;
          if (p.phase === 'pass' && p.done >= 64) ctl.abort();
        },
        signal: ctl.signal,
      }),
    ).toThrow(AbortError);
    expect(calls).toBeGreaterThan(2);
  });

  it('should validate its arguments', () => {
    expect(() => falkon(kernel, x, y, { centers: 121 })).toThrow(ShapeError);
    expect(() => falkon(kernel, x, y, { diagReg: 0 })).toThrow(DomainError);
    expect(() => falkon(kernel, x, y.subarray(1))).toThrow(ShapeError);
  });

  it('should fall back to streaming K_nM when the cache cannot be allocated (tryAllocate)', () => {
    // 2^53 doubles exceed the engine's typed-array limit: RangeError before any allocation.
    expect(tryAllocate(2 ** 53)).toBeNull();
    expect(Array.from(tryAllocate(3) ?? [])).toEqual([0, 0, 0]);
  });
});
