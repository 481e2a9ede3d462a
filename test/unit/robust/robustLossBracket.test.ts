import { describe, expect, it } from 'vitest';
import { circleData } from '../../../proofs-checks/shared/circleData.ts';
import { arcConstants } from '../../../src/certify/arcConstants.ts';
import { netNodeBound } from '../../../src/certify/netNodeBound.ts';
import { twoLayerPiecewise } from '../../../src/certify/piecewiseNet.ts';
import { ArgumentTypeError, DomainError, ShapeError } from '../../../src/errors.ts';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { loss } from '../../../src/nn/loss.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { robustLossBracket } from '../../../src/robust/index.ts';
import type { DifferentiableModel, Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

const { x: cx, y: cy } = circleData(8);

/** f(x) = w·x, not a recognised network. */
function linear(w: number[]): DifferentiableModel {
  const d = w.length;
  return {
    inputDim: d,
    predict: (x: Mat) =>
      Float64Array.from({ length: x.rows }, (_, i) => {
        let s = 0;
        for (let j = 0; j < d; j++) s += w[j] * x.data[i * d + j];
        return s;
      }),
    inputGradient: (x: Mat, up?: Float64Array) => ({
      rows: x.rows,
      cols: d,
      data: Float64Array.from({ length: x.rows * d }, (_, k) => (up ? up[Math.floor(k / d)] : 1) * w[k % d]),
    }),
  };
}

describe('robustLossBracket', () => {
  it('should give lower = upper = clean loss with method exact for ρ = 0', () => {
    const models: DifferentiableModel[] = [
      twoLayerNet({ inputDim: 2, width: 16, activation: 'softplus', seed: 3 }),
      fcReluNet({ inputDim: 2, width: 8, depth: 2, bStd: 0.5, seed: 3 }),
      linear([1, -2]),
    ];
    for (const m of models) {
      for (const kind of ['linf', 'l2', 'cap'] as const) {
        const b = robustLossBracket(m, cx, cy, { set: { kind, radius: 0 }, loss: 'logistic' });
        const f = m.predict(cx);
        const clean = Float64Array.from(f, (v, i) => loss('logistic').value(v, cy[i]));
        // Cap rows are renormalised to unit norm exactly, which may move the last bit.
        expect(allClose(b.lower, clean, { rtol: 1e-14 }).ok).toBe(true);
        expect(Array.from(b.upper)).toEqual(Array.from(b.lower));
        expect(b.method.every((s) => s === 'exact')).toBe(true);
        expect(b.gap).toBe(0);
      }
    }
  });

  it('should report upper = +∞ and method none for an unsupported model, with the exact lower end', () => {
    // Linear model, ℓ∞ ball: the exact robust square loss is (|y − w·x| + ρ‖w‖₁)².
    const w = [2, -1];
    const x = [
      [0.3, 0.1],
      [-0.2, 0.5],
    ];
    const y = [1, -1];
    const rho = 0.1;
    const b = robustLossBracket(linear(w), x, y, { set: { kind: 'linf', radius: rho } });
    expect(b.method).toEqual(['none', 'none']);
    expect(b.upper.every((u) => u === Number.POSITIVE_INFINITY)).toBe(true);
    expect(b.meanUpper).toBe(Number.POSITIVE_INFINITY);
    const exact = x.map((xi, i) => (Math.abs(y[i] - (w[0] * xi[0] + w[1] * xi[1])) + rho * 3) ** 2);
    expect(allClose(b.lower, exact, { rtol: 1e-9 }).ok).toBe(true);
  });

  it('should be exact (lower = upper to 1e-9) for a width-1 ReLU net that is linear on the set', () => {
    const net = twoLayerNet({ inputDim: 3, width: 1, activation: 'relu', seed: 5 });
    const w = Array.from(net.W.data);
    const nw = Math.hypot(...w);
    const x = [w.map((v) => (2 * v) / nw)]; // w·x = 2‖w‖ ≫ ρ‖w‖₁: the unit stays active on the set
    for (const kind of ['linf', 'l2'] as const) {
      for (const y of [-3, 5]) {
        // FGSM's single step along ±w reaches the exact maximiser of a linear model in both balls.
        const b = robustLossBracket(net, x, [y], {
          set: { kind, radius: 0.05 },
          attack: { kind: 'fgsm' },
          targets: 'real',
        });
        expect(['ibp', 'linear']).toContain(b.method[0]);
        const r = allClose(b.upper, b.lower, { rtol: 1e-9 });
        expect(r.ok, JSON.stringify(r)).toBe(true);
      }
    }
  });

  it('should bound |g′| and |g″| along the arc by the slope and curvature constants (finite differences, width 1 and 30)', () => {
    for (const activation of ['softplus', 'relu2'] as const) {
      for (const width of [1, 30]) {
        for (const seed of [1, 2, 3]) {
          const net = twoLayerNet({ inputDim: 2, width, activation, seed });
          const th = 0.7;
          const rho = 0.3;
          const x0 = Float64Array.of(Math.cos(th), Math.sin(th));
          const view = twoLayerPiecewise(2, activation, net.W.data, net.a);
          const r = 2 * Math.sin(rho / 2);
          const dom = {
            kind: 'cap' as const,
            x: x0,
            rho,
            lo: x0.map((v) => Math.max(v - r, -1)),
            hi: x0.map((v) => Math.min(v + r, 1)),
            full: true,
          };
          const root = netNodeBound(view, dom, 1, null, false);
          const k = arcConstants(view, root);
          const b = {
            curvature: k.curvature,
            slope: k.slope,
            lo: root.linear,
            hi: -netNodeBound(view, dom, -1, null, false).linear,
          };
          const N = 2001;
          const h = (2 * rho) / (N - 1);
          const pts = new Float64Array(2 * N);
          for (let k = 0; k < N; k++) {
            pts[2 * k] = Math.cos(th - rho + k * h);
            pts[2 * k + 1] = Math.sin(th - rho + k * h);
          }
          const f = net.predict({ rows: N, cols: 2, data: pts });
          let second = 0;
          let fmin = Number.POSITIVE_INFINITY;
          let fmax = Number.NEGATIVE_INFINITY;
          for (let k = 0; k < N; k++) {
            fmin = Math.min(fmin, f[k]);
            fmax = Math.max(fmax, f[k]);
            if (k > 0 && k < N - 1)
              second = Math.max(second, Math.abs(f[k + 1] - 2 * f[k] + f[k - 1]) / (h * h));
          }
          expect(b.curvature).toBeGreaterThanOrEqual(second * (1 - 1e-3));
          let first = 0;
          for (let k = 1; k < N; k++) first = Math.max(first, Math.abs(f[k] - f[k - 1]) / h);
          expect(b.slope).toBeGreaterThanOrEqual(first * (1 - 1e-3));
          expect(b.lo).toBeLessThanOrEqual(fmin);
          expect(b.hi).toBeGreaterThanOrEqual(fmax);
        }
      }
    }
  });

  it('should shrink the gap to 0 as ρ → 0 (first pass only, all set kinds)', () => {
    const models: DifferentiableModel[] = [
      twoLayerNet({ inputDim: 3, width: 30, activation: 'softplus', seed: 8 }),
      fcReluNet({ inputDim: 3, width: 12, depth: 2, bStd: 0.2, seed: 8 }),
    ];
    const x = [
      [0.6, 0, 0.8],
      [0, -1, 0],
      [0.48, 0.6, -0.64],
    ];
    const y = [1, -1, 0.5];
    for (const m of models) {
      for (const kind of ['linf', 'l2', 'cap'] as const) {
        const gaps = [1e-1, 1e-2, 1e-3].map(
          (radius) =>
            robustLossBracket(m, x, y, {
              set: { kind, radius },
              loss: 'square',
              targets: 'real',
              maxNodes: 0,
            }).gap,
        );
        expect(gaps[0]).toBeGreaterThan(0);
        expect(gaps[2]).toBeLessThan(gaps[1]);
        expect(gaps[1]).toBeLessThan(gaps[0]);
        expect(gaps[2]).toBeLessThan(0.05 * gaps[0]);
      }
    }
  });

  it('should throw typed errors at the boundary', () => {
    const net = twoLayerNet({ inputDim: 2, width: 4, seed: 1 });
    const set = { kind: 'cap', radius: 0.1 } as const;
    expect(() => robustLossBracket(net, cx, cy, { set, gridPoints: 1 })).toThrow(DomainError);
    expect(() => robustLossBracket(net, [[1, 0, 0]], [1], { set })).toThrow(ShapeError);
    expect(() => robustLossBracket(net, cx, [1, 2], { set })).toThrow(ShapeError);
    expect(() => robustLossBracket(net, [[2, 0]], [1], { set })).toThrow(DomainError);
    expect(() => robustLossBracket(net, cx, cy, { set: { kind: 'l2', radius: -1 } })).toThrow(DomainError);
    expect(() => robustLossBracket(net, cx, cy, undefined as never)).toThrow(ArgumentTypeError);
    expect(() => robustLossBracket({} as never, cx, cy, { set })).toThrow(ArgumentTypeError);
  });
});
