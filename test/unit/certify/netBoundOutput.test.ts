import { describe, expect, it } from 'vitest';
import { setViolation } from '../../../src/attacks/setViolation.ts';
import { DomainError, ShapeError } from '../../../src/errors.ts';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';

describe('boundOutput (networks)', () => {
  it('should reach the exact minimum of a 1-neuron ReLU net on ℓ∞ and ℓ₂ balls (first pass ≤ exact, BaB within tolerance)', () => {
    // f(x) = a·relu(w·x): min over the ℓ∞ ball of s·f is s·a·relu(w·x ∓ ρ‖w‖₁) at the extreme end.
    for (const seed of [1, 2, 3, 4]) {
      const net = twoLayerNet({ inputDim: 3, width: 1, activation: 'relu', seed });
      const w = Array.from(net.W.data);
      const a = net.a[0];
      const x = [0.3, -0.2, 0.1];
      const wx = w.reduce((s, v, j) => s + v * x[j], 0);
      for (const [kind, dual] of [
        ['linf', w.reduce((s, v) => s + Math.abs(v), 0)],
        ['l2', Math.hypot(...w)],
      ] as const) {
        for (const sign of [1, -1]) {
          const rho = 0.2;
          const ends = [wx - rho * dual, wx + rho * dual].map((z) => sign * a * Math.max(z, 0));
          // relu is monotone, so s·a·relu(w·x') over the interval of w·x' is smallest at an end.
          const exact = Math.min(...ends);
          const o = { set: { kind, radius: rho }, sign: Float64Array.of(sign) };
          const first = net.boundOutput([x], { ...o, maxNodes: 0 }).lower[0];
          const bab = net.boundOutput([x], { ...o, tolerance: 1e-6, maxNodes: 5000 });
          expect(first).toBeLessThanOrEqual(exact + 1e-12);
          expect(bab.lower[0]).toBeLessThanOrEqual(exact + 1e-12);
          expect(exact - bab.lower[0]).toBeLessThanOrEqual(1e-6 + 1e-12);
        }
      }
    }
  });

  it('should be exact (to rounding) for a depth-0 fcReluNet, which is linear', () => {
    const net = fcReluNet({ inputDim: 4, width: 3, depth: 0, bStd: 1, seed: 2 });
    const x = [[0.5, -0.5, 0.5, -0.5]];
    const f0 = net.predict(x)[0];
    const g = net.inputGradient(x).data;
    const l1 = g.reduce((s, v) => s + Math.abs(v), 0);
    const r = net.boundOutput(x, {
      set: { kind: 'linf', radius: 0.1 },
      sign: Float64Array.of(1),
      maxNodes: 0,
    });
    // Exact up to the documented outward margins: 1e-12·(d + 1) + 1e-13·(fan + 2) relative to the magnitudes.
    expect(r.lower[0]).toBeLessThanOrEqual(f0 - 0.1 * l1);
    expect(f0 - 0.1 * l1 - r.lower[0]).toBeLessThanOrEqual(1e-11 * (1 + Math.abs(f0) + l1 + 2));
  });

  it('should tighten CROWN over IBP and close the gap with branch-and-bound (width-30 ReLU net, d = 3)', () => {
    const net = twoLayerNet({ inputDim: 3, width: 30, activation: 'relu', seed: 7 });
    const x = [[0.4, 0.1, -0.3]];
    const o = { set: { kind: 'linf' as const, radius: 0.3 }, sign: Float64Array.of(1) };
    const first = net.boundOutput(x, { ...o, maxNodes: 0 });
    const bab = net.boundOutput(x, { ...o, maxNodes: 4000, tolerance: 1e-4 });
    expect(first.method[0]).toBe('linear');
    expect(bab.method[0]).toBe('bab');
    expect(bab.lower[0]).toBeGreaterThan(first.lower[0]);
    // A dense grid of the 3-d box gives an attained value; BaB must be within tolerance of the true min.
    let min = Number.POSITIVE_INFINITY;
    const K = 41;
    const pts: number[][] = [];
    for (let i = 0; i < K; i++)
      for (let j = 0; j < K; j++)
        for (let k = 0; k < K; k++)
          pts.push([
            0.4 + 0.3 * ((2 * i) / (K - 1) - 1),
            0.1 + 0.3 * ((2 * j) / (K - 1) - 1),
            -0.3 + 0.3 * ((2 * k) / (K - 1) - 1),
          ]);
    for (const v of net.predict(pts)) min = Math.min(min, v);
    expect(bab.lower[0]).toBeLessThanOrEqual(min);
    expect(bab.nodes[0]).toBeGreaterThan(0);
  });

  it('should return search points inside the set with s·f(point) ≥ the certified bound', () => {
    const net = twoLayerNet({ inputDim: 4, width: 20, activation: 'softplus', seed: 3 });
    const x = { rows: 2, cols: 4, data: Float64Array.of(0.5, -0.5, 0.5, -0.5, 0.1, 0.2, 0.3, 0.9) };
    for (const set of [
      { kind: 'linf', radius: 0.2 },
      { kind: 'l2', radius: 0.3 },
    ] as const) {
      for (const s of [1, -1]) {
        const sign = Float64Array.of(s, s);
        const r = net.boundOutput(x, { set, sign, maxNodes: 50 });
        expect(r.points).toBeDefined();
        if (r.points === undefined) continue;
        expect(setViolation(x, r.points, { set }).max).toBeLessThanOrEqual(1e-12);
        const f = net.predict(r.points);
        for (let i = 0; i < 2; i++) expect(s * f[i]).toBeGreaterThanOrEqual(r.lower[i]);
      }
    }
  });

  it('should throw typed errors at the boundary', () => {
    const net = twoLayerNet({ inputDim: 2, width: 4, seed: 1 });
    const sign = Float64Array.of(1);
    const set = { kind: 'linf' as const, radius: 0.1 };
    expect(() => net.boundOutput([[1, 0, 0]], { set, sign })).toThrow(ShapeError);
    expect(() => net.boundOutput([[1, 0]], { set, sign: Float64Array.of(1, 1) })).toThrow(ShapeError);
    expect(() => net.boundOutput([[1, 0]], { set, sign: Float64Array.of(2) })).toThrow(DomainError);
    expect(() => net.boundOutput([[2, 0]], { set: { kind: 'cap', radius: 0.1 }, sign })).toThrow(DomainError);
    expect(() => net.boundOutput([[2, 0]], { set, sign, box: { lower: 0, upper: 1 } })).toThrow(DomainError);
    expect(() => net.boundOutput([[1, 0]], { set, sign, maxNodes: -1 })).toThrow(DomainError);
  });
});
