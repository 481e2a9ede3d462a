/**
 * Certified interval enclosures of the toolkit's kernels k(x, z) as functions of the two scalars the
 * ReLU-family kernels depend on for a fixed z: s = x·z and q = ‖x‖² (with p = ‖z‖² fixed). Used by the
 * certified output bounds of kernel predictors.
 *
 * Derivation (documented in docs/robust-loss-bracket.md): with ρ = s/n, n = √(q_x q_z), the arc-cosine maps
 * κ₀(ρ) = 1 − acos(ρ)/π, κ₁(ρ) = (√(1−ρ²) + ρ(π − acos ρ))/π, κ₂(ρ) = (3ρ√(1−ρ²) + (π − acos ρ)(1 + 2ρ²))/π
 * are non-decreasing on [−1, 1] (κ₀' = 1/(π√(1−ρ²)), κ₁' = κ₀, κ₂' = 4κ₁). Their perspectives
 * h₁(s, n) = n·κ₁(s/n) and h₂(s, n) = n²·κ₂(s/n) are non-decreasing in s and in n:
 * ∂h₁/∂n = κ₁ − ρκ₁' = √(1−ρ²)/π ≥ 0 and ∂h₂/∂n = n(2κ₂ − ρκ₂') = 2n(π − θ + sin θ cos θ)/π ≥ 0.
 * Extended by clamping ρ to [−1, 1] (values for |s| > n) they stay monotone, so their ranges over a
 * rectangle of (s, n) are attained at two corners. Every Dense layer is affine in (Σ, Θ) and every NTK
 * step multiplies by κ₀/2 (interval product), so the recursion runs on intervals. Arguments of the monotone
 * maps are rounded outward (ρ by 2⁻⁵⁰, n by a relative 2⁻⁵⁰) and the result is widened by a relative 1e-13,
 * which covers the rounding of this evaluation and of the kernel code itself.
 * @internal
 * @packageDocumentation
 */
import type { KernelChoice, KernelSpec } from './types.ts';

/**
 * Encloses k(x, z) for a fixed z over all x with x·z ∈ [sLo, sHi] and ‖x‖² ∈ [qLo, qHi]; writes
 * out[0] ≤ k ≤ out[1]. `p` = ‖z‖², `d` = the input dimension (fc-relu scales the first layer by 1/d).
 */
export type KernelEnclosure = (
  sLo: number,
  sHi: number,
  qLo: number,
  qHi: number,
  p: number,
  d: number,
  out: Float64Array,
) => void;

const RHO_EPS = 2 ** -50;
const REL_EPS = 2 ** -50;
const VALUE_EPS = 1e-13;

function acosPi(r: number): number {
  return Math.PI - Math.acos(r);
}

/** κ₀(ρ) = 1 − acos(ρ)/π. */
export function kappa0(r: number): number {
  return acosPi(r) / Math.PI;
}

/** κ₁(ρ) = (√(1−ρ²) + ρ(π − acos ρ))/π. */
export function kappa1(r: number): number {
  return (Math.sqrt(Math.max(0, 1 - r * r)) + r * acosPi(r)) / Math.PI;
}

/** κ₂(ρ) = (3ρ√(1−ρ²) + (π − acos ρ)(1 + 2ρ²))/π. */
export function kappa2(r: number): number {
  return (3 * r * Math.sqrt(Math.max(0, 1 - r * r)) + acosPi(r) * (1 + 2 * r * r)) / Math.PI;
}

function clampRho(r: number): number {
  return Math.min(1, Math.max(-1, r));
}

/** h₁(s, n) = n·κ₁(clamp(s/n)), monotone in both arguments (0 at n = 0). */
function h1(s: number, n: number, up: boolean): number {
  if (!(n > 0)) return 0;
  const r = clampRho(s / n + (up ? RHO_EPS : -RHO_EPS));
  return n * kappa1(r);
}

/** h₂(s, n) = n²·κ₂(clamp(s/n)). */
function h2(s: number, n: number, up: boolean): number {
  if (!(n > 0)) return 0;
  const r = clampRho(s / n + (up ? RHO_EPS : -RHO_EPS));
  return n * n * kappa2(r);
}

/** Interval of ρ = s/n for s ∈ [sl, sh], n ∈ [nl, nh] (n ≥ 0), clamped to [−1, 1] and rounded outward. */
function rhoRange(sl: number, sh: number, nl: number, nh: number, out: Float64Array): void {
  if (!(nl > 0)) {
    out[0] = -1;
    out[1] = 1;
    return;
  }
  const lo = sl >= 0 ? sl / nh : sl / nl;
  const hi = sh >= 0 ? sh / nl : sh / nh;
  out[0] = clampRho(lo - RHO_EPS);
  out[1] = clampRho(hi + RHO_EPS);
}

/** [a0, a1]·[b0, b1] into out. */
function mulInto(a0: number, a1: number, b0: number, b1: number, out: Float64Array): void {
  const p1 = a0 * b0;
  const p2 = a0 * b1;
  const p3 = a1 * b0;
  const p4 = a1 * b1;
  out[0] = Math.min(p1, p2, p3, p4);
  out[1] = Math.max(p1, p2, p3, p4);
}

function widen(out: Float64Array): void {
  const s = VALUE_EPS * (1 + Math.abs(out[0]) + Math.abs(out[1]));
  out[0] -= s;
  out[1] += s;
}

/** √(a·b) rounded down / up (a, b ≥ 0). */
function normLo(a: number, b: number): number {
  return Math.sqrt(Math.max(0, a * b)) * (1 - REL_EPS);
}
function normHi(a: number, b: number): number {
  return Math.sqrt(Math.max(0, a * b)) * (1 + REL_EPS);
}

function fcReluEnclosure(spec: Extract<KernelSpec, { name: 'fcRelu' }>, ntk: boolean): KernelEnclosure {
  const w2 = spec.wStd * spec.wStd;
  const b2 = spec.bStd * spec.bStd;
  const standard = spec.parameterization === 'standard';
  const beta = standard && spec.bStd > 0 ? 1 : 0;
  const L = spec.depth + 1;
  const rho = new Float64Array(2);
  const prod = new Float64Array(2);
  return (sLo, sHi, qLo, qHi, p, d, out) => {
    let qxl = qLo / d;
    let qxh = qHi / d;
    let qc = p / d;
    let sigL = sLo / d;
    let sigH = sHi / d;
    let thL = 0;
    let thH = 0;
    let qxoL = 0;
    let qxoH = 0;
    let qco = 0;
    for (let l = 0; l < L; l++) {
      if (l > 0) {
        const nl = normLo(qxoL, qco);
        const nh = normHi(qxoH, qco);
        rhoRange(sigL, sigH, nl, nh, rho);
        mulInto(thL, thH, kappa0(rho[0]), kappa0(rho[1]), prod);
        thL = prod[0] / 2;
        thH = prod[1] / 2;
        const newL = h1(sigL, nl, false) / 2;
        const newH = h1(sigH, nh, true) / 2;
        sigL = newL;
        sigH = newH;
        qxl = qxoL / 2;
        qxh = qxoH / 2;
        qc = qco / 2;
      }
      const nsL = w2 * sigL + b2;
      const nsH = w2 * sigH + b2;
      if (standard) {
        const f = l === 0 ? d : spec.width;
        thL = w2 * thL + f * sigL + beta;
        thH = w2 * thH + f * sigH + beta;
      } else {
        thL = w2 * thL + nsL;
        thH = w2 * thH + nsH;
      }
      sigL = nsL;
      sigH = nsH;
      qxoL = w2 * qxl + b2;
      qxoH = w2 * qxh + b2;
      qco = w2 * qc + b2;
    }
    out[0] = ntk ? thL : sigL;
    out[1] = ntk ? thH : sigH;
    widen(out);
  };
}

function twoLayerEnclosure(
  spec: Extract<KernelSpec, { name: 'twoLayerNtk' }>,
  ntk: boolean,
): KernelEnclosure {
  const quad = spec.activation === 'relu2';
  const both = spec.train === 'both';
  const rho = new Float64Array(2);
  const prod = new Float64Array(2);
  return (sLo, sHi, qLo, qHi, p, _d, out) => {
    const nl = normLo(qLo, p);
    const nh = normHi(qHi, p);
    let lo = 0;
    let hi = 0;
    if (!ntk || both) {
      // nngp: h₁/2 (ReLU) or h₂/2 (ReLU²)
      lo += quad ? h2(sLo, nl, false) / 2 : h1(sLo, nl, false) / 2;
      hi += quad ? h2(sHi, nh, true) / 2 : h1(sHi, nh, true) / 2;
    }
    if (ntk) {
      if (quad) {
        // 4 s·n·J₁/(2π) = 2·s·h₁(s, n)
        mulInto(sLo, sHi, h1(sLo, nl, false), h1(sHi, nh, true), prod);
        lo += 2 * prod[0];
        hi += 2 * prod[1];
      } else {
        // s·(π − θ)/(2π) = s·κ₀(ρ)/2
        rhoRange(sLo, sHi, nl, nh, rho);
        mulInto(sLo, sHi, kappa0(rho[0]), kappa0(rho[1]), prod);
        lo += prod[0] / 2;
        hi += prod[1] / 2;
      }
    }
    out[0] = lo;
    out[1] = hi;
    widen(out);
  };
}

function arcCosineEnclosure(degree: 0 | 1 | 2): KernelEnclosure {
  const rho = new Float64Array(2);
  return (sLo, sHi, qLo, qHi, p, _d, out) => {
    const nl = normLo(qLo, p);
    const nh = normHi(qHi, p);
    if (degree === 0) {
      rhoRange(sLo, sHi, nl, nh, rho);
      out[0] = kappa0(rho[0]);
      out[1] = kappa0(rho[1]);
    } else if (degree === 1) {
      out[0] = h1(sLo, nl, false);
      out[1] = h1(sHi, nh, true);
    } else {
      out[0] = h2(sLo, nl, false);
      out[1] = h2(sHi, nh, true);
    }
    widen(out);
  };
}

/**
 * The certified enclosure of a toolkit kernel (`get` selects NNGP or NTK; arc-cosine kernels ignore it).
 * Bias lift: b(x)·b(z) = (s + c²)/2, ‖b(x)‖² = (q + c²)/2, ‖b(z)‖² = (p + c²)/2 in dimension d + 1.
 */
export function kernelEnclosure(spec: KernelSpec, get: KernelChoice): KernelEnclosure {
  const ntk = get === 'ntk';
  switch (spec.name) {
    case 'fcRelu':
      return fcReluEnclosure(spec, ntk);
    case 'twoLayerNtk':
      return twoLayerEnclosure(spec, ntk);
    case 'arcCosine':
      return arcCosineEnclosure(spec.degree);
    case 'biasLift': {
      const base = kernelEnclosure(spec.base, get);
      const c2 = spec.c * spec.c;
      return (sLo, sHi, qLo, qHi, p, d, out) =>
        base((sLo + c2) / 2, (sHi + c2) / 2, (qLo + c2) / 2, (qHi + c2) / 2, (p + c2) / 2, d + 1, out);
    }
  }
}
