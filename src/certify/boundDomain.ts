/**
 * A sub-domain of a perturbation set (the set intersected with an axis-aligned box) and the exact or
 * relaxed minimum of a linear function over it.
 * @internal
 * @packageDocumentation
 */

/** Relative rounding margin of a concretised linear bound (≫ n·ε for the dot products involved). */
const CONCRETE_MARGIN = 1e-12;

/** Golden-section iterations of the dual search over the ℓ₂-ball multiplier. */
const DUAL_ITERS = 60;

/**
 * D = B(x) ∩ [lo, hi]: `kind` and `rho` give the set B(x) (ℓ∞ or ℓ₂ ball of radius ρ, or the cap of angle ρ
 * around the unit vector x); `lo`/`hi` a box holding D (the set's bounding box intersected with the data box
 * at the root, a sub-box after input splits). `full` marks a box holding the whole ball B(x), so that the
 * ball alone describes D. For `'linf'` the box is D itself.
 * @internal
 */
export interface BoundDomain {
  readonly kind: 'linf' | 'l2' | 'cap';
  readonly x: Float64Array;
  readonly rho: number;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly full: boolean;
}

/** Chord radius 2 sin(ρ/2) of a cap of angle ρ ∈ [0, π]: the cap lies in the ℓ₂ ball of that radius. @internal */
export function chordRadius(rho: number): number {
  return 2 * Math.sin(Math.min(rho, Math.PI) / 2);
}

/**
 * A certified lower bound of min_{x' ∈ D} a·x' + c (minus an outward rounding margin); when `point` is
 * given, also writes a point of B(x) ∩ (data box) where a·x' + c is small (a candidate for the attained
 * value) and returns whether it did.
 *
 * - ℓ∞: D is the box; min = c + Σ_j min(a_j lo_j, a_j hi_j) (exact).
 * - ℓ₂ ball with a full box: a·x − ρ‖a‖₂ (exact, Cauchy–Schwarz).
 * - ℓ₂ ball ∩ box: the Lagrangian dual max_{μ ≥ 0} Σ_j min_{t ∈ [lo_j, hi_j]} (a_j t + μ (t − x_j)²) − μρ²
 *   (weak duality: every μ gives a lower bound; μ is searched by golden section on log μ, and μ = 0 — the box
 *   alone — is always tried).
 * - cap (unit x, angle ρ): the exact minimum over the cap, ‖a‖ cos(min(θ + ρ, π)) with θ the angle between
 *   a and x, and, below a non-full box, also the dual over the chord ball ∩ box; the larger bound is kept.
 * @internal
 */
export function linearMin(
  a: Float64Array,
  c: number,
  dom: BoundDomain,
  point?: Float64Array,
): { value: number; hasPoint: boolean } {
  const d = a.length;
  const { x, lo, hi } = dom;
  let mag = Math.abs(c);
  if (dom.kind === 'linf') {
    let s = c;
    for (let j = 0; j < d; j++) {
      const v = a[j] >= 0 ? lo[j] : hi[j];
      s += a[j] * v;
      mag += Math.abs(a[j] * v);
      if (point !== undefined) point[j] = v;
    }
    return { value: s - CONCRETE_MARGIN * (d + 1) * mag, hasPoint: point !== undefined };
  }
  let ax = 0;
  let nrm2 = 0;
  for (let j = 0; j < d; j++) {
    ax += a[j] * x[j];
    nrm2 += a[j] * a[j];
    mag += Math.abs(a[j] * x[j]);
  }
  const nrm = Math.sqrt(nrm2);
  if (dom.kind === 'l2') {
    mag += dom.rho * nrm;
    if (dom.full) {
      if (point !== undefined)
        for (let j = 0; j < d; j++) point[j] = nrm > 0 ? x[j] - (dom.rho * a[j]) / nrm : x[j];
      return {
        value: c + ax - dom.rho * nrm - CONCRETE_MARGIN * (d + 1) * mag,
        hasPoint: point !== undefined,
      };
    }
    const dual = ballBoxDual(a, dom, dom.rho, nrm, point);
    return { value: c + dual.value - CONCRETE_MARGIN * (d + 1) * (mag + dual.mag), hasPoint: dual.hasPoint };
  }
  // Cap: x' = cos φ x + sin φ v (v ⟂ x unit), a·x' ≥ ‖a‖ cos(min(θ + φ, π)) minimised at φ = ρ.
  let perp2 = 0;
  for (let j = 0; j < d; j++) perp2 += (a[j] - ax * x[j]) ** 2;
  const perp = Math.sqrt(perp2);
  const theta = Math.atan2(perp, ax);
  const phi = Math.min(dom.rho, Math.PI - theta);
  let value = c + nrm * Math.cos(theta + phi) - CONCRETE_MARGIN * (d + 4) * (mag + nrm);
  let hasPoint = false;
  if (point !== undefined) {
    // Rotate x by φ towards −a⊥.
    const cp = Math.cos(phi);
    const sp = Math.sin(phi);
    for (let j = 0; j < d; j++) point[j] = cp * x[j] - (perp > 0 ? (sp * (a[j] - ax * x[j])) / perp : 0);
    hasPoint = true;
  }
  if (!dom.full) {
    const r = chordRadius(dom.rho);
    const dual = ballBoxDual(a, dom, r, nrm, undefined);
    const v = c + dual.value - CONCRETE_MARGIN * (d + 1) * (mag + dual.mag + r * nrm);
    if (v > value) value = v;
  }
  return { value, hasPoint };
}

/**
 * max over μ ≥ 0 of Σ_j min_{t ∈ [lo_j, hi_j]} (a_j t + μ (t − x_j)²) − μ r² (a lower bound of a·x' over
 * the ball B₂(x, r) ∩ box), with the magnitude of the terms for the rounding margin.
 */
function ballBoxDual(
  a: Float64Array,
  dom: BoundDomain,
  r: number,
  nrm: number,
  point: Float64Array | undefined,
): { value: number; mag: number; hasPoint: boolean } {
  const d = a.length;
  const { x, lo, hi } = dom;
  const g = (mu: number): number => {
    let s = -mu * r * r;
    for (let j = 0; j < d; j++) {
      let t = a[j] >= 0 ? lo[j] : hi[j];
      if (mu > 0) t = Math.min(Math.max(x[j] - a[j] / (2 * mu), lo[j]), hi[j]);
      s += a[j] * t + mu * (t - x[j]) ** 2;
    }
    return s;
  };
  let bestMu = 0;
  let best = g(0);
  if (r > 0 && nrm > 0) {
    const mu0 = nrm / (2 * r);
    let s0 = Math.log(mu0) - 14;
    let s1 = Math.log(mu0) + 14;
    const phi = (Math.sqrt(5) - 1) / 2;
    let s2 = s1 - phi * (s1 - s0);
    let s3 = s0 + phi * (s1 - s0);
    let g2 = g(Math.exp(s2));
    let g3 = g(Math.exp(s3));
    for (let it = 0; it < DUAL_ITERS; it++) {
      if (g2 < g3) {
        s0 = s2;
        s2 = s3;
        g2 = g3;
        s3 = s0 + phi * (s1 - s0);
        g3 = g(Math.exp(s3));
      } else {
        s1 = s3;
        s3 = s2;
        g3 = g2;
        s2 = s1 - phi * (s1 - s0);
        g2 = g(Math.exp(s2));
      }
    }
    for (const [gv, sv] of [
      [g2, s2],
      [g3, s3],
    ] as const) {
      if (gv > best) {
        best = gv;
        bestMu = Math.exp(sv);
      }
    }
  }
  // Magnitude of every term at the chosen μ (for the rounding margin), and the dual minimiser.
  let mag = bestMu * r * r;
  let dist2 = 0;
  for (let j = 0; j < d; j++) {
    const t =
      bestMu > 0 ? Math.min(Math.max(x[j] - a[j] / (2 * bestMu), lo[j]), hi[j]) : a[j] >= 0 ? lo[j] : hi[j];
    mag += Math.abs(a[j] * t) + bestMu * (t - x[j]) ** 2;
    if (point !== undefined) point[j] = t;
    dist2 += (t - x[j]) ** 2;
  }
  if (point === undefined) return { value: best, mag, hasPoint: false };
  // Pulled back into the ball along the segment from x (x and the box lie in the data box).
  const dist = Math.sqrt(dist2);
  if (dist > r) for (let j = 0; j < d; j++) point[j] = x[j] + ((point[j] - x[j]) * r) / dist;
  return { value: best, mag, hasPoint: true };
}
