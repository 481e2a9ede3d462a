import { describe, expect, it } from 'vitest';
import { type BoundDomain, linearMin } from '../../../src/certify/boundDomain.ts';
import { createRng } from '../../../src/random/rng.ts';
import { setSamples } from '../../helpers/setSamples.ts';

const rng = createRng(11);
const vec = (d: number) => Float64Array.from({ length: d }, () => rng.normal());

describe('linearMin', () => {
  it('should give the exact minimum on ℓ∞ and full ℓ₂ balls, attained at the returned point', () => {
    for (let t = 0; t < 20; t++) {
      const d = 1 + (t % 6);
      const a = vec(d);
      const x = vec(d);
      const rho = 0.1 + rng.uniform();
      const lo = x.map((v) => v - rho);
      const hi = x.map((v) => v + rho);
      let ax = 0;
      for (let j = 0; j < d; j++) ax += a[j] * x[j];
      const l1 = a.reduce((s, v) => s + Math.abs(v), 0);
      const l2 = Math.hypot(...a);
      for (const [kind, exact] of [
        ['linf', ax - rho * l1],
        ['l2', ax - rho * l2],
      ] as const) {
        const p = new Float64Array(d);
        const r = linearMin(a, 0.5, { kind, x, rho, lo, hi, full: true }, p);
        const at = p.reduce((s, v, j) => s + a[j] * v, 0.5);
        expect(r.value).toBeLessThanOrEqual(exact + 0.5);
        expect(exact + 0.5 - r.value).toBeLessThanOrEqual(1e-10 * (1 + l1 * (Math.abs(ax) + rho)));
        expect(Math.abs(at - (exact + 0.5))).toBeLessThanOrEqual(1e-12 * (1 + l1 * (1 + rho)));
      }
    }
  });

  it('should give the exact minimum over a cap (d = 2: the arc ends or the interior point)', () => {
    for (let t = 0; t < 20; t++) {
      const th = 2 * Math.PI * rng.uniform();
      const x = Float64Array.of(Math.cos(th), Math.sin(th));
      const a = vec(2);
      const rho = 3 * rng.uniform();
      // Dense arc: the exact minimum to O(h²) ‖a‖ from above.
      let min = Number.POSITIVE_INFINITY;
      const G = 200001;
      for (let k = 0; k < G; k++) {
        const phi = th - rho + (2 * rho * k) / (G - 1);
        min = Math.min(min, a[0] * Math.cos(phi) + a[1] * Math.sin(phi));
      }
      const r = 2 * Math.sin(rho / 2);
      const dom: BoundDomain = {
        kind: 'cap',
        x,
        rho,
        lo: x.map((v) => v - r),
        hi: x.map((v) => v + r),
        full: true,
      };
      const v = linearMin(a, 0, dom).value;
      const h = (2 * rho) / (G - 1);
      expect(v).toBeLessThanOrEqual(min);
      // Grid error ≤ ‖a‖h²/2 (second derivative ≤ ‖a‖); the outward margin is 1e-12·(d + 4)·(Σ|a_j x_j| + ‖a‖).
      expect(min - v).toBeLessThanOrEqual(Math.hypot(...a) * (h * h) + 1e-11 * (1 + 2 * Math.hypot(...a)));
    }
  });

  it('should bound the minimum over ℓ₂ ball ∩ box from below and be tight (dual) against a dense sample', () => {
    for (let t = 0; t < 10; t++) {
      const d = 2;
      const a = vec(d);
      const x = vec(d);
      const rho = 0.5;
      const lo = x.map((v) => v - rho * rng.uniform());
      const hi = x.map((v) => v + rho * rng.uniform());
      const v = linearMin(a, 0, { kind: 'l2', x, rho, lo, hi, full: false }).value;
      const pts = setSamples('l2', x, rho, { lo, hi }, 60000, rng);
      let min = Number.POSITIVE_INFINITY;
      for (let s = 0; s < 60000; s++) min = Math.min(min, a[0] * pts[2 * s] + a[1] * pts[2 * s + 1]);
      expect(v).toBeLessThanOrEqual(min);
      // Strong duality: the dual optimum equals the minimum. 60 000 samples (a third on the boundary) of a
      // region of area ≤ πρ² are ~√(πρ²/20000) ≈ 0.006 apart, so the sampled minimum is within ~‖a‖·0.006
      // ≈ 0.012‖a‖ρ of it; the golden section on log μ converges far below that.
      expect(min - v).toBeLessThanOrEqual(2e-2 * Math.hypot(...a) * rho);
    }
  });
});
