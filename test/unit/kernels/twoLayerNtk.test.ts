import { describe, expect, it } from 'vitest';
import { DomainError, ShapeError } from '../../../src/errors.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { allClose } from '../../helpers/allClose.ts';

const TWO_PI = 2 * Math.PI;

describe('twoLayerNtk', () => {
  it('should give the ReLU closed forms on orthogonal, parallel and antiparallel inputs', () => {
    // x = e₁, z ∈ {e₂, 2e₁, −2e₁}: θ = π/2, 0, π
    const z = [
      [0, 1],
      [2, 0],
      [-2, 0],
    ];
    const first = twoLayerNtk({ activation: 'relu', train: 'first' })([[1, 0]], z);
    const both = twoLayerNtk({ activation: 'relu', train: 'both' })([[1, 0]], z);
    // nngp = ‖x‖‖z‖J₁/(2π): 1/(2π), 2π/(2π) = 1, 0
    expect(allClose(first.nngp.data, [1 / TWO_PI, 1, 0], { rtol: 1e-15 })).toEqual({ ok: true });
    // first: (x·z)(π − θ)/(2π): 0, 1, 0
    expect(allClose(first.ntk.data, [0, 1, 0], { rtol: 1e-15, atol: 1e-300 })).toEqual({ ok: true });
    expect(allClose(both.ntk.data, [1 / TWO_PI, 2, 0], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(first.nngp.data[2]).toBe(0);
  });

  it('should give the ReLU² closed forms, including 4(x·z)‖x‖‖z‖J₁/(2π)', () => {
    // x = e₁, z = (1, 1): θ = π/4, ‖z‖ = √2; J₁ = sin θ + (3π/4)cos θ; J₂ = 3 sin θ cos θ + (3π/4)(1 + 2cos²θ)
    const s = Math.SQRT1_2;
    const j1 = s + (3 * Math.PI * s) / 4;
    const j2 = 1.5 + (3 * Math.PI * 2) / 4;
    const r = twoLayerNtk({ activation: 'relu2', train: 'both' })([[1, 0]], [[1, 1]]);
    const nngp = (2 * j2) / TWO_PI;
    const first = (4 * 1 * Math.SQRT2 * j1) / TWO_PI;
    expect(allClose(r.nngp.data, [nngp], { rtol: 1e-14 })).toEqual({ ok: true });
    expect(allClose(r.ntk.data, [first + nngp], { rtol: 1e-14 })).toEqual({ ok: true });
  });

  it('should have the diagonal ‖x‖²/2 (ReLU) and 3‖x‖⁴/2, 2‖x‖⁴ (ReLU²)', () => {
    const x = [
      [3, 4],
      [0, 0],
    ];
    const relu = twoLayerNtk().diag(x);
    expect(Array.from(relu.ntk)).toEqual([12.5, 0]);
    expect(Array.from(relu.nngp)).toEqual([12.5, 0]);
    const q = twoLayerNtk({ activation: 'relu2', train: 'both' }).diag(x);
    expect(Array.from(q.nngp)).toEqual([937.5, 0]);
    expect(Array.from(q.ntk)).toEqual([1250 + 937.5, 0]);
    // and the Gram diagonal equals diag() exactly
    const g = twoLayerNtk({ activation: 'relu2', train: 'both' })(x);
    expect(g.ntk.data[0]).toBe(q.ntk[0]);
  });

  it('should be valid for any input norm (no 1/d, scales like ‖x‖‖z‖ or ‖x‖²‖z‖²)', () => {
    const k = twoLayerNtk({ activation: 'relu', train: 'both' });
    const a = k([[0.3, -0.4, 1.2]], [[1, 1, 1]]).ntk.data[0];
    const b = k([[3e5, -4e5, 1.2e6]], [[1e-3, 1e-3, 1e-3]]).ntk.data[0];
    expect(allClose([b], [a * 1e3], { rtol: 1e-13 })).toEqual({ ok: true });
    const q = twoLayerNtk({ activation: 'relu2' });
    const qa = q([[0.3, -0.4, 1.2]], [[1, 1, 1]]).ntk.data[0];
    const qb = q([[3, -4, 12]], [[1, 1, 1]]).ntk.data[0];
    expect(allClose([qb], [qa * 100], { rtol: 1e-13 })).toEqual({ ok: true });
  });

  it('should give input gradients equal to central finite differences for every variant', () => {
    const z = [
      [1, 2, 3],
      [-1, 0.5, 2],
      [0.2, -1, 0.1],
    ];
    const alpha = [1, -2, 0.5];
    const x = [[0.3, -0.2, 1]];
    for (const activation of ['relu', 'relu2'] as const)
      for (const train of ['first', 'both'] as const)
        for (const get of ['nngp', 'ntk'] as const) {
          const k = twoLayerNtk({ activation, train });
          const g = k.inputGradient(x, z, alpha, { get });
          const h = 1e-6;
          const fd = [0, 1, 2].map((c) => {
            const p = x[0].slice();
            const m = x[0].slice();
            p[c] += h;
            m[c] -= h;
            const kp = k([p], z)[get].data;
            const km = k([m], z)[get].data;
            return alpha.reduce((s, a, j) => s + a * (kp[j] - km[j]), 0) / (2 * h);
          });
          expect(allClose(g.data, fd, { rtol: 1e-6, atol: 1e-7 })).toEqual({ ok: true });
        }
  });

  it('should give the subgradient φ/(2π)·z + 0·w at x ∥ z for the first-layer ReLU NTK', () => {
    // H = (x·z)(π − θ)/(2π): at x = 2z the θ-direction is a kink; the returned gradient is (π/(2π))·z = z/2
    const k = twoLayerNtk();
    const g = k.inputGradient([[2, 4]], [[1, 2]]);
    expect(allClose(g.data, [0.5, 1], { rtol: 1e-15 })).toEqual({ ok: true });
  });

  it('should throw typed errors for unknown options and bad inputs', () => {
    expect(() => twoLayerNtk({ activation: 'tanh' as 'relu' })).toThrow(DomainError);
    expect(() => twoLayerNtk({ train: 'second' as 'first' })).toThrow(/options\.train must be one of/);
    expect(() => twoLayerNtk({ m: 5 } as unknown as { train: 'first' })).toThrow(DomainError);
    expect(() => twoLayerNtk()([[1, 2]], [[1, 2, 3]])).toThrow(ShapeError);
  });

  it('should return a finite PSD Gram for rows with tiny entries (pinned property counterexample)', () => {
    const x = [
      [0, 0, 0],
      [0, 0, 0],
      [-1.4707615104523905e-84, 0, 4.763148940813275],
      [0, -4.995038335030705e-135, 3.814745422663927e-191],
      [0, 0, -4.4064685958473505e-36],
    ];
    const g = twoLayerNtk({ activation: 'relu2', train: 'first' })(x);
    for (const v of [...g.nngp.data, ...g.ntk.data]) expect(Number.isFinite(v)).toBe(true);
  });
});
