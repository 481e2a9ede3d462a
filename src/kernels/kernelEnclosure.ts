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

type Iv = readonly [number, number];

function ivMul(a: Iv, b: Iv): Iv {
  const p1 = a[0] * b[0];
  const p2 = a[0] * b[1];
  const p3 = a[1] * b[0];
  const p4 = a[1] * b[1];
  return [Math.min(p1, p2, p3, p4), Math.max(p1, p2, p3, p4)];
}
function ivAdd(a: Iv, b: Iv): Iv {
  return [a[0] + b[0], a[1] + b[1]];
}
function ivScale(c: number, a: Iv): Iv {
  return c >= 0 ? [c * a[0], c * a[1]] : [c * a[1], c * a[0]];
}
/** a / n for n ⊂ (0, ∞). */
function ivDivPos(a: Iv, n: Iv): Iv {
  return ivMul(a, [1 / n[1], 1 / n[0]]);
}

/** Ranges over ρ ∈ [r0, r1] ⊂ (−1, 1) of κ₀, √(1−ρ²)/π and κ₀' = 1/(π√(1−ρ²)). */
function angularRanges(r0: number, r1: number): { k0: Iv; sq: Iv; k0p: Iv } {
  const a0 = Math.sqrt(1 - r0 * r0);
  const a1 = Math.sqrt(1 - r1 * r1);
  const sMin = Math.min(a0, a1) * (1 - REL_EPS);
  const sMax = r0 <= 0 && r1 >= 0 ? 1 : Math.max(a0, a1) * (1 + REL_EPS);
  return {
    k0: [kappa0(r0), kappa0(r1)],
    sq: [sMin / Math.PI, sMax / Math.PI],
    k0p: [1 / (Math.PI * sMax), 1 / (Math.PI * sMin)],
  };
}

/**
 * Slope enclosure: writes into `grad` the ranges of ∂k/∂s and ∂k/∂q over the rectangle (grad[0..1] for s,
 * grad[2..3] for q) and returns true, or returns false where a derivative is unbounded (the rectangle
 * reaches |ρ| = 1 at some layer: the kernel's kink at x ∥ z, or the clamped region).
 */
export type KernelSlopeEnclosure = (
  sLo: number,
  sHi: number,
  qLo: number,
  qHi: number,
  p: number,
  d: number,
  grad: Float64Array,
) => boolean;

function fcReluRecursion(spec: Extract<KernelSpec, { name: 'fcRelu' }>, ntk: boolean) {
  const w2 = spec.wStd * spec.wStd;
  const b2 = spec.bStd * spec.bStd;
  const standard = spec.parameterization === 'standard';
  const beta = standard && spec.bStd > 0 ? 1 : 0;
  const L = spec.depth + 1;
  const rho = new Float64Array(2);
  /** Values (and, with `grad`, slopes) of the recursion on intervals; false if a slope is unbounded. */
  return (
    sLo: number,
    sHi: number,
    qLo: number,
    qHi: number,
    p: number,
    d: number,
    out: Float64Array,
    grad: Float64Array | null,
  ): boolean => {
    let qx: Iv = [qLo / d, qHi / d];
    let dqx = 1 / d; // ∂q_x/∂q is a constant through the diagonal recursion
    let qc = p / d;
    let sig: Iv = [sLo / d, sHi / d];
    let th: Iv = [0, 0];
    let dsigS: Iv = [1 / d, 1 / d];
    let dsigQ: Iv = [0, 0];
    let dthS: Iv = [0, 0];
    let dthQ: Iv = [0, 0];
    let qxo: Iv = [0, 0];
    let dqxo = 0;
    let qco = 0;
    for (let l = 0; l < L; l++) {
      if (l > 0) {
        const n: Iv = [normLo(qxo[0], qco), normHi(qxo[1], qco)];
        rhoRange(sig[0], sig[1], n[0], n[1], rho);
        const k0: Iv = [kappa0(rho[0]), kappa0(rho[1])];
        const newSig: Iv = [h1(sig[0], n[0], false) / 2, h1(sig[1], n[1], true) / 2];
        const newTh = ivScale(0.5, ivMul(th, k0));
        if (grad !== null) {
          if (!(n[0] > 0) || rho[0] <= -1 || rho[1] >= 1) return false;
          const ar = angularRanges(rho[0], rho[1]);
          // n = √(q_xo·q_co): ∂n/∂q = q_co·∂q_xo/∂q / (2n)
          const dnQ = ivScale((qco * dqxo) / 2, [1 / n[1], 1 / n[0]]);
          // ρ = Σ/n: ∂ρ = ∂Σ/n − Σ·∂n/n²
          const dRhoS = ivDivPos(dsigS, n);
          const dRhoQ = ivAdd(ivDivPos(dsigQ, n), ivScale(-1, ivDivPos(ivMul(sig, dnQ), ivMul(n, n))));
          // Σ' = h₁(Σ, n)/2: ∂h₁/∂Σ = κ₀(ρ), ∂h₁/∂n = √(1−ρ²)/π
          const nsS = ivScale(0.5, ivMul(ar.k0, dsigS));
          const nsQ = ivScale(0.5, ivAdd(ivMul(ar.k0, dsigQ), ivMul(ar.sq, dnQ)));
          // Θ' = Θ·κ₀(ρ)/2
          dthS = ivScale(0.5, ivAdd(ivMul(dthS, ar.k0), ivMul(th, ivMul(ar.k0p, dRhoS))));
          dthQ = ivScale(0.5, ivAdd(ivMul(dthQ, ar.k0), ivMul(th, ivMul(ar.k0p, dRhoQ))));
          dsigS = nsS;
          dsigQ = nsQ;
        }
        sig = newSig;
        th = newTh;
        qx = [qxo[0] / 2, qxo[1] / 2];
        dqx = dqxo / 2;
        qc = qco / 2;
      }
      const ns: Iv = [w2 * sig[0] + b2, w2 * sig[1] + b2];
      if (standard) {
        const f = l === 0 ? d : spec.width;
        th = ivAdd(ivAdd(ivScale(w2, th), ivScale(f, sig)), [beta, beta]);
        if (grad !== null) {
          dthS = ivAdd(ivScale(w2, dthS), ivScale(f, dsigS));
          dthQ = ivAdd(ivScale(w2, dthQ), ivScale(f, dsigQ));
        }
      } else {
        th = ivAdd(ivScale(w2, th), ns);
        if (grad !== null) {
          dthS = ivAdd(ivScale(w2, dthS), ivScale(w2, dsigS));
          dthQ = ivAdd(ivScale(w2, dthQ), ivScale(w2, dsigQ));
        }
      }
      sig = ns;
      dsigS = ivScale(w2, dsigS);
      dsigQ = ivScale(w2, dsigQ);
      qxo = [w2 * qx[0] + b2, w2 * qx[1] + b2];
      dqxo = w2 * dqx;
      qco = w2 * qc + b2;
    }
    out[0] = ntk ? th[0] : sig[0];
    out[1] = ntk ? th[1] : sig[1];
    widen(out);
    if (grad !== null) {
      const gs = ntk ? dthS : dsigS;
      const gq = ntk ? dthQ : dsigQ;
      grad[0] = gs[0];
      grad[1] = gs[1];
      grad[2] = gq[0];
      grad[3] = gq[1];
      widenSlopes(grad);
    }
    return true;
  };
}

function widenSlopes(g: Float64Array): void {
  for (const i of [0, 2]) {
    const s = 1e-12 * (Math.abs(g[i]) + Math.abs(g[i + 1])) + 1e-300;
    g[i] -= s;
    g[i + 1] += s;
  }
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
    case 'fcRelu': {
      const rec = fcReluRecursion(spec, ntk);
      return (sLo, sHi, qLo, qHi, p, d, out) => {
        rec(sLo, sHi, qLo, qHi, p, d, out, null);
      };
    }
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

/**
 * Slopes of the two-layer and arc-cosine kernels, k = F(s, n) with n = √(q·p): ∂n/∂q = p/(2n), ρ = s/n.
 * Pieces: κ₀(ρ) (∂s = κ₀'/n, ∂n = −κ₀'ρ/n), h₁ (∂s = κ₀, ∂n = √(1−ρ²)/π), h₂ (∂s = 4h₁,
 * ∂n = n·T(ρ) with T = (2ρ√(1−ρ²) + 2(π − acos ρ))/π, non-decreasing: T' = 4√(1−ρ²)/π), and products with s.
 */
function angularSlopes(kind: 'k0' | 'h1' | 'h2' | 'sk0' | 'sh1') {
  const rho = new Float64Array(2);
  return (sLo: number, sHi: number, qLo: number, qHi: number, p: number, g: Float64Array): boolean => {
    const n: Iv = [normLo(qLo, p), normHi(qHi, p)];
    rhoRange(sLo, sHi, n[0], n[1], rho);
    if (!(n[0] > 0) || rho[0] <= -1 || rho[1] >= 1) return false;
    const ar = angularRanges(rho[0], rho[1]);
    const s: Iv = [sLo, sHi];
    const dnQ = ivScale(p / 2, [1 / n[1], 1 / n[0]]);
    const inv: Iv = [1 / n[1], 1 / n[0]];
    const rhoIv: Iv = [rho[0], rho[1]];
    const h1Iv: Iv = [h1(sLo, n[0], false), h1(sHi, n[1], true)];
    let gs: Iv;
    let gq: Iv;
    if (kind === 'k0') {
      gs = ivMul(ar.k0p, inv);
      gq = ivMul(ivScale(-1, ivMul(ivMul(ar.k0p, rhoIv), inv)), dnQ);
    } else if (kind === 'h1') {
      gs = ar.k0;
      gq = ivMul(ar.sq, dnQ);
    } else if (kind === 'h2') {
      const T = (r: number) => (2 * r * Math.sqrt(Math.max(0, 1 - r * r)) + 2 * acosPi(r)) / Math.PI;
      gs = ivScale(4, h1Iv);
      gq = ivMul(ivMul(n, [T(rho[0]), T(rho[1])]), dnQ);
    } else if (kind === 'sk0') {
      // s·κ₀(ρ): ∂s = κ₀ + s·κ₀'/n, ∂n = −s·κ₀'·ρ/n
      gs = ivAdd(ar.k0, ivMul(s, ivMul(ar.k0p, inv)));
      gq = ivMul(ivScale(-1, ivMul(s, ivMul(ivMul(ar.k0p, rhoIv), inv))), dnQ);
    } else {
      // s·h₁: ∂s = h₁ + s·κ₀, ∂n = s·√(1−ρ²)/π
      gs = ivAdd(h1Iv, ivMul(s, ar.k0));
      gq = ivMul(ivMul(s, ar.sq), dnQ);
    }
    g[0] = gs[0];
    g[1] = gs[1];
    g[2] = gq[0];
    g[3] = gq[1];
    return true;
  };
}

/**
 * The certified slope enclosure of a toolkit kernel (see {@link KernelSlopeEnclosure}); the mean-value form
 * of the linear relaxation uses it where it is bounded.
 */
export function kernelSlopeEnclosure(spec: KernelSpec, get: KernelChoice): KernelSlopeEnclosure {
  const ntk = get === 'ntk';
  switch (spec.name) {
    case 'fcRelu': {
      const rec = fcReluRecursion(spec, ntk);
      const out = new Float64Array(2);
      return (sLo, sHi, qLo, qHi, p, d, g) => rec(sLo, sHi, qLo, qHi, p, d, out, g);
    }
    case 'twoLayerNtk': {
      const quad = spec.activation === 'relu2';
      const both = spec.train === 'both';
      const nngp = angularSlopes(quad ? 'h2' : 'h1');
      const first = angularSlopes(quad ? 'sh1' : 'sk0');
      const tmp = new Float64Array(4);
      return (sLo, sHi, qLo, qHi, p, _d, g) => {
        g.fill(0);
        if (!ntk || both) {
          if (!nngp(sLo, sHi, qLo, qHi, p, tmp)) return false;
          for (let i = 0; i < 4; i++) g[i] += tmp[i] / 2;
        }
        if (ntk) {
          // ReLU: s·κ₀/2; ReLU²: 2·s·h₁
          if (!first(sLo, sHi, qLo, qHi, p, tmp)) return false;
          const c = quad ? 2 : 0.5;
          for (let i = 0; i < 4; i++) g[i] += c * tmp[i];
        }
        widenSlopes(g);
        return true;
      };
    }
    case 'arcCosine': {
      const f = angularSlopes(spec.degree === 0 ? 'k0' : spec.degree === 1 ? 'h1' : 'h2');
      return (sLo, sHi, qLo, qHi, p, _d, g) => {
        if (!f(sLo, sHi, qLo, qHi, p, g)) return false;
        widenSlopes(g);
        return true;
      };
    }
    case 'biasLift': {
      const base = kernelSlopeEnclosure(spec.base, get);
      const c2 = spec.c * spec.c;
      return (sLo, sHi, qLo, qHi, p, d, g) => {
        if (!base((sLo + c2) / 2, (sHi + c2) / 2, (qLo + c2) / 2, (qHi + c2) / 2, (p + c2) / 2, d + 1, g)) {
          return false;
        }
        for (let i = 0; i < 4; i++) g[i] /= 2;
        return true;
      };
    }
  }
}
