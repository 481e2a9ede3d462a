import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/errors.ts';
import { arcCosineKernel, arcJ, arcJPrime } from '../../../src/kernels/arcCosineKernel.ts';
import { angleState } from '../../../src/kernels/numerics.ts';
import { allClose } from '../../helpers/allClose.ts';

describe('arcCosineKernel', () => {
  it('should give 1 − θ/π, ‖x‖‖z‖J₁/π and ‖x‖²‖z‖²J₂/π at θ = 0, π/2, π', () => {
    const x = [[2, 0]];
    const z = [
      [3, 0],
      [0, 3],
      [-3, 0],
    ];
    expect(allClose(arcCosineKernel({ degree: 0 })(x, z).data, [1, 0.5, 0], { rtol: 1e-15 })).toEqual({
      ok: true,
    });
    // J₁(0) = π, J₁(π/2) = 1, J₁(π) = 0
    expect(allClose(arcCosineKernel({ degree: 1 })(x, z).data, [6, 6 / Math.PI, 0], { rtol: 1e-15 })).toEqual(
      {
        ok: true,
      },
    );
    // J₂(0) = 3π, J₂(π/2) = π/2, J₂(π) = 0
    expect(allClose(arcCosineKernel({ degree: 2 })(x, z).data, [108, 18, 0], { rtol: 1e-15 })).toEqual({
      ok: true,
    });
  });

  it('should have diagonals 1, ‖x‖², 3‖x‖⁴ and a zero-row convention θ = π/2', () => {
    const x = [
      [1, 2],
      [0, 0],
    ];
    expect(Array.from(arcCosineKernel({ degree: 0 }).diag(x))).toEqual([1, 1]);
    expect(Array.from(arcCosineKernel({ degree: 1 }).diag(x))).toEqual([5, 0]);
    expect(Array.from(arcCosineKernel({ degree: 2 }).diag(x))).toEqual([75, 0]);
    expect(Array.from(arcCosineKernel({ degree: 0 })(x).data)).toEqual([1, 0.5, 0.5, 1]);
  });

  it('should vanish like (π − θ)³/(3π) and 4(π − θ)⁵/(15π) near θ = π with full relative accuracy', () => {
    for (const phi of [1e-2, 1e-4, 1e-7]) {
      const z = [[-Math.cos(phi), Math.sin(phi)]];
      // exact angle of the float pair is φ to ~1e-16 absolute; series to 3 terms
      const k1 = arcCosineKernel({ degree: 1 })([[1, 0]], z).data[0];
      const k2 = arcCosineKernel({ degree: 2 })([[1, 0]], z).data[0];
      const nz = Math.hypot(z[0][0], z[0][1]);
      const p = Math.atan2(z[0][1], -z[0][0]);
      const e1 = (nz * (p ** 3 / 3 - p ** 5 / 30)) / Math.PI;
      const e2 = (nz * nz * ((4 * p ** 5) / 15 - (16 * p ** 7) / 315)) / Math.PI;
      expect(allClose([k1, k2], [e1, e2], { rtol: 1e-9 })).toEqual({ ok: true });
    }
  });

  it('should have J′ equal to the derivative of J (J₂′ = −4 sin θ·J₁)', () => {
    const ang = new Float64Array(6);
    for (const theta of [0.3, 1.2, 2.9]) {
      const h = 1e-6;
      const J = (t: number, n: 0 | 1 | 2) => {
        angleState(1 - Math.cos(t), 1 + Math.cos(t), ang);
        return arcJ(n, ang);
      };
      for (const n of [0, 1, 2] as const) {
        angleState(1 - Math.cos(theta), 1 + Math.cos(theta), ang);
        const d = arcJPrime(n, ang);
        const fd = (J(theta + h, n) - J(theta - h, n)) / (2 * h);
        expect(allClose([d], [fd], { rtol: 1e-7, atol: 1e-9 })).toEqual({ ok: true });
      }
    }
  });

  it('should give input gradients equal to central finite differences', () => {
    const z = [
      [1, 2, 3],
      [-1, 0.5, 2],
    ];
    const x = [[0.3, -0.2, 1]];
    for (const degree of [0, 1, 2] as const) {
      const k = arcCosineKernel({ degree });
      const g = k.inputGradient(x, z, [1, -0.5]);
      const h = 1e-6;
      const fd = [0, 1, 2].map((c) => {
        const p = x[0].slice();
        const m = x[0].slice();
        p[c] += h;
        m[c] -= h;
        const kp = k([p], z).data;
        const km = k([m], z).data;
        return (kp[0] - km[0] - 0.5 * (kp[1] - km[1])) / (2 * h);
      });
      expect(allClose(g.data, fd, { rtol: 1e-6, atol: 1e-8 })).toEqual({ ok: true });
    }
  });

  it('should reject degrees other than 0, 1, 2', () => {
    expect(() => arcCosineKernel({ degree: 3 as 2 })).toThrow(DomainError);
    expect(() => arcCosineKernel({ degree: 3 as 2 })).toThrow(
      /options\.degree must be one of 0, 1, 2 \(got 3\)/,
    );
  });
});
