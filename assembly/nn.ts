/**
 * Fused passes of the two-layer network (src/nn/twoLayerRows.ts), the WebAssembly fallback of
 * native/nn_kernels.cc: the same IEEE operations in the same order as the JavaScript loops, so bit-identical
 * to them. z is [n, m] row-major at byte address `pz`, a is [m], u and out are [n].
 */

/** Math.max(t, 0) of JavaScript: t for t > 0 and for NaN, +0 otherwise (also for −0). */
function positivePart(t: f64): f64 {
  return !(t <= 0) ? t : 0.0;
}

function term(v: f64, ar: f64, square: bool): f64 {
  if (square) return ar * (v > 0 ? v * v : 0.0);
  return v > 0 ? ar * v : 0.0;
}

/**
 * out[i] = s·(pos_i + neg_i), pos/neg summing in index order the positive part and the rest of
 * t = a_r·σ(z_ir) (σ = ReLU, or ReLU² if `square`). Two rows at a time, one per lane, after a 2×2 transpose.
 */
export function nnActForward(pz: usize, n: i32, m: i32, pa: usize, s: f64, square: bool, pout: usize): void {
  const zero = f64x2.splat(0.0);
  const rowBytes = (<usize>m) << 3;
  const m2 = m & ~1;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const z0 = pz + <usize>i * rowBytes;
    const z1 = z0 + rowBytes;
    let pos = zero;
    let neg = zero;
    for (let r = 0; r < m2; r += 2) {
      const off = (<usize>r) << 3;
      const v0 = v128.load(z0 + off);
      const v1 = v128.load(z1 + off);
      for (let j = 0; j < 2; j++) {
        const col = j === 0 ? v128.shuffle<f64>(v0, v1, 0, 2) : v128.shuffle<f64>(v0, v1, 1, 3);
        const ar = f64x2.splat(load<f64>(pa + off + ((<usize>j) << 3)));
        const on = f64x2.gt(col, zero);
        const t = square
          ? f64x2.mul(ar, v128.and(on, f64x2.mul(col, col)))
          : v128.and(on, f64x2.mul(ar, col));
        const tp = v128.andnot(t, f64x2.le(t, zero));
        pos = f64x2.add(pos, tp);
        neg = f64x2.add(neg, f64x2.sub(t, tp));
      }
    }
    let p0 = f64x2.extract_lane(pos, 0);
    let q0 = f64x2.extract_lane(neg, 0);
    let p1 = f64x2.extract_lane(pos, 1);
    let q1 = f64x2.extract_lane(neg, 1);
    for (let r = m2; r < m; r++) {
      const ar = load<f64>(pa + ((<usize>r) << 3));
      let t = term(load<f64>(z0 + ((<usize>r) << 3)), ar, square);
      let tp = positivePart(t);
      p0 += tp;
      q0 += t - tp;
      t = term(load<f64>(z1 + ((<usize>r) << 3)), ar, square);
      tp = positivePart(t);
      p1 += tp;
      q1 += t - tp;
    }
    store<f64>(pout + ((<usize>i) << 3), s * (p0 + q0));
    store<f64>(pout + ((<usize>(i + 1)) << 3), s * (p1 + q1));
  }
  for (; i < n; i++) {
    const zi = pz + <usize>i * rowBytes;
    let p: f64 = 0;
    let q: f64 = 0;
    for (let r = 0; r < m; r++) {
      const t = term(load<f64>(zi + ((<usize>r) << 3)), load<f64>(pa + ((<usize>r) << 3)), square);
      const tp = positivePart(t);
      p += tp;
      q += t - tp;
    }
    store<f64>(pout + ((<usize>i) << 3), s * (p + q));
  }
}

/** z_ir ← z_ir > 0 ? (s·u_i)·a_r (ReLU) or 2·(s·u_i)·a_r·z_ir (ReLU²) : +0, in place. */
export function nnActBackward(pz: usize, n: i32, m: i32, pa: usize, s: f64, pu: usize, square: bool): void {
  const zero = f64x2.splat(0.0);
  const rowBytes = (<usize>m) << 3;
  const m2 = m & ~1;
  for (let i = 0; i < n; i++) {
    const zi = pz + <usize>i * rowBytes;
    const ui = s * load<f64>(pu + ((<usize>i) << 3));
    const c = square ? 2 * ui : ui;
    const cv = f64x2.splat(c);
    for (let r = 0; r < m2; r += 2) {
      const off = (<usize>r) << 3;
      const v = v128.load(zi + off);
      let g = f64x2.mul(cv, v128.load(pa + off));
      if (square) g = f64x2.mul(g, v);
      v128.store(zi + off, v128.and(f64x2.gt(v, zero), g));
    }
    for (let r = m2; r < m; r++) {
      const off = (<usize>r) << 3;
      const v = load<f64>(zi + off);
      const ar = load<f64>(pa + off);
      store<f64>(zi + off, v > 0 ? (square ? c * ar * v : c * ar) : 0.0);
    }
  }
}
