/**
 * Stable scalar building blocks of the arc-cosine / ReLU kernels (no validation, no allocation).
 *
 * The angle between two (virtual) Gaussian feature vectors is never carried as a cosine: every pair
 * carries `m = 1 − cos θ` and `p = 1 + cos θ` (= ‖û ∓ v̂‖²/2), each with full relative accuracy, so both
 * θ = 2·atan2(√m, √p) (Kahan) and π − θ = 2·atan2(√p, √m) keep full precision at θ → 0 and θ → π.
 * @internal
 * @packageDocumentation
 */

/** 2π. */
export const TWO_PI = 2 * Math.PI;

/** Below this value of `m` or `p` (i.e. |ρ| > 15/16) the input angle is recomputed from normalised rows. */
export const REFINE_BELOW = 1 / 16;

/**
 * g(t) = sin t − t·cos t for t ∈ [0, π], given s = sin t and c = cos t. Uses the Taylor series
 * Σ_{k≥1} (−1)^{k+1}·2k·t^{2k+1}/(2k+1)! for t < 1 (the direct form cancels: g ≈ t³/3).
 */
export function sinMinusTCos(t: number, s: number, c: number): number {
  if (t >= 1) return s - t * c;
  const t2 = t * t;
  // term_k = (−1)^{k+1} 2k t^{2k+1}/(2k+1)!; ratio term_{k+1}/term_k = −t²(k+1)/(k(2k+2)(2k+3))
  let term = (t2 * t) / 3; // k = 1
  let sum = term;
  for (let k = 1; k < 12; k++) {
    term *= (-t2 * (k + 1)) / (k * (2 * k + 2) * (2 * k + 3));
    sum += term;
    if (Math.abs(term) < 1e-18 * sum) break;
  }
  return sum;
}

/**
 * h(φ) = φ·(1 + 2cos²φ) − 3·sin φ·cos φ for φ ∈ [0, π] (so J₂(θ) = h(π − θ)); series
 * Σ_{k≥2} (−1)^k (k−1)(2φ)^{2k+1}/(2k+1)! for φ < 0.5 (the direct form cancels: h ≈ 4φ⁵/15).
 */
export function j2FromPhi(phi: number, sinPhi: number, cosPhi: number): number {
  if (phi >= 0.5) return phi * (1 + 2 * cosPhi * cosPhi) - 3 * sinPhi * cosPhi;
  const t = 2 * phi;
  const t2 = t * t;
  // k = 2 term: (2−1)·t⁵/5! ; ratio term_{k+1}/term_k = −t²·k/((k−1)(2k+2)(2k+3))
  let term = (t2 * t2 * t) / 120;
  let sum = term;
  for (let k = 2; k < 14; k++) {
    term *= (-t2 * k) / ((k - 1) * (2 * k + 2) * (2 * k + 3));
    sum += term;
    if (Math.abs(term) < 1e-18 * sum) break;
  }
  return sum;
}

/**
 * Angle quantities of a pair state (m, p) = (1 − cos θ, 1 + cos θ), written into `out`:
 * out[0] = θ, out[1] = φ = π − θ, out[2] = sin θ, out[3] = cos θ, out[4] = J₁(θ) = sin θ + (π − θ)cos θ,
 * out[5] = π − J₁(θ), all with full relative accuracy (J₁ near θ = π, π − J₁ near θ = 0).
 */
export function angleState(m: number, p: number, out: Float64Array): void {
  const t = m + p;
  const sm = Math.sqrt(m);
  const sp = Math.sqrt(p);
  let theta: number;
  let phi: number;
  if (m <= p) {
    theta = 2 * Math.atan2(sm, sp);
    phi = Math.PI - theta;
  } else {
    phi = 2 * Math.atan2(sp, sm);
    theta = Math.PI - phi;
  }
  const s = (2 * (sm * sp)) / t;
  const c = (p - m) / t;
  // J1(θ) = g(φ) with g(t) = sin t − t cos t, sin φ = sin θ, cos φ = −cos θ.
  const j1 = sinMinusTCos(phi, s, -c);
  // π − J1(θ) = 2π·sin²(θ/2) − g(θ) = 2π·m/t − g(θ)  (both terms ≥ 0, no cancellation for small θ).
  const pmj1 = theta < 1 ? (TWO_PI * m) / t - sinMinusTCos(theta, s, c) : Math.PI - j1;
  out[0] = theta;
  out[1] = phi;
  out[2] = s;
  out[3] = c;
  out[4] = j1;
  out[5] = pmj1;
}

const TWO_256 = 2 ** 256;

/**
 * Exact power-of-two rescaling c for the Dense-layer angle update of a pair with r = √(q₁q₂) (> 0): 1 when
 * 2^−256 ≤ r ≤ 2^256, else c = 2^(−trunc(e/2)) with e = ⌊log₂ r⌋, so that c²r ∈ [1, 4). The update is
 * homogeneous of degree 0 in (√q₁, √q₂, b), so scaling them by c changes no bit unless a degree-4 term
 * (s₁₂², r·(r + σ)) would over- or underflow, which it then prevents. Non-finite r gives 1.
 */
export function denseAngleScale(r: number): number {
  if ((r <= TWO_256 && r >= 1 / TWO_256) || !(r < Number.POSITIVE_INFINITY) || r === 0) return 1;
  let e = Math.floor(Math.log2(r));
  if (2 ** e > r) e -= 1;
  else if (2 ** (e + 1) <= r) e += 1;
  return 2 ** -Math.trunc(e / 2);
}

/** v·2^k exactly (two steps, so 2^k itself never overflows for |k| ≤ 2098). */
export function ldexp(v: number, k: number): number {
  const k1 = Math.trunc(k / 2);
  return v * 2 ** k1 * 2 ** (k - k1);
}

/** Per-row scale data: exact power-of-two rescaling keeps every angle computation free of under/overflow. */
export interface RowScales {
  /** ‖x_i‖, computed without intermediate under/overflow. */
  readonly norm: Float64Array;
  /** Σ_k x_ik² (plain sum, for diagonal values). */
  readonly sq: Float64Array;
  /** Rows scaled by 2^(−e_i) so that max |entry| ∈ [1, 2) (zero rows stay zero), [n, d]. */
  readonly scaled: Float64Array;
  /** ‖scaled row‖ (0 for zero rows). */
  readonly snorm: Float64Array;
  /** The exponents e_i. */
  readonly expo: Float64Array;
}

/** Computes {@link RowScales} for a row-major [n, d] buffer. */
export function rowScales(x: Float64Array, n: number, d: number): RowScales {
  const norm = new Float64Array(n);
  const sq = new Float64Array(n);
  const scaled = new Float64Array(n * d);
  const snorm = new Float64Array(n);
  const expo = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let s = 0;
    let amax = 0;
    for (let k = 0; k < d; k++) {
      const v = x[o + k];
      s += v * v;
      amax = Math.max(amax, Math.abs(v));
    }
    sq[i] = s;
    if (amax === 0) continue;
    const e = Math.floor(Math.log2(amax));
    expo[i] = e;
    // ldexp(v, −e) = (v·2^k1)·2^(−e−k1), with the two powers of two computed once per row.
    const k1 = Math.trunc(-e / 2);
    const f1 = 2 ** k1;
    const f2 = 2 ** (-e - k1);
    let t = 0;
    for (let k = 0; k < d; k++) {
      const v = x[o + k] * f1 * f2;
      scaled[o + k] = v;
      t += v * v;
    }
    const sn = Math.sqrt(t);
    snorm[i] = sn;
    norm[i] = ldexp(sn, e);
  }
  return { norm, sq, scaled, snorm, expo };
}

/** Rows divided by their norms (zero rows stay zero), row-major [n, d]. */
export function unitRows(n: number, d: number, rs: RowScales): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const r = rs.snorm[i];
    if (r === 0) continue;
    const o = i * d;
    for (let k = 0; k < d; k++) out[o + k] = rs.scaled[o + k] / r;
  }
  return out;
}

/** x transposed into a new [d, n] buffer. */
export function transposeBuf(x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) out[k * n + i] = x[i * d + k];
  return out;
}

/** Dekker's splitter 2^27 + 1. */
const SPLIT = 134217729;

/**
 * Exact error of a product: returns e with a·b = fl(a·b) + e exactly (Dekker's TwoProduct without FMA;
 * valid while |a|, |b| < 2^996).
 */
export function productError(a: number, b: number, ab: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (ab - ah * bh - al * bh - ah * bl);
}

/** Rows with |exponent| above this get their cosine from the rescaled rows instead of the raw dot product. */
const EXTREME_EXPONENT = 400;

/**
 * Input pair state (m, p) = (1 − ρ, 1 + ρ) for row i of `a` and row j of `b` (their {@link RowScales}), with
 * raw dot product g. ρ = g·2^(−e₁−e₂)/(ñ₁ñ₂) on the exactly rescaled rows (recomputed from the rescaled rows
 * when an exponent is extreme, where g may have under/overflowed). When |ρ| > 15/16 the small one of m, p
 * is recomputed as ‖x̃₁ñ₂ ∓ x̃₂ñ₁‖²/(2ñ₁²ñ₂²) (Kahan's angle form) with compensated products, so it keeps
 * full relative accuracy (errors in the norms only add components along the rows, which do not change the
 * length of the difference to first order); identical directions give exactly 0. Zero rows get m = p = 1
 * (the convention θ = π/2). Writes out[0] = m, out[1] = p. Symmetric in its two rows bit for bit.
 */
export function inputPairState(
  g: number,
  a: RowScales,
  i: number,
  b: RowScales,
  j: number,
  d: number,
  out: Float64Array,
): void {
  const n1 = a.snorm[i];
  const n2 = b.snorm[j];
  if (n1 === 0 || n2 === 0) {
    out[0] = 1;
    out[1] = 1;
    return;
  }
  const e1 = a.expo[i];
  const e2 = b.expo[j];
  const x1 = a.scaled;
  const x2 = b.scaled;
  const o1 = i * d;
  const o2 = j * d;
  let gs: number;
  if (Math.abs(e1) > EXTREME_EXPONENT || Math.abs(e2) > EXTREME_EXPONENT) {
    gs = 0;
    for (let k = 0; k < d; k++) gs += x1[o1 + k] * x2[o2 + k];
  } else gs = ldexp(g, -(e1 + e2));
  const rho = gs / (n1 * n2);
  let m = 1 - rho;
  let p = 1 + rho;
  if (m < REFINE_BELOW || p < REFINE_BELOW) {
    const sign = m < REFINE_BELOW ? -1 : 1;
    let s = 0;
    for (let k = 0; k < d; k++) {
      const u = x1[o1 + k];
      const v = x2[o2 + k];
      const pa = u * n2;
      const pb = v * n1;
      const ea = productError(u, n2, pa);
      const eb = productError(v, n1, pb);
      const t = sign < 0 ? pa - pb + (ea - eb) : pa + pb + (ea + eb);
      s += t * t;
    }
    const nn = n1 * n2;
    const v = (0.5 * s) / (nn * nn);
    if (sign < 0) m = v;
    else p = v;
  }
  out[0] = m;
  out[1] = p;
}
