import { describe, expect, it } from 'vitest';
import {
  angleState,
  inputPairState,
  j2FromPhi,
  rowScales,
  sinMinusTCos,
} from '../../../src/kernels/numerics.ts';
import { allClose } from '../../helpers/allClose.ts';

describe('kernel numerics', () => {
  it('should evaluate sin t − t cos t by series below 1 and match the direct form where both are accurate', () => {
    for (const t of [0.999, 0.7, 0.5]) {
      const direct = Math.sin(t) - t * Math.cos(t);
      expect(allClose([sinMinusTCos(t, Math.sin(t), Math.cos(t))], [direct], { rtol: 1e-14 })).toEqual({
        ok: true,
      });
    }
    // tiny t: t³/3 − t⁵/30, where the direct form has no correct digit
    const t = 1e-6;
    expect(
      allClose([sinMinusTCos(t, Math.sin(t), Math.cos(t))], [t ** 3 / 3 - t ** 5 / 30], { rtol: 1e-15 }),
    ).toEqual({ ok: true });
  });

  it('should evaluate h(φ) = J₂(π − φ) by series below 0.5 and match the direct form above', () => {
    for (const phi of [0.49, 0.3]) {
      const direct = phi * (1 + 2 * Math.cos(phi) ** 2) - 3 * Math.sin(phi) * Math.cos(phi);
      expect(allClose([j2FromPhi(phi, Math.sin(phi), Math.cos(phi))], [direct], { rtol: 1e-12 })).toEqual({
        ok: true,
      });
    }
    const phi = 1e-5;
    expect(
      allClose(
        [j2FromPhi(phi, Math.sin(phi), Math.cos(phi))],
        [(4 * phi ** 5) / 15 - (16 * phi ** 7) / 315],
        {
          rtol: 1e-15,
        },
      ),
    ).toEqual({ ok: true });
  });

  it('should give θ and π − θ with full relative accuracy from (1 − cos θ, 1 + cos θ)', () => {
    const out = new Float64Array(6);
    for (const th of [1e-9, 1e-4, 0.5]) {
      // m = 2 sin²(θ/2) exactly enough; p = 2 cos²(θ/2)
      angleState(2 * Math.sin(th / 2) ** 2, 2 * Math.cos(th / 2) ** 2, out);
      expect(allClose([out[0]], [th], { rtol: 1e-14 })).toEqual({ ok: true });
      angleState(2 * Math.cos(th / 2) ** 2, 2 * Math.sin(th / 2) ** 2, out);
      expect(allClose([out[1]], [th], { rtol: 1e-14 })).toEqual({ ok: true });
    }
    angleState(2 * Math.sin(5e-5) ** 2, 2 * Math.cos(5e-5) ** 2, out);
    const th = 1e-4;
    // π − J₁(θ) = 2π sin²(θ/2) − (sin θ − θ cos θ)
    const ref = 2 * Math.PI * Math.sin(th / 2) ** 2 - (th ** 3 / 3 - th ** 5 / 30);
    expect(allClose([out[5]], [ref], { rtol: 1e-13 })).toEqual({ ok: true });
  });

  it('should recompute 1 − ρ exactly as 0 for parallel rows and accurately for rows 1e-9 apart in angle', () => {
    const out = new Float64Array(2);
    const x = new Float64Array([0.3, -1.7, 2.2]);
    const y = x.map((v) => 4 * v); // exact multiple
    const g = x.reduce((s, v, k) => s + v * y[k], 0);
    inputPairState(g, rowScales(x, 1, 3), 0, rowScales(y, 1, 3), 0, 3, out);
    expect(out[0]).toBe(0);
    const z = new Float64Array([1, 1e-9, 0]);
    const e = new Float64Array([1, 0, 0]);
    inputPairState(1, rowScales(e, 1, 3), 0, rowScales(z, 1, 3), 0, 3, out);
    // 1 − cos θ with tan θ = 1e-9: θ²/2 = 5e-19
    expect(allClose([out[0]], [5e-19], { rtol: 1e-14 })).toEqual({ ok: true });
  });

  it('should handle rows whose squares under- or overflow (exact power-of-two rescaling)', () => {
    const out = new Float64Array(2);
    for (const s of [1e-162, 1e-300, 5e-324, 1e200]) {
      const x = new Float64Array([s, 0]);
      const y = new Float64Array([-s, 0]);
      const z = new Float64Array([s, s]);
      inputPairState(x[0] * y[0], rowScales(x, 1, 2), 0, rowScales(y, 1, 2), 0, 2, out);
      expect(Array.from(out)).toEqual([2, 0]);
      inputPairState(x[0] * z[0], rowScales(x, 1, 2), 0, rowScales(z, 1, 2), 0, 2, out);
      expect(allClose(out, [1 - Math.SQRT1_2, 1 + Math.SQRT1_2], { rtol: 1e-15 })).toEqual({ ok: true });
      expect(allClose(rowScales(z, 1, 2).norm, [s * Math.SQRT2], { rtol: 1e-15 })).toEqual({ ok: true });
    }
  });
});
