/**
 * Single-layer closed forms against 160-digit references computed with mathjs BigNumber, at angles down to
 * 2^-40 from ρ = +1 and ρ = −1, where cancellation-prone formulas lose every digit. The inputs are dyadic
 * rationals, so their decimal strings are exact and the reference sees the very same numbers as the kernel.
 */
import { all, type BigNumber, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { arcCosineKernel } from '../../../src/kernels/arcCosineKernel.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';

// 160 digits: near θ = π, J₂ ≈ 4(π − θ)⁵/15 ≈ 1e-61 is what remains after O(1) terms cancel.
const math = create(all, { number: 'BigNumber', precision: 160 });
const big = (v: number | string): BigNumber => math.bignumber(v);

interface Reference {
  j0: BigNumber; // π − θ
  j1: BigNumber; // sin θ + (π − θ) cos θ
  j2: BigNumber; // 3 sin θ cos θ + (π − θ)(1 + 2 cos² θ)
  nx: BigNumber; // ‖x‖
  nz: BigNumber; // ‖z‖
  dot: BigNumber; // x·z
}

/** θ and the J_n for 2-vectors, all in 160-digit arithmetic. */
function reference(x: readonly number[], z: readonly number[]): Reference {
  const [x0, x1, z0, z1] = [x[0], x[1], z[0], z[1]].map((v) => big(v));
  const dot = math.add(math.multiply(x0, z0), math.multiply(x1, z1)) as BigNumber;
  const cross = math.subtract(math.multiply(x0, z1), math.multiply(x1, z0)) as BigNumber;
  const atan2 = math.atan2 as unknown as (y: BigNumber, x: BigNumber) => BigNumber;
  const theta = atan2(cross, dot).abs();
  const pi = math.pi as unknown as BigNumber;
  const j0 = math.subtract(pi, theta) as BigNumber;
  const s = math.sin(theta) as BigNumber;
  const c = math.cos(theta) as BigNumber;
  const j1 = math.add(s, math.multiply(j0, c)) as BigNumber;
  const j2 = math.add(
    math.multiply(big(3), math.multiply(s, c)),
    math.multiply(j0, math.add(big(1), math.multiply(big(2), math.multiply(c, c)))),
  ) as BigNumber;
  const nx = math.sqrt(math.add(math.multiply(x0, x0), math.multiply(x1, x1)) as BigNumber) as BigNumber;
  const nz = math.sqrt(math.add(math.multiply(z0, z0), math.multiply(z1, z1)) as BigNumber) as BigNumber;
  return { j0, j1, j2, nx, nz, dot };
}

const toNum = (b: unknown): number => Number((b as BigNumber).toString());
const div = (a: unknown, b: unknown): BigNumber => math.divide(a as BigNumber, b as BigNumber) as BigNumber;
const mul = (...v: unknown[]): BigNumber =>
  v.reduce((p, q) => math.multiply(p as BigNumber, q as BigNumber)) as BigNumber;
const twoPi = (): BigNumber => mul(big(2), math.pi);

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Pairs at angle ≈ 2^-k from parallel (z = (1.5, 1.5·2^-k)) and from antiparallel (z = (−0.75, 0.75·2^-k)).
const cases: { name: string; x: number[]; z: number[] }[] = [];
for (const k of [0, 4, 12, 20, 30, 40]) {
  const e = 2 ** -k;
  cases.push({ name: `θ ≈ 2^-${k}`, x: [1, 0], z: [1.5, 1.5 * e] });
  cases.push({ name: `π − θ ≈ 2^-${k}`, x: [1, 0], z: [-0.75, 0.75 * e] });
}

describe('closed forms vs 160-digit mathjs BigNumber references', () => {
  it('should give the arc-cosine kernels of degree 0, 1, 2 to 1e-12 relative accuracy at every angle', () => {
    for (const { name, x, z } of cases) {
      const r = reference(x, z);
      const expected = [
        div(r.j0, math.pi),
        div(mul(r.nx, r.nz, r.j1), math.pi),
        div(mul(r.nx, r.nx, r.nz, r.nz, r.j2), math.pi),
      ].map(toNum);
      for (const degree of [0, 1, 2] as const) {
        const got = arcCosineKernel({ degree })([x], [z]).data[0];
        expect(
          relErr(got, expected[degree]),
          `${name}, degree ${degree}: ${got} vs ${expected[degree]}`,
        ).toBeLessThan(1e-12);
      }
    }
  });

  it('should give the depth-1 fc-ReLU NNGP and NTK (d = 2, wStd = 1, bStd = 0) to 1e-12 relative accuracy', () => {
    const kernel = fcReluKernel({ depth: 1, wStd: 1, bStd: 0 });
    for (const { name, x, z } of cases) {
      const r = reference(x, z);
      // Σ⁰ = x·z/d, q = ‖x‖²/d; ReLU: Σ¹ = (‖x‖‖z‖/d)·J₁/(2π), Σ̇ = J₀/(2π); readout: Θ = Σ⁰·Σ̇ + Σ¹.
      const nngp = div(mul(r.nx, r.nz, r.j1), mul(big(2), twoPi()));
      const ntk = math.add(div(mul(r.dot, r.j0), mul(big(2), twoPi())), nngp);
      const got = kernel([x], [z]);
      expect(relErr(got.nngp.data[0], toNum(nngp)), `${name} nngp`).toBeLessThan(1e-12);
      expect(relErr(got.ntk.data[0], toNum(ntk)), `${name} ntk`).toBeLessThan(1e-12);
    }
  });

  it('should give the two-layer paper NTKs (ReLU and ReLU², first layer) to 1e-12 relative accuracy', () => {
    const relu = twoLayerNtk({ activation: 'relu', train: 'first' });
    const relu2 = twoLayerNtk({ activation: 'relu2', train: 'first' });
    for (const { name, x, z } of cases) {
      const r = reference(x, z);
      const hRelu = div(mul(r.dot, r.j0), twoPi());
      const hRelu2 = div(mul(big(4), r.dot, r.nx, r.nz, r.j1), twoPi());
      expect(relErr(relu([x], [z]).ntk.data[0], toNum(hRelu)), `${name} relu`).toBeLessThan(1e-12);
      expect(relErr(relu2([x], [z]).ntk.data[0], toNum(hRelu2)), `${name} relu2`).toBeLessThan(1e-12);
    }
  });
});
