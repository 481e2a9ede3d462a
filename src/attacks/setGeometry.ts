/**
 * Unchecked per-row geometry of the perturbation sets: projection, random starts, ascent steps and
 * membership violation. Rows are flat slices `p[off .. off + d)`; the centre row is `c[off .. off + d)`.
 * For caps the centre must already be a unit vector.
 * @internal
 * @packageDocumentation
 */
import type { Rng } from '../random/rng.ts';

/** Set kind as a small integer for the hot loops. */
export const LINF = 0;
export const L2 = 1;
export const CAP = 2;
export type KindCode = typeof LINF | typeof L2 | typeof CAP;

/** Per-coordinate box bounds (already expanded to length d), or null. */
export interface BoxBounds {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

function norm(p: Float64Array, off: number, d: number): number {
  // Scaled sum of squares: no overflow for huge entries.
  let scale = 0;
  for (let j = 0; j < d; j++) scale = Math.max(scale, Math.abs(p[off + j]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let j = 0; j < d; j++) {
    const v = p[off + j] / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/** Geodesic angle between unit rows a and b, Kahan's 2·atan2(‖a − b‖, ‖a + b‖). */
export function capAngle(a: Float64Array, aOff: number, b: Float64Array, bOff: number, d: number): number {
  let dm = 0;
  let dp = 0;
  for (let j = 0; j < d; j++) {
    const u = a[aOff + j];
    const v = b[bOff + j];
    dm += (u - v) * (u - v);
    dp += (u + v) * (u + v);
  }
  return 2 * Math.atan2(Math.sqrt(dm), Math.sqrt(dp));
}

/**
 * Writes into `u` (length d) a unit vector orthogonal to the unit row c: the component of `dir` orthogonal
 * to c when it is non-negligible, else the coordinate axis least aligned with c, orthogonalised.
 */
function tangentUnit(
  c: Float64Array,
  cOff: number,
  dir: Float64Array,
  dOff: number,
  d: number,
  u: Float64Array,
): boolean {
  let cd = 0;
  for (let j = 0; j < d; j++) cd += c[cOff + j] * dir[dOff + j];
  for (let j = 0; j < d; j++) u[j] = dir[dOff + j] - cd * c[cOff + j];
  let un = norm(u, 0, d);
  let dn = norm(dir, dOff, d);
  if (!(un > 1e-12 * dn) || un === 0) {
    if (d < 2) return false;
    let k = 0;
    for (let j = 1; j < d; j++) if (Math.abs(c[cOff + j]) < Math.abs(c[cOff + k])) k = j;
    for (let j = 0; j < d; j++) u[j] = -c[cOff + k] * c[cOff + j];
    u[k] += 1;
    un = norm(u, 0, d);
    dn = 1;
  }
  for (let j = 0; j < d; j++) u[j] /= un;
  return true;
}

/** Projects row p onto B(c, rho) of the given kind, then clips into the box. `tmp` has length ≥ d. */
export function projectRow(
  kind: KindCode,
  rho: number,
  p: Float64Array,
  off: number,
  c: Float64Array,
  d: number,
  box: BoxBounds | null,
  tmp: Float64Array,
): void {
  if (kind === LINF) {
    for (let j = 0; j < d; j++) {
      const lo = c[off + j] - rho;
      const hi = c[off + j] + rho;
      const v = p[off + j];
      p[off + j] = Math.min(Math.max(v, lo), hi);
    }
  } else if (kind === L2) {
    for (let j = 0; j < d; j++) tmp[j] = p[off + j] - c[off + j];
    const n = norm(tmp, 0, d);
    if (n > rho) {
      const s = rho / n;
      for (let j = 0; j < d; j++) p[off + j] = c[off + j] + s * tmp[j];
      // Guard against the last-ulp overshoot of c + s·δ.
      for (let j = 0; j < d; j++) tmp[j] = p[off + j] - c[off + j];
      const n2 = norm(tmp, 0, d);
      if (n2 > rho) for (let j = 0; j < d; j++) p[off + j] = c[off + j] + tmp[j] * (rho / n2) * (1 - 1e-15);
    }
  } else {
    projectCapRow(rho, p, off, c, d, tmp);
    return;
  }
  if (box !== null) {
    // Clipping toward [lo, hi] ∋ c never increases any |p_j − c_j|, so the point stays in the ball.
    for (let j = 0; j < d; j++) {
      const v = p[off + j];
      p[off + j] = Math.min(Math.max(v, box.lo[j]), box.hi[j]);
    }
  }
}

function projectCapRow(
  rho: number,
  p: Float64Array,
  off: number,
  c: Float64Array,
  d: number,
  tmp: Float64Array,
): void {
  const n = norm(p, off, d);
  if (!(n > 0) || !Number.isFinite(n)) {
    for (let j = 0; j < d; j++) p[off + j] = c[off + j];
    return;
  }
  for (let j = 0; j < d; j++) p[off + j] /= n;
  if (rho >= Math.PI) return;
  const theta = capAngle(p, off, c, off, d);
  if (theta <= rho) return;
  // Rotate back toward c along the great circle through c and p: cos ρ·c + sin ρ·u.
  if (!tangentUnit(c, off, p, off, d, tmp)) {
    for (let j = 0; j < d; j++) p[off + j] = c[off + j];
    return;
  }
  const cr = Math.cos(rho);
  const sr = Math.sin(rho);
  for (let j = 0; j < d; j++) p[off + j] = cr * c[off + j] + sr * tmp[j];
  // Renormalise (rounding) and, if the angle still overshoots by an ulp, shrink it a hair.
  const n2 = norm(p, off, d);
  for (let j = 0; j < d; j++) p[off + j] /= n2;
  if (capAngle(p, off, c, off, d) > rho) {
    const r2 = rho * (1 - 1e-14);
    for (let j = 0; j < d; j++) p[off + j] = Math.cos(r2) * c[off + j] + Math.sin(r2) * tmp[j];
  }
}

/** Writes a random point of B(c, rho) ∩ box into row p (ℓ∞: uniform; ℓ₂: uniform in the ball; cap: random direction, angle ~ U[0, ρ]). */
export function randomStartRow(
  kind: KindCode,
  rho: number,
  p: Float64Array,
  off: number,
  c: Float64Array,
  d: number,
  box: BoxBounds | null,
  rng: Rng,
  tmp: Float64Array,
): void {
  if (kind === LINF) {
    for (let j = 0; j < d; j++) p[off + j] = c[off + j] + rho * (2 * rng.uniform() - 1);
  } else if (kind === L2) {
    for (let j = 0; j < d; j++) tmp[j] = rng.normal();
    const n = norm(tmp, 0, d);
    const r = rho * rng.uniform() ** (1 / d);
    for (let j = 0; j < d; j++) p[off + j] = c[off + j] + (n > 0 ? (r * tmp[j]) / n : 0);
  } else {
    const g = new Float64Array(d);
    for (let j = 0; j < d; j++) g[j] = rng.normal();
    const a = Math.min(rho, Math.PI) * rng.uniform();
    if (d >= 2 && tangentUnit(c, off, g, 0, d, tmp)) {
      for (let j = 0; j < d; j++) p[off + j] = Math.cos(a) * c[off + j] + Math.sin(a) * tmp[j];
    } else {
      for (let j = 0; j < d; j++) p[off + j] = c[off + j];
    }
  }
  projectRow(kind, rho, p, off, c, d, box, tmp);
}

/**
 * One ascent step on row p along the input gradient g (same offset): ℓ∞ p += η·sign(g); ℓ₂ p += η·g/‖g‖;
 * cap: rotate p by angle η toward the tangent part of g. A zero gradient leaves p unchanged.
 */
export function stepRow(
  kind: KindCode,
  eta: number,
  p: Float64Array,
  g: Float64Array,
  off: number,
  d: number,
  tmp: Float64Array,
): void {
  if (kind === LINF) {
    for (let j = 0; j < d; j++) {
      const v = g[off + j];
      p[off + j] += v > 0 ? eta : v < 0 ? -eta : 0;
    }
  } else if (kind === L2) {
    const n = norm(g, off, d);
    if (n > 0 && Number.isFinite(n)) for (let j = 0; j < d; j++) p[off + j] += (eta * g[off + j]) / n;
  } else {
    let gp = 0;
    for (let j = 0; j < d; j++) gp += g[off + j] * p[off + j];
    for (let j = 0; j < d; j++) tmp[j] = g[off + j] - gp * p[off + j];
    const n = norm(tmp, 0, d);
    if (!(n > 0) || !Number.isFinite(n)) return;
    const ce = Math.cos(eta);
    const se = Math.sin(eta);
    for (let j = 0; j < d; j++) p[off + j] = ce * p[off + j] + (se * tmp[j]) / n;
  }
}

/** How far row p lies outside B(c, rho) ∩ box (0 inside). For caps also |‖p‖ − 1|. */
export function rowViolation(
  kind: KindCode,
  rho: number,
  p: Float64Array,
  off: number,
  c: Float64Array,
  d: number,
  box: BoxBounds | null,
  tmp: Float64Array,
): number {
  let v = 0;
  if (kind === LINF) {
    for (let j = 0; j < d; j++) v = Math.max(v, Math.abs(p[off + j] - c[off + j]) - rho);
  } else if (kind === L2) {
    for (let j = 0; j < d; j++) tmp[j] = p[off + j] - c[off + j];
    v = Math.max(0, norm(tmp, 0, d) - rho);
  } else {
    const n = norm(p, off, d);
    v = Math.abs(n - 1);
    if (rho < Math.PI) {
      for (let j = 0; j < d; j++) tmp[j] = p[off + j] / n;
      v = Math.max(v, capAngle(tmp, 0, c, off, d) - rho);
    }
  }
  if (box !== null) {
    for (let j = 0; j < d; j++) v = Math.max(v, box.lo[j] - p[off + j], p[off + j] - box.hi[j]);
  }
  return Math.max(0, v);
}

/**
 * Writes a random point of B(c, rho) (centre row c[cOff ..]) into row p[pOff ..], like {@link randomStartRow}
 * for a centre stored at a different offset. `tmp` has length ≥ 4d.
 */
export function samplePointRow(
  kind: KindCode,
  rho: number,
  c: Float64Array,
  cOff: number,
  p: Float64Array,
  pOff: number,
  d: number,
  rng: Rng,
  tmp: Float64Array,
): void {
  const centre = tmp.subarray(3 * d, 4 * d);
  centre.set(c.subarray(cOff, cOff + d));
  const row = new Float64Array(d);
  randomStartRow(kind, rho, row, 0, centre, d, null, rng, tmp);
  p.set(row, pOff);
}

/** Distance between rows a and b in the set's own metric: ℓ∞ or ℓ₂ norm, or the geodesic angle for caps. */
export function setMetricDistance(
  kind: KindCode,
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  d: number,
): number {
  if (kind === CAP) return capAngle(a, aOff, b, bOff, d);
  let s = 0;
  for (let j = 0; j < d; j++) {
    const v = Math.abs(a[aOff + j] - b[bOff + j]);
    s = kind === LINF ? Math.max(s, v) : s + v * v;
  }
  return kind === LINF ? s : Math.sqrt(s);
}
