import { describe, expect, it } from 'vitest';
import { AbortError, ArgumentTypeError, DomainError, ShapeError } from '../../../src/errors.ts';
import { appendBias } from '../../../src/kernels/appendBias.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { cholesky } from '../../../src/linalg/cholesky.ts';
import { createRng } from '../../../src/random/rng.ts';
import { type KernelFunction, robustInterpolate } from '../../../src/robust/robustInterpolate.ts';
import type { KernelPair, Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

const six = [0, 1, 2, 3, 4, 5].map((k) => [Math.cos((k * Math.PI) / 3), Math.sin((k * Math.PI) / 3)]);
const alternating = [1, -1, 1, -1, 1, -1];
const h = twoLayerNtk({ activation: 'relu', train: 'first' });
/** First-layer ReLU NTK on (x, 1)/√2, without a closed-form gradient (finite differences are used). */
const biasKernel: KernelFunction = (x1: Mat, x2?: Mat): KernelPair =>
  x2 === undefined ? h(appendBias(x1)) : h(appendBias(x1), appendBias(x2));

function arcPoints(rho: number, perArc: number, seed: number): { x: Mat; y: Float64Array } {
  const rng = createRng(seed);
  const data = new Float64Array(6 * perArc * 2);
  const y = new Float64Array(6 * perArc);
  for (let i = 0; i < 6; i++) {
    for (let s = 0; s < perArc; s++) {
      const phi = (i * Math.PI) / 3 + rho * (2 * rng.uniform() - 1);
      const q = i * perArc + s;
      data[2 * q] = Math.cos(phi);
      data[2 * q + 1] = Math.sin(phi);
      y[q] = alternating[i];
    }
  }
  return { x: { rows: 6 * perArc, cols: 2, data }, y };
}

describe('robustInterpolate', () => {
  it('should fit the whole arcs on the circle to the tolerance and reproduce the reference norm', () => {
    const r = robustInterpolate(six, alternating, {
      kernel: biasKernel,
      set: { kind: 'cap', radius: 0.3 },
      tolerance: 1e-3,
    });
    expect(r.converged).toBe(true);
    expect(r.reason).toBe('converged');
    expect(r.maxViolation).toBeLessThanOrEqual(1e-3);
    // NumPy prototype (check C7, docs/verification.md): ≈ 14.5 at ρ = 0.3
    expect(allClose([r.rkhsNorm], [14.52], { rtol: 0.01 })).toEqual({ ok: true });
    const fresh = arcPoints(0.3, 300, 1);
    const f = r.predictor.predict(fresh.x);
    expect(allClose(f, fresh.y, { atol: 2e-3 })).toEqual({ ok: true });
  });

  it('should have a non-decreasing RKHS norm as the arcs grow', () => {
    const norms = [0, 0.2, 0.4, 0.5].map(
      (rho) =>
        robustInterpolate(six, alternating, { kernel: biasKernel, set: { kind: 'cap', radius: rho } })
          .rkhsNorm,
    );
    for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeGreaterThanOrEqual(norms[i - 1]);
    expect(norms[3] / norms[0]).toBeGreaterThan(4);
  });

  it('should equal plain kernel interpolation when the radius is 0', () => {
    const r = robustInterpolate(six, alternating, { kernel: biasKernel, set: { kind: 'l2', radius: 0 } });
    const K = biasKernel({ rows: 6, cols: 2, data: Float64Array.from(six.flat()) }).ntk;
    const alpha = cholesky(K).solve(alternating);
    expect(allClose(r.alpha, alpha, { rtol: 1e-10, atol: 1e-12 })).toEqual({ ok: true });
    const q = alpha.reduce((s, a, i) => s + a * alternating[i], 0);
    expect(allClose([r.rkhsNorm], [Math.sqrt(q)], { rtol: 1e-10 })).toEqual({ ok: true });
    expect(r.iterations).toBe(0);
  });

  it('should converge on ℓ2 balls in d = 3 using the kernel closed-form gradient', () => {
    const x = [
      [0, 0, 0],
      [3, 0, 0],
      [0, 3, 0],
    ];
    const r = robustInterpolate(x, [1, -1, 1], {
      kernel: fcReluKernel({ depth: 1, bStd: 1 }),
      set: { kind: 'l2', radius: 0.5 },
      tolerance: 0.05,
      seed: 3,
    });
    expect(r.converged).toBe(true);
    // random points of the balls: the attack-based sup is a lower bound, so allow some slack
    const rng = createRng(9);
    const pts: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (let s = 0; s < 100; s++) {
        const g = [rng.normal(), rng.normal(), rng.normal()];
        const n = Math.hypot(...g);
        const rad = 0.5 * rng.uniform() ** (1 / 3);
        pts.push(x[i].map((v, j) => v + (rad * g[j]) / n));
        ys.push([1, -1, 1][i]);
      }
    }
    const f = r.predictor.predict({ rows: 300, cols: 3, data: Float64Array.from(pts.flat()) });
    expect(allClose(f, ys, { atol: 0.1 })).toEqual({ ok: true });
  });

  it('should converge on ℓ∞ boxes', () => {
    const r = robustInterpolate(
      [
        [0, 0],
        [2, 2],
      ],
      [1, -1],
      {
        kernel: fcReluKernel({ depth: 2, bStd: 0.5 }),
        set: { kind: 'linf', radius: 0.3 },
        tolerance: 0.05,
        seed: 1,
      },
    );
    expect(r.converged).toBe(true);
    const corners = r.predictor.predict({
      rows: 4,
      cols: 2,
      data: Float64Array.from([0.3, 0.3, -0.3, 0.3, 2.3, 1.7, 1.7, 1.7]),
    });
    expect(allClose(corners, [1, 1, -1, -1], { atol: 0.1 })).toEqual({ ok: true });
  });

  it('should report failure when differently labelled caps overlap', () => {
    const r = robustInterpolate(six, alternating, {
      kernel: biasKernel,
      set: { kind: 'cap', radius: 0.6 },
      maxIterations: 5,
    });
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('sets-overlap');
    expect(r.maxViolation).toBeGreaterThan(0.5);
  });

  it('should report max-iterations when the budget is too small', () => {
    const r = robustInterpolate(six, alternating, {
      kernel: biasKernel,
      set: { kind: 'cap', radius: 0.5 },
      tolerance: 1e-6,
      maxIterations: 1,
    });
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('max-iterations');
    expect(r.history.length).toBe(2);
  });

  it('should give a predictor whose input gradient matches finite differences and scales with upstream', () => {
    const r = robustInterpolate(
      [
        [0, 0],
        [2, 1],
      ],
      [1, -1],
      {
        kernel: fcReluKernel({ depth: 1, bStd: 1 }),
        set: { kind: 'l2', radius: 0.2 },
        tolerance: 0.05,
      },
    );
    const p = [
      [0.5, -0.3],
      [1.2, 0.9],
    ];
    const g = r.predictor.inputGradient({ rows: 2, cols: 2, data: Float64Array.from(p.flat()) });
    const fd: number[] = [];
    const eps = 1e-6;
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const a = p[i].slice();
        const b = p[i].slice();
        a[j] += eps;
        b[j] -= eps;
        const f = r.predictor.predict({ rows: 2, cols: 2, data: Float64Array.from([...a, ...b]) });
        fd.push((f[0] - f[1]) / (2 * eps));
      }
    }
    expect(allClose(g.data, fd, { rtol: 1e-5, atol: 1e-7 })).toEqual({ ok: true });
    const g2 = r.predictor.inputGradient(
      { rows: 2, cols: 2, data: Float64Array.from(p.flat()) },
      Float64Array.from([2, -1]),
    );
    expect(
      allClose(g2.data, [2 * g.data[0], 2 * g.data[1], -g.data[2], -g.data[3]], { rtol: 1e-14 }),
    ).toEqual({ ok: true });
  });

  it('should reject bad input with typed errors', () => {
    const set = { kind: 'cap', radius: 0.1 } as const;
    expect(() => robustInterpolate(six, [1, -1], { kernel: biasKernel, set })).toThrow(ShapeError);
    expect(() =>
      robustInterpolate(six, alternating, { kernel: biasKernel, set: { kind: 'l2', radius: -1 } }),
    ).toThrow(DomainError);
    expect(() =>
      robustInterpolate([[2, 0]], [1], { kernel: biasKernel, set: { kind: 'cap', radius: 0.1 } }),
    ).toThrow(DomainError);
    expect(() =>
      robustInterpolate(six, alternating, { kernel: 3 as unknown as KernelFunction, set }),
    ).toThrow(ArgumentTypeError);
    expect(() =>
      robustInterpolate(six, alternating, { kernel: biasKernel, set: { kind: 'l1' as 'l2', radius: 0.1 } }),
    ).toThrow(DomainError);
    expect(() => robustInterpolate(six, alternating, { kernel: biasKernel, set, tolerance: 0 })).toThrow(
      DomainError,
    );
  });

  it('should stop with AbortError when the signal is aborted', () => {
    const c = new AbortController();
    c.abort();
    expect(() =>
      robustInterpolate(six, alternating, {
        kernel: biasKernel,
        set: { kind: 'cap', radius: 0.1 },
        signal: c.signal,
      }),
    ).toThrow(AbortError);
  });
});
