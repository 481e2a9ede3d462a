/**
 * FALKON's fused pass (src/backend/js/falkonPass.ts), the WebAssembly fallback of native/falkon_pass.cc:
 * the partial of one part of rows, with the same IEEE operations in the same order as the JavaScript loop
 * (8-lane row products as four f64x2 accumulators, combined ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)); separate
 * multiplies and adds), so bit-identical to it. Byte addresses; 0 stands for a null u or v (the scratch area
 * never starts at 0).
 */

/** a·x over j < M (both contiguous f64) in the contract's 8-lane order. */
function laneDot(pa: usize, px: usize, M: i32): f64 {
  let a0 = f64x2.splat(0.0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  const m8 = M & ~7;
  for (let j = 0; j < m8; j += 8) {
    const o = (<usize>j) << 3;
    a0 = f64x2.add(a0, f64x2.mul(v128.load(pa + o), v128.load(px + o)));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(pa + o + 16), v128.load(px + o + 16)));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(pa + o + 32), v128.load(px + o + 32)));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(pa + o + 48), v128.load(px + o + 48)));
  }
  const lo =
    f64x2.extract_lane(a0, 0) +
    f64x2.extract_lane(a0, 1) +
    (f64x2.extract_lane(a1, 0) + f64x2.extract_lane(a1, 1));
  const hi =
    f64x2.extract_lane(a2, 0) +
    f64x2.extract_lane(a2, 1) +
    (f64x2.extract_lane(a3, 0) + f64x2.extract_lane(a3, 1));
  let s = lo + hi;
  for (let j = m8; j < M; j++) {
    const o = (<usize>j) << 3;
    s += load<f64>(pa + o) * load<f64>(px + o);
  }
  return s;
}

/**
 * g ([k, M] at `pg`) ← Σ_{r < rows, in order} K_r·t_r from +0, t_rc = (K_r·uT_c + v_rc)·invN (u or v absent
 * when their address is 0), for the kernel rows K [rows, M] at `pkb`, u transposed [k, M] at `puT`,
 * v [rows, k] at `pv`; `pt` is scratch for k doubles.
 */
export function falkonPartial(
  pkb: usize,
  rows: i32,
  M: i32,
  k: i32,
  puT: usize,
  pv: usize,
  invN: f64,
  pg: usize,
  pt: usize,
): void {
  const rowBytes = (<usize>M) << 3;
  memory.fill(pg, 0, <usize>k * rowBytes);
  const m2 = M & ~1;
  for (let r = 0; r < rows; r++) {
    const pa = pkb + <usize>r * rowBytes;
    for (let c = 0; c < k; c++) {
      const pvc = pv + ((<usize>(r * k + c)) << 3);
      let s: f64 = 0;
      if (puT !== 0) {
        s = laneDot(pa, puT + <usize>c * rowBytes, M);
        if (pv !== 0) s += load<f64>(pvc);
      } else if (pv !== 0) s = load<f64>(pvc);
      store<f64>(pt + ((<usize>c) << 3), s * invN);
    }
    for (let c = 0; c < k; c++) {
      const tc = load<f64>(pt + ((<usize>c) << 3));
      const tv = f64x2.splat(tc);
      const gc = pg + <usize>c * rowBytes;
      for (let j = 0; j < m2; j += 2) {
        const o = (<usize>j) << 3;
        v128.store(gc + o, f64x2.add(v128.load(gc + o), f64x2.mul(v128.load(pa + o), tv)));
      }
      for (let j = m2; j < M; j++) {
        const o = (<usize>j) << 3;
        store<f64>(gc + o, load<f64>(gc + o) + load<f64>(pa + o) * tc);
      }
    }
  }
}
