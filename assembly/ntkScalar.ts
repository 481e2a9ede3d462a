/**
 * Scalar helpers of the WebAssembly layer recursions (assembly/ntk.ts), ports of src/kernels/numerics.ts:
 * exact powers of two, ldexp, denseAngleScale and inputPairState with its refinement. The same IEEE-754
 * operations in the same order as the JavaScript, so bit-identical to it.
 */

export const PI: f64 = Math.PI;
export const TWO_PI: f64 = 2 * PI;
export const REFINE_BELOW: f64 = 1.0 / 16;
export const EXTREME_EXPONENT: f64 = 400;
const SPLIT: f64 = 134217729.0;

/** 2^k for an integer k in [−1022, 1023] (exact, from the exponent bits). */
export function pow2(k: i32): f64 {
  return reinterpret<f64>((<i64>(k + 1023)) << 52);
}

/** numerics.ts ldexp for |k| ≤ 2·EXTREME_EXPONENT: v·2^k in two exact power-of-two steps. */
export function ldexp2(v: f64, k: f64): f64 {
  const k1 = trunc(k / 2);
  return v * pow2(<i32>k1) * pow2(<i32>(k - k1));
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
export function denseAngleScale(r: f64): f64 {
  if ((r <= 1.157920892373162e77 && r >= 8.636168555094445e-78) || !(r < Infinity) || r === 0) return 1;
  return pow2(-(ilogb(r) / 2));
}

/** numerics.ts productError (Dekker's TwoProduct without FMA). */
function productError(a: f64, b: f64, ab: f64): f64 {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (ab - ah * bh - al * bh - ah * bl);
}

/**
 * numerics.ts inputPairState of one pair (rows at byte addresses x1, x2 of d entries), scalar: stores m, p at
 * pm, pp.
 */
export function inputPairState(
  g: f64,
  n1: f64,
  e1: f64,
  x1: usize,
  n2: f64,
  e2: f64,
  x2: usize,
  d: i32,
  pm: usize,
  pp: usize,
): void {
  if (n1 === 0 || n2 === 0) {
    store<f64>(pm, 1.0);
    store<f64>(pp, 1.0);
    return;
  }
  let gs: f64;
  if (Math.abs(e1) > EXTREME_EXPONENT || Math.abs(e2) > EXTREME_EXPONENT) {
    gs = 0;
    for (let k = 0; k < d; k++) {
      const o = (<usize>k) << 3;
      gs += load<f64>(x1 + o) * load<f64>(x2 + o);
    }
  } else {
    gs = ldexp2(g, -(e1 + e2));
  }
  const rho = gs / (n1 * n2);
  let m = 1 - rho;
  let p = 1 + rho;
  if (m < REFINE_BELOW || p < REFINE_BELOW) {
    const minus = m < REFINE_BELOW;
    let s: f64 = 0;
    for (let k = 0; k < d; k++) {
      const o = (<usize>k) << 3;
      const u = load<f64>(x1 + o);
      const v = load<f64>(x2 + o);
      const pa = u * n2;
      const pb = v * n1;
      const ea = productError(u, n2, pa);
      const eb = productError(v, n1, pb);
      const t = minus ? pa - pb + (ea - eb) : pa + pb + (ea + eb);
      s += t * t;
    }
    const nn = n1 * n2;
    const v = (0.5 * s) / (nn * nn);
    if (minus) m = v;
    else p = v;
  }
  store<f64>(pm, m);
  store<f64>(pp, p);
}
