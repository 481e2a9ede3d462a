/**
 * The layer recursions per row block on the dot products of the Gram GEMM, two column pairs per f64x2 vector:
 * the WebAssembly port of native/ntk_kernels.cc `fcReluRows` and `twoLayerRows` (themselves ports of
 * src/kernels/fcReluCore.ts fcReluPair, twoLayerNtk.ts and numerics.ts), with fdlibm's atan (the algorithm
 * of V8's Math.atan2) and the series of numerics.ts with their per-lane early exit. Every lane runs the same
 * IEEE-754 operations (+, −, ×, ÷, √; WebAssembly never fuses them) in the same order as the JavaScript, so
 * the results are bit-identical to it. Small helpers are left to Binaryen's inliner (-O3).
 *
 * Layout contract (written by src/kernels/wasmRecursion.ts; all pointers are byte addresses of f64 arrays):
 * - row side, `rows` rows: snorm, expo [rows]; sIn, sOut [rows, L] (L = depth + 1) or norm [rows];
 * - column side, padded to `ld` (a multiple of 4 ≥ cols) columns: snorm [ld] (pad 1), expo [ld] (pad 0),
 *   sInT and sOutT layer-major [L, ld] (pad 1) or norm [ld] (pad 0);
 * - g: dot products, m, p: pair states, outN, outT: row r at r·ld; fix: i32 scratch.
 * Row r is global row i0 + r; it covers columns [0, i0 + r] when `lowerOnly`, else [0, cols). A call runs
 * {@link ntkPairStates}, the caller redoes the listed lanes (near-parallel pairs, extreme exponents) with the
 * JavaScript inputPairState, then runs {@link ntkFcReluRows} or {@link ntkTwoLayerRows}. The diagonal of a
 * symmetric Gram is left to the caller.
 */

const PI: f64 = Math.PI;
const TWO_PI: f64 = 2 * PI;
/** numerics.ts REFINE_BELOW and EXTREME_EXPONENT: lanes beyond them are redone by the caller (JavaScript). */
const REFINE_BELOW: f64 = 1.0 / 16;
const EXTREME_EXPONENT: f64 = 400;

/** 2^k for an integer k in [−1022, 1023] (exact, from the exponent bits). */
function pow2(k: i32): f64 {
  return reinterpret<f64>((<i64>(k + 1023)) << 52);
}

/** ⌊log₂ r⌋ for a finite r > 0 (subnormals included). */
function ilogb(r: f64): i32 {
  const e = <i32>((reinterpret<u64>(r) >> 52) & 0x7ff);
  if (e !== 0) return e - 1023;
  return <i32>((reinterpret<u64>(r * pow2(64)) >> 52) & 0x7ff) - 1023 - 64;
}

/**
 * numerics.ts denseAngleScale: 1 inside [2^−256, 2^256] (and for 0 or non-finite r), else 2^(−trunc(e/2)) with
 * e = ⌊log₂ r⌋.
 */
function denseAngleScale(r: f64): f64 {
  if ((r <= 1.157920892373162e77 && r >= 8.636168555094445e-78) || !(r < Infinity) || r === 0) return 1;
  return pow2(-(ilogb(r) / 2));
}

// fdlibm s_atan.c (V8 src/base/ieee754.cc), in the shortest decimal form of the same doubles.
const ATANHI0: f64 = 0.4636476090008061;
const ATANHI1: f64 = 0.7853981633974483;
const ATANLO0: f64 = 2.2698777452961687e-17;
const ATANLO1: f64 = 3.061616997868383e-17;
const AT0: f64 = 0.3333333333333293;
const AT1: f64 = -0.19999999999876483;
const AT2: f64 = 0.14285714272503466;
const AT3: f64 = -0.11111110405462356;
const AT4: f64 = 0.09090887133436507;
const AT5: f64 = -0.0769187620504483;
const AT6: f64 = 0.06661073137387531;
const AT7: f64 = -0.058335701337905735;
const AT8: f64 = 0.049768779946159324;
const AT9: f64 = -0.036531572744216916;
const AT10: f64 = 0.016285820115365782;

/**
 * Test-only variant of atan (the negative control of test/conformance): 0 = fdlibm (V8's bits), 1 = the same
 * polynomial evaluated by one Horner scheme in z = x² (accurate to about an ulp, but not V8's bits).
 */
let atanVariant: i32 = 0;

/** Selects the atan variant of this instance (0 fdlibm, 1 Horner-in-z; anything else → 0) and returns it. */
export function ntkAtanVariant(v: i32): i32 {
  atanVariant = v === 1 ? 1 : 0;
  return atanVariant;
}

/** mask ? a : b per lane. */
function sel(mask: v128, a: v128, b: v128): v128 {
  return v128.bitselect(a, b, mask);
}

function splat(v: f64): v128 {
  return f64x2.splat(v);
}

/** fdlibm atan on [0, 1] per lane (ids −1, 0, 1; the other ids need |x| ≥ 1.1875). */
function atan01(x: v128): v128 {
  const small = f64x2.lt(x, splat(0.4375));
  const tiny = f64x2.lt(x, splat(7.450580596923828e-9)); // 2^-27
  const low = f64x2.lt(x, splat(0.6875));
  const one = splat(1.0);
  const two = splat(2.0);
  const xr = sel(
    small,
    x,
    sel(
      low,
      f64x2.div(f64x2.sub(f64x2.mul(two, x), one), f64x2.add(two, x)),
      f64x2.div(f64x2.sub(x, one), f64x2.add(x, one)),
    ),
  );
  const z = f64x2.mul(xr, xr);
  let s: v128;
  if (atanVariant === 1) {
    // Negative control: z·(AT0 + z·(AT1 + … + z·AT10)) in one Horner scheme.
    let h = splat(AT10);
    h = f64x2.add(splat(AT9), f64x2.mul(z, h));
    h = f64x2.add(splat(AT8), f64x2.mul(z, h));
    h = f64x2.add(splat(AT7), f64x2.mul(z, h));
    h = f64x2.add(splat(AT6), f64x2.mul(z, h));
    h = f64x2.add(splat(AT5), f64x2.mul(z, h));
    h = f64x2.add(splat(AT4), f64x2.mul(z, h));
    h = f64x2.add(splat(AT3), f64x2.mul(z, h));
    h = f64x2.add(splat(AT2), f64x2.mul(z, h));
    h = f64x2.add(splat(AT1), f64x2.mul(z, h));
    h = f64x2.add(splat(AT0), f64x2.mul(z, h));
    s = f64x2.mul(z, h);
  } else {
    // fdlibm: s1 = z·(AT0 + w·(AT2 + … + w·AT10)), s2 = w·(AT1 + w·(AT3 + … + w·AT9)), w = z².
    const w = f64x2.mul(z, z);
    let t1 = f64x2.add(splat(AT8), f64x2.mul(w, splat(AT10)));
    t1 = f64x2.add(splat(AT6), f64x2.mul(w, t1));
    t1 = f64x2.add(splat(AT4), f64x2.mul(w, t1));
    t1 = f64x2.add(splat(AT2), f64x2.mul(w, t1));
    t1 = f64x2.add(splat(AT0), f64x2.mul(w, t1));
    const s1 = f64x2.mul(z, t1);
    let t2 = f64x2.add(splat(AT7), f64x2.mul(w, splat(AT9)));
    t2 = f64x2.add(splat(AT5), f64x2.mul(w, t2));
    t2 = f64x2.add(splat(AT3), f64x2.mul(w, t2));
    t2 = f64x2.add(splat(AT1), f64x2.mul(w, t2));
    const s2 = f64x2.mul(w, t2);
    s = f64x2.add(s1, s2);
  }
  const rs = f64x2.sub(xr, f64x2.mul(xr, s));
  const hi = sel(low, splat(ATANHI0), splat(ATANHI1));
  const lo = sel(low, splat(ATANLO0), splat(ATANLO1));
  const rb = f64x2.sub(hi, f64x2.sub(f64x2.sub(f64x2.mul(xr, s), lo), xr));
  return sel(tiny, x, sel(small, rs, rb));
}

/**
 * sin t − t·cos t series on lanes with u < 1 (numerics.ts sinMinusTCos): Σ_{k≥1} (−1)^{k+1}·2k·u^{2k+1}/(2k+1)!,
 * the same terms and the same per-lane early exit as the JavaScript loop.
 */
function gSeries(u: v128): v128 {
  const t2 = f64x2.mul(u, u);
  let term = f64x2.div(f64x2.mul(t2, u), splat(3.0));
  let sum = term;
  let active = f64x2.lt(u, splat(1.0));
  const mt2 = f64x2.neg(t2);
  for (let k = 1; k < 12; k++) {
    if (!v128.any_true(active)) break;
    const den = <f64>k * <f64>(2 * k + 2) * <f64>(2 * k + 3);
    term = f64x2.mul(term, f64x2.div(f64x2.mul(mt2, splat(<f64>(k + 1))), splat(den)));
    sum = sel(active, f64x2.add(sum, term), sum);
    active = v128.andnot(active, f64x2.lt(f64x2.abs(term), f64x2.mul(splat(1e-18), sum)));
  }
  return sum;
}

/** j2FromPhi series on lanes with φ < 0.5 (numerics.ts): Σ_{k≥2} (−1)^k (k−1)(2φ)^{2k+1}/(2k+1)!. */
function j2Series(phi: v128): v128 {
  const t = f64x2.mul(splat(2.0), phi);
  const t2 = f64x2.mul(t, t);
  let term = f64x2.div(f64x2.mul(f64x2.mul(t2, t2), t), splat(120.0));
  let sum = term;
  let active = f64x2.lt(phi, splat(0.5));
  const mt2 = f64x2.neg(t2);
  for (let k = 2; k < 14; k++) {
    if (!v128.any_true(active)) break;
    const den = <f64>(k - 1) * <f64>(2 * k + 2) * <f64>(2 * k + 3);
    term = f64x2.mul(term, f64x2.div(f64x2.mul(mt2, splat(<f64>k)), splat(den)));
    sum = sel(active, f64x2.add(sum, term), sum);
    active = v128.andnot(active, f64x2.lt(f64x2.abs(term), f64x2.mul(splat(1e-18), sum)));
  }
  return sum;
}

// angleState results of the last call (φ = π − θ, sin θ, cos θ, J₁(θ), π − J₁(θ)).
let angPhi: v128 = f64x2.splat(0);
let angS: v128 = f64x2.splat(0);
let angC: v128 = f64x2.splat(0);
let angJ1: v128 = f64x2.splat(0);
let angPmJ1: v128 = f64x2.splat(0);

/** numerics.ts angleState on two pair states (m, p), into the ang* globals. */
function angleState(m: v128, p: v128): void {
  const t = f64x2.add(m, p);
  const sm = f64x2.sqrt(m);
  const sp = f64x2.sqrt(p);
  const le = f64x2.le(m, p);
  // atan2(y, x) = atan(y/x) for 0 ≤ y ≤ x, x > 0 (fdlibm's special cases x = 1 and y = 0 agree).
  const a = f64x2.mul(splat(2.0), atan01(f64x2.div(sel(le, sm, sp), sel(le, sp, sm))));
  const pi = splat(PI);
  const theta = sel(le, a, f64x2.sub(pi, a));
  const phi = sel(le, f64x2.sub(pi, a), a);
  const s = f64x2.div(f64x2.mul(splat(2.0), f64x2.mul(sm, sp)), t);
  const c = f64x2.div(f64x2.sub(p, m), t);
  // J₁(θ) = g(φ) (cos φ = −cos θ); π − J₁ = 2π·m/t − g(θ) for θ < 1. At most one of φ, θ is below 1.
  const one = splat(1.0);
  const phiSmall = f64x2.lt(phi, one);
  const ser = gSeries(sel(phiSmall, phi, theta));
  const j1 = sel(phiSmall, ser, f64x2.sub(s, f64x2.mul(phi, f64x2.neg(c))));
  angPhi = phi;
  angS = s;
  angC = c;
  angJ1 = j1;
  angPmJ1 = sel(
    f64x2.lt(theta, one),
    f64x2.sub(f64x2.div(f64x2.mul(splat(TWO_PI), m), t), ser),
    f64x2.sub(pi, j1),
  );
}

/** 2^k per lane for integer-valued k in [−1022, 1023]: k + 2^52 + 1023 holds k + 1023 in its low bits. */
function pow2x2(k: v128): v128 {
  return i64x2.shl(f64x2.add(k, splat(4503599627370496.0 + 1023.0)), 52);
}

/** Byte address of element j of the f64 array at p. */
function at(p: usize, j: i32): usize {
  return p + ((<usize>j) << 3);
}

// fcDense results (the pair state after a Dense layer).
let denseM: v128 = f64x2.splat(0);
let denseP: v128 = f64x2.splat(0);

/**
 * The Dense-layer angle update of fcReluPair on one vector of pairs, into denseM/denseP: from the state (m, p),
 * the new variance σ′ (sigNew), the row's √q before/after the layer (s1In, s1Out) and the columns' (s2In,
 * s2Out).
 */
function fcDense(
  w2: v128,
  b2: v128,
  sigNew: v128,
  m: v128,
  p: v128,
  s1In: f64,
  s1Out: f64,
  s2In: v128,
  s2Out: v128,
): void {
  const one = f64x2.splat(1.0);
  const r0 = f64x2.mul(f64x2.splat(s1Out), s2Out);
  // Exact power-of-two rescaling where a degree-4 term would leave the range (denseAngleScale).
  let c = one;
  const far = v128.or(
    f64x2.gt(r0, f64x2.splat(1.157920892373162e77)),
    f64x2.lt(r0, f64x2.splat(8.636168555094445e-78)),
  );
  if (v128.any_true(far)) {
    c = f64x2.replace_lane(
      f64x2.splat(denseAngleScale(f64x2.extract_lane(r0, 0))),
      1,
      denseAngleScale(f64x2.extract_lane(r0, 1)),
    );
  }
  const c2 = f64x2.mul(c, c);
  const r = f64x2.mul(r0, c2);
  const sg = f64x2.mul(sigNew, c2);
  const s1 = f64x2.mul(f64x2.splat(s1In), c);
  const s2 = f64x2.mul(s2In, c);
  const t = f64x2.add(m, p);
  const s12 = f64x2.mul(s1, s2);
  const sin2 = f64x2.div(f64x2.mul(f64x2.splat(4.0), f64x2.mul(m, p)), f64x2.mul(t, t));
  const ds = f64x2.sub(s1, s2);
  const dist2 = f64x2.add(f64x2.mul(ds, ds), f64x2.div(f64x2.mul(f64x2.mul(f64x2.splat(4.0), s12), m), t));
  const det = f64x2.add(
    f64x2.mul(f64x2.mul(f64x2.mul(w2, w2), f64x2.mul(s12, s12)), sin2),
    f64x2.mul(f64x2.mul(w2, f64x2.mul(b2, c2)), dist2),
  );
  const pos = f64x2.ge(sg, f64x2.splat(0.0));
  const zero = f64x2.eq(r0, f64x2.splat(0.0));
  // JavaScript: p = 1 + σ/r, m = det/(r(r + σ)) for σ ≥ 0, else m = 1 − σ/r, p = det/(r(r − σ)); both
  // branches share σ/r, and r + σ (σ ≥ 0) and r − σ (σ < 0) are the same IEEE sum r + |σ|.
  const q = f64x2.div(sg, r);
  const small = f64x2.div(det, f64x2.mul(r, f64x2.add(r, f64x2.abs(sg))));
  denseM = sel(zero, one, sel(pos, small, f64x2.sub(one, q)));
  denseP = sel(zero, one, sel(pos, f64x2.add(one, q), small));
}

/**
 * fc-ReLU recursion (fcReluPair after the input state) of columns j … j + 3 of one row, as two vectors A =
 * (j, j + 1) and B = (j + 2, j + 3) whose independent steps alternate (latency hiding): the row's per-layer
 * sIn/sOut at aSIn/aSOut, the columns' at bSInT/bSOutT + l·ld, states at pm/pp, dot products at pg.
 */
function fcQuad(
  depth: i32,
  w2s: f64,
  b2s: f64,
  standard: bool,
  width: f64,
  beta: f64,
  d: i32,
  aSIn: usize,
  aSOut: usize,
  bSInT: usize,
  bSOutT: usize,
  ld: i32,
  j: i32,
  pm: usize,
  pp: usize,
  pg: usize,
  outN: usize,
  outT: usize,
): void {
  const k = j + 2;
  let mA = v128.load(at(pm, j));
  let mB = v128.load(at(pm, k));
  let pA = v128.load(at(pp, j));
  let pB = v128.load(at(pp, k));
  const dv = f64x2.splat(<f64>d);
  let sigA = f64x2.div(v128.load(at(pg, j)), dv);
  let sigB = f64x2.div(v128.load(at(pg, k)), dv);
  const L = depth + 1;
  const w2 = f64x2.splat(w2s);
  const b2 = f64x2.splat(b2s);
  const pi = f64x2.splat(PI);
  const twoPi = f64x2.splat(TWO_PI);
  let thA = f64x2.splat(0.0);
  let thB = thA;
  for (let l = 0; l < L; l++) {
    if (l > 0) {
      // ReLU on the state after Dense l − 1.
      const ra = f64x2.splat(load<f64>(at(aSOut, l - 1)));
      const o = (l - 1) * ld;
      angleState(mA, pA);
      const j1A = angJ1;
      const phiA = angPhi;
      const pmA = angPmJ1;
      angleState(mB, pB);
      const j1B = angJ1;
      sigA = f64x2.div(f64x2.mul(f64x2.mul(ra, v128.load(at(bSOutT, o + j))), j1A), twoPi);
      sigB = f64x2.div(f64x2.mul(f64x2.mul(ra, v128.load(at(bSOutT, o + k))), j1B), twoPi);
      thA = f64x2.div(f64x2.mul(thA, phiA), twoPi);
      thB = f64x2.div(f64x2.mul(thB, angPhi), twoPi);
      mA = f64x2.div(pmA, pi);
      mB = f64x2.div(angPmJ1, pi);
      pA = f64x2.div(f64x2.add(pi, j1A), pi);
      pB = f64x2.div(f64x2.add(pi, j1B), pi);
    }
    const sigNewA = f64x2.add(f64x2.mul(w2, sigA), b2);
    const sigNewB = f64x2.add(f64x2.mul(w2, sigB), b2);
    if (standard) {
      const fan = f64x2.splat(l === 0 ? <f64>d : width);
      const bv = f64x2.splat(beta);
      thA = f64x2.add(f64x2.add(f64x2.mul(w2, thA), f64x2.mul(fan, sigA)), bv);
      thB = f64x2.add(f64x2.add(f64x2.mul(w2, thB), f64x2.mul(fan, sigB)), bv);
    } else {
      thA = f64x2.add(f64x2.mul(w2, thA), sigNewA);
      thB = f64x2.add(f64x2.mul(w2, thB), sigNewB);
    }
    if (l < L - 1 && b2s !== 0) {
      const s1In = load<f64>(at(aSIn, l));
      const s1Out = load<f64>(at(aSOut, l));
      const o = l * ld;
      fcDense(
        w2,
        b2,
        sigNewA,
        mA,
        pA,
        s1In,
        s1Out,
        v128.load(at(bSInT, o + j)),
        v128.load(at(bSOutT, o + j)),
      );
      mA = denseM;
      pA = denseP;
      fcDense(
        w2,
        b2,
        sigNewB,
        mB,
        pB,
        s1In,
        s1Out,
        v128.load(at(bSInT, o + k)),
        v128.load(at(bSOutT, o + k)),
      );
      mB = denseM;
      pB = denseP;
    }
    sigA = sigNewA;
    sigB = sigNewB;
  }
  v128.store(at(outN, j), sigA);
  v128.store(at(outN, k), sigB);
  v128.store(at(outT, j), thA);
  v128.store(at(outT, k), thB);
}

/**
 * Input pair states (m, p) of rows [i0, i0 + rows) against their columns (numerics.ts inputPairState before
 * its refinement) into pm/pp (row r at r·ld) from the dot products at pg, two lanes at a time: ρ =
 * g·2^(−e₁−e₂)/(ñ₁ñ₂) (the power of two applied in the same two exact steps), m = 1 − ρ, p = 1 + ρ; zero rows
 * or columns get m = p = 1. The lanes that need the scalar path (|e₁| or |e₂| extreme, m or p below
 * REFINE_BELOW) are listed at pFix as r·ld + j (i32) for the caller to redo with the JavaScript
 * inputPairState; returns their count. Zeroes each row's dot products past its last column up to the next
 * multiple of 4: those pad lanes stay finite and are never stored.
 */
export function ntkPairStates(
  rows: i32,
  i0: i32,
  cols: i32,
  ld: i32,
  lowerOnly: bool,
  aSnorm: usize,
  aExpo: usize,
  bSnorm: usize,
  bExpo: usize,
  pg: usize,
  pm: usize,
  pp: usize,
  pFix: usize,
): i32 {
  const one = f64x2.splat(1.0);
  const zeroV = f64x2.splat(0.0);
  const refine = f64x2.splat(REFINE_BELOW);
  const extreme = f64x2.splat(EXTREME_EXPONENT);
  let nFix = 0;
  for (let r = 0; r < rows; r++) {
    const jEnd = lowerOnly ? i0 + r + 1 : cols;
    const nPad = (jEnd + 3) & ~3;
    const o = r * ld;
    const gRow = at(pg, o);
    const mRow = at(pm, o);
    const pRow = at(pp, o);
    for (let j = jEnd; j < nPad; j++) store<f64>(at(gRow, j), 0.0);
    const n1 = load<f64>(at(aSnorm, r));
    const e1 = load<f64>(at(aExpo, r));
    if (n1 === 0 || Math.abs(e1) > EXTREME_EXPONENT) {
      for (let j = 0; j < nPad; j++) {
        store<f64>(at(mRow, j), 1.0);
        store<f64>(at(pRow, j), 1.0);
      }
      if (n1 !== 0) {
        for (let j = 0; j < jEnd; j++) {
          store<i32>(pFix + ((<usize>nFix) << 2), o + j);
          nFix++;
        }
      }
      continue;
    }
    const n1v = f64x2.splat(n1);
    const e1v = f64x2.splat(e1);
    for (let j = 0; j < nPad; j += 2) {
      const gv = v128.load(at(gRow, j));
      const n2v = v128.load(at(bSnorm, j));
      const e2v = v128.load(at(bExpo, j));
      const k = f64x2.neg(f64x2.add(e1v, e2v));
      const k1 = f64x2.trunc(f64x2.div(k, f64x2.splat(2.0)));
      const gs = f64x2.mul(f64x2.mul(gv, pow2x2(k1)), pow2x2(f64x2.sub(k, k1)));
      const rho = f64x2.div(gs, f64x2.mul(n1v, n2v));
      const m = f64x2.sub(one, rho);
      const p = f64x2.add(one, rho);
      const zero = f64x2.eq(n2v, zeroV);
      const need = v128.andnot(
        v128.or(v128.or(f64x2.lt(m, refine), f64x2.lt(p, refine)), f64x2.gt(f64x2.abs(e2v), extreme)),
        zero,
      );
      v128.store(at(mRow, j), sel(zero, one, m));
      v128.store(at(pRow, j), sel(zero, one, p));
      if (v128.any_true(need)) {
        const bits = i64x2.bitmask(need);
        if ((bits & 1) !== 0 && j < jEnd) {
          store<i32>(pFix + ((<usize>nFix) << 2), o + j);
          nFix++;
        }
        if ((bits & 2) !== 0 && j + 1 < jEnd) {
          store<i32>(pFix + ((<usize>nFix) << 2), o + j + 1);
          nFix++;
        }
      }
    }
  }
  return nFix;
}

/**
 * Rows [i0, i0 + rows) of the fc-ReLU NNGP / NTK from the pair states at pm/pp and the dot products at pg
 * (layout in the file comment); plan as in src/kernels/fcReluTypes.ts (w2 = wStd², b2 = bStd², standard,
 * width, beta) and input dimension d.
 */
export function ntkFcReluRows(
  depth: i32,
  w2: f64,
  b2: f64,
  standard: bool,
  width: f64,
  beta: f64,
  d: i32,
  rows: i32,
  i0: i32,
  cols: i32,
  ld: i32,
  lowerOnly: bool,
  aSIn: usize,
  aSOut: usize,
  bSInT: usize,
  bSOutT: usize,
  pg: usize,
  pm: usize,
  pp: usize,
  outN: usize,
  outT: usize,
): void {
  const L = depth + 1;
  for (let r = 0; r < rows; r++) {
    const jEnd = lowerOnly ? i0 + r + 1 : cols;
    const nPad = (jEnd + 3) & ~3;
    const o = r * ld;
    const rowSIn = at(aSIn, r * L);
    const rowSOut = at(aSOut, r * L);
    for (let j = 0; j < nPad; j += 4) {
      fcQuad(
        depth,
        w2,
        b2,
        standard,
        width,
        beta,
        d,
        rowSIn,
        rowSOut,
        bSInT,
        bSOutT,
        ld,
        j,
        at(pm, o),
        at(pp, o),
        at(pg, o),
        at(outN, o),
        at(outT, o),
      );
    }
  }
}

/**
 * Two-layer kernel (src/kernels/twoLayerNtk.ts pairFn) of the column pair (j, j + 1) of one row with norm n1:
 * ReLU² when `quad` (else ReLU), ntk = first + nngp when `both` (else the first-layer term).
 */
function twoPairs(
  quad: bool,
  both: bool,
  g: v128,
  n1: f64,
  n2: v128,
  m: v128,
  p: v128,
  outN: usize,
  outT: usize,
  j: i32,
): void {
  angleState(m, p);
  const r = f64x2.mul(f64x2.splat(n1), n2);
  const twoPi = f64x2.splat(TWO_PI);
  let nngp: v128;
  let first: v128;
  if (quad) {
    const phi = angPhi;
    const cphi = f64x2.neg(angC);
    const direct = f64x2.sub(
      f64x2.mul(phi, f64x2.add(f64x2.splat(1.0), f64x2.mul(f64x2.mul(f64x2.splat(2.0), cphi), cphi))),
      f64x2.mul(f64x2.mul(f64x2.splat(3.0), angS), cphi),
    );
    const j2 = sel(f64x2.ge(phi, f64x2.splat(0.5)), direct, j2Series(phi));
    nngp = f64x2.div(f64x2.mul(f64x2.mul(r, r), j2), twoPi);
    first = f64x2.div(f64x2.mul(f64x2.mul(f64x2.mul(f64x2.splat(4.0), g), r), angJ1), twoPi);
  } else {
    nngp = f64x2.div(f64x2.mul(r, angJ1), twoPi);
    first = f64x2.div(f64x2.mul(g, angPhi), twoPi);
  }
  v128.store(at(outN, j), nngp);
  v128.store(at(outT, j), both ? f64x2.add(first, nngp) : first);
}

/**
 * Rows [i0, i0 + rows) of the two-layer kernel, layout as {@link ntkFcReluRows} with the norms in place of
 * the per-layer arrays: aNorm [rows], bNorm [ld] (pad 0). Symmetric (`lowerOnly`) covers columns [0, i0 + r].
 */
export function ntkTwoLayerRows(
  quad: bool,
  both: bool,
  rows: i32,
  i0: i32,
  cols: i32,
  ld: i32,
  lowerOnly: bool,
  aNorm: usize,
  bNorm: usize,
  pg: usize,
  pm: usize,
  pp: usize,
  outN: usize,
  outT: usize,
): void {
  for (let r = 0; r < rows; r++) {
    const jEnd = lowerOnly ? i0 + r + 1 : cols;
    const nPad = (jEnd + 3) & ~3;
    const o = r * ld;
    const n1 = load<f64>(at(aNorm, r));
    for (let j = 0; j < nPad; j += 2) {
      twoPairs(
        quad,
        both,
        v128.load(at(pg, o + j)),
        n1,
        v128.load(at(bNorm, j)),
        v128.load(at(pm, o + j)),
        v128.load(at(pp, o + j)),
        at(outN, o),
        at(outT, o),
        j,
      );
    }
  }
}
