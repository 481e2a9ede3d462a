/**
 * Points of a perturbation set (optionally ∩ a data box) for soundness checks of certified bounds:
 * uniform-ish interior points, boundary points and, for ℓ∞ balls, vertices.
 */
import type { Rng } from '../../src/random/rng.ts';

/** `count` points of B(x) (∩ [lo, hi] when given), row-major [count, d]. */
export function setSamples(
  kind: 'linf' | 'l2' | 'cap',
  x: Float64Array,
  rho: number,
  box: { lo: Float64Array; hi: Float64Array } | null,
  count: number,
  rng: Rng,
): Float64Array {
  const d = x.length;
  const out = new Float64Array(count * d);
  const v = new Float64Array(d);
  for (let s = 0; s < count; s++) {
    const mode = s % 3; // 0: interior, 1: boundary, 2: vertex (ℓ∞) / boundary
    if (kind === 'linf') {
      for (let j = 0; j < d; j++) {
        const u =
          mode === 0
            ? 2 * rng.uniform() - 1
            : mode === 2 || rng.uniform() < 0.5
              ? rng.uniform() < 0.5
                ? -1
                : 1
              : 2 * rng.uniform() - 1;
        v[j] = x[j] + rho * u;
      }
      if (mode === 1) {
        const j = Math.floor(rng.uniform() * d);
        v[j] = x[j] + (rng.uniform() < 0.5 ? -rho : rho);
      }
    } else {
      let n = 0;
      for (let j = 0; j < d; j++) {
        v[j] = rng.normal();
        n += v[j] * v[j];
      }
      n = Math.sqrt(n) || 1;
      if (kind === 'l2') {
        const r = mode === 0 ? rho * rng.uniform() ** (1 / d) : rho;
        for (let j = 0; j < d; j++) v[j] = x[j] + (r * v[j]) / n;
      } else {
        // Cap: rotate x towards a random tangent direction by an angle ≤ ρ (= ρ on the boundary).
        let t = 0;
        for (let j = 0; j < d; j++) t += v[j] * x[j];
        let tn = 0;
        for (let j = 0; j < d; j++) {
          v[j] -= t * x[j];
          tn += v[j] * v[j];
        }
        tn = Math.sqrt(tn) || 1;
        const phi = Math.min(mode === 0 ? rho * rng.uniform() : rho, Math.PI);
        for (let j = 0; j < d; j++) v[j] = Math.cos(phi) * x[j] + (Math.sin(phi) * v[j]) / tn;
      }
    }
    if (box !== null) for (let j = 0; j < d; j++) v[j] = Math.min(Math.max(v[j], box.lo[j]), box.hi[j]);
    out.set(v, s * d);
  }
  return out;
}
