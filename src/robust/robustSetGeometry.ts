/**
 * Perturbation-set geometry for robust kernel interpolation: sampling, projection and membership for
 * ℓ∞ balls, ℓ₂ balls and spherical caps. Rows are flat slices `[off, off + d)` of Float64Arrays. Only the
 * {@link RobustSet} type is public; the functions are internal.
 *
 * The set type and the cap angle come from `attacks/` (robust → attacks is the allowed direction). The
 * ball/cap routines below stay separate from the attacks' `projectRow`/`randomStartRow`/`stepRow`
 * because their numerics differ and robustInterpolate's results depend on them: plain sums of squares
 * instead of the attacks' scaled norms, no ulp-overshoot guard, an absolute 1e-14 tangent cut-off with
 * no fallback axis, and cap samples with angle ρ·u^{1/(d−1)} instead of U[0, ρ].
 * @packageDocumentation
 */
import { capAngle } from '../attacks/setGeometry.ts';
import type { PerturbationSet } from '../attacks/types.ts';
import type { Rng } from '../random/rng.ts';

/**
 * A perturbation set around each input: the attacks' {@link PerturbationSet} (`'linf'`, `'l2'`: norm
 * balls of radius ρ; `'cap'`: unit vectors at geodesic angle ≤ ρ radians).
 */
export type RobustSet = PerturbationSet;

/** Distance of the set kind's metric (ℓ∞, ℓ₂ or geodesic angle). @internal */
export function setDistance(
  kind: RobustSet['kind'],
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  d: number,
): number {
  if (kind === 'cap') return capAngle(a, aOff, b, bOff, d);
  let s = 0;
  for (let j = 0; j < d; j++) {
    const v = Math.abs(a[aOff + j] - b[bOff + j]);
    s = kind === 'linf' ? Math.max(s, v) : s + v * v;
  }
  return kind === 'linf' ? s : Math.sqrt(s);
}

/** Rotates the unit row c towards unit tangent u by angle θ: out = cos θ·c + sin θ·u. */
function rotate(
  c: Float64Array,
  cOff: number,
  u: Float64Array,
  theta: number,
  d: number,
  out: Float64Array,
  oOff: number,
) {
  const cs = Math.cos(theta);
  const sn = Math.sin(theta);
  for (let j = 0; j < d; j++) out[oOff + j] = cs * c[cOff + j] + sn * u[j];
}

/** Unit tangent at c in the direction of `dir` (component orthogonal to c); false if degenerate. */
function tangent(c: Float64Array, cOff: number, dir: Float64Array, d: number, u: Float64Array): boolean {
  let cd = 0;
  for (let j = 0; j < d; j++) cd += c[cOff + j] * dir[j];
  let n = 0;
  for (let j = 0; j < d; j++) {
    u[j] = dir[j] - cd * c[cOff + j];
    n += u[j] * u[j];
  }
  n = Math.sqrt(n);
  if (!(n > 1e-14)) return false;
  for (let j = 0; j < d; j++) u[j] /= n;
  return true;
}

/** Projects point p (in place) onto the set of kind/radius around centre c. `tmp` has length ≥ 2d. @internal */
export function projectInto(
  set: RobustSet,
  c: Float64Array,
  cOff: number,
  p: Float64Array,
  pOff: number,
  d: number,
  tmp: Float64Array,
): void {
  const rho = set.radius;
  if (set.kind === 'linf') {
    for (let j = 0; j < d; j++) {
      const lo = c[cOff + j] - rho;
      const hi = c[cOff + j] + rho;
      p[pOff + j] = Math.min(hi, Math.max(lo, p[pOff + j]));
    }
    return;
  }
  if (set.kind === 'l2') {
    let s = 0;
    for (let j = 0; j < d; j++) s += (p[pOff + j] - c[cOff + j]) ** 2;
    s = Math.sqrt(s);
    if (s > rho) {
      const f = rho / s;
      for (let j = 0; j < d; j++) p[pOff + j] = c[cOff + j] + f * (p[pOff + j] - c[cOff + j]);
    }
    return;
  }
  // cap: back to the sphere, then pull inside the cap along the geodesic.
  let s = 0;
  for (let j = 0; j < d; j++) s += p[pOff + j] ** 2;
  s = Math.sqrt(s);
  if (!(s > 0)) {
    for (let j = 0; j < d; j++) p[pOff + j] = c[cOff + j];
    return;
  }
  for (let j = 0; j < d; j++) p[pOff + j] /= s;
  const ang = capAngle(p, pOff, c, cOff, d);
  if (ang <= rho) return;
  const dir = tmp.subarray(0, d);
  const u = tmp.subarray(d, 2 * d);
  for (let j = 0; j < d; j++) dir[j] = p[pOff + j];
  if (!tangent(c, cOff, dir, d, u)) {
    for (let j = 0; j < d; j++) p[pOff + j] = c[cOff + j];
    return;
  }
  rotate(c, cOff, u, rho, d, p, pOff);
}

/** Writes a random point of the set around c into out (uniform for balls; radially uniform angle for caps). @internal */
export function samplePoint(
  set: RobustSet,
  c: Float64Array,
  cOff: number,
  d: number,
  rng: Rng,
  out: Float64Array,
  oOff: number,
  tmp: Float64Array,
): void {
  const rho = set.radius;
  if (set.kind === 'linf') {
    for (let j = 0; j < d; j++) out[oOff + j] = c[cOff + j] + rho * (2 * rng.uniform() - 1);
    return;
  }
  const dir = tmp.subarray(0, d);
  for (let j = 0; j < d; j++) dir[j] = rng.normal();
  if (set.kind === 'l2') {
    let n = 0;
    for (let j = 0; j < d; j++) n += dir[j] * dir[j];
    n = Math.sqrt(n) || 1;
    const r = rho * rng.uniform() ** (1 / d);
    for (let j = 0; j < d; j++) out[oOff + j] = c[cOff + j] + (r * dir[j]) / n;
    return;
  }
  const u = tmp.subarray(d, 2 * d);
  if (d < 2 || !tangent(c, cOff, dir, d, u)) {
    for (let j = 0; j < d; j++) out[oOff + j] = c[cOff + j];
    return;
  }
  const theta = rho * rng.uniform() ** (1 / Math.max(1, d - 1));
  rotate(c, cOff, u, theta, d, out, oOff);
}

/** Step of length `step` from p along the ascent direction g, respecting the geometry (sign for ℓ∞, tangent for caps). @internal */
export function ascentStep(
  set: RobustSet,
  p: Float64Array,
  pOff: number,
  g: Float64Array,
  gOff: number,
  d: number,
  step: number,
  tmp: Float64Array,
): void {
  if (set.kind === 'linf') {
    for (let j = 0; j < d; j++) p[pOff + j] += step * Math.sign(g[gOff + j]);
    return;
  }
  if (set.kind === 'l2') {
    let n = 0;
    for (let j = 0; j < d; j++) n += g[gOff + j] ** 2;
    n = Math.sqrt(n);
    if (!(n > 0)) return;
    for (let j = 0; j < d; j++) p[pOff + j] += (step * g[gOff + j]) / n;
    return;
  }
  const dir = tmp.subarray(0, d);
  const u = tmp.subarray(d, 2 * d);
  for (let j = 0; j < d; j++) dir[j] = g[gOff + j];
  if (!tangent(p, pOff, dir, d, u)) return;
  const q = tmp.subarray(2 * d, 3 * d);
  rotate(p, pOff, u, step, d, q, 0);
  for (let j = 0; j < d; j++) p[pOff + j] = q[j];
}
