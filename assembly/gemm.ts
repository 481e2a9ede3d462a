/**
 * Packed-panel DGEMM macro-kernel (Goto/BLIS style) with a 4×4 register tile of f64x2 vectors.
 *
 * Layout contract (written by the JavaScript driver in src/backend/wasm/dgemm.ts):
 * - packed A: `mc/4` micro-panels, each `kc × 4` (element (r, p) at `p·4 + r`), zero-padded to a multiple of 4 rows;
 * - packed B: `nc/4` micro-panels, each `kc × 4` (element (p, c) at `p·4 + c`), zero-padded to a multiple of 4 columns;
 * - C block: row-major with leading dimension `ldc` (elements), at least `mc × nc`.
 *
 * Each C entry receives `C += alpha · Σ_p a·b` with the sum taken in increasing `p` inside this call, so the
 * result of an entry never depends on which other rows or columns are in the same call. With `overwrite`
 * the C block is not read: each entry becomes `0 + alpha · Σ_p a·b` — the same bits as accumulating onto a
 * zeroed block (the `0 +` turns a −0 into +0, as the zeroed block did) — so a β = 0 product need not zero C
 * and copy it into scratch memory first.
 */

/**
 * C[0:mc, 0:nc] += alpha · Apacked · Bpacked (`overwrite` ≠ 0: C = 0 + alpha · Apacked · Bpacked); `mc`,
 * `nc` multiples of 4. Pointers are byte addresses.
 */
export function dgemmMacro(
  mc: i32,
  nc: i32,
  kc: i32,
  alpha: f64,
  pa: usize,
  pb: usize,
  pc: usize,
  ldc: i32,
  overwrite: i32,
): void {
  const va = f64x2.splat(alpha);
  const ldcBytes = (<usize>ldc) << 3;
  const panelBytes = (<usize>kc) << 5; // kc · 4 · 8
  for (let jr = 0; jr < nc; jr += 4) {
    const pbj = pb + <usize>(jr >> 2) * panelBytes;
    let pai = pa;
    let pcij = pc + ((<usize>jr) << 3);
    for (let ir = 0; ir < mc; ir += 4) {
      micro(kc, pai, pbj, pcij, ldcBytes, va, overwrite);
      pai += panelBytes;
      pcij += ldcBytes << 2;
    }
  }
}

/** 4×4 tile: C[4×4] += alpha · Σ_p A[:, p] ⊗ B[p, :] (inlined by Binaryen at -O3); `overwrite`: C is not read. */
function micro(kc: i32, pa: usize, pb: usize, pc: usize, ldcBytes: usize, va: v128, overwrite: i32): void {
  let c00 = f64x2.splat(0.0);
  let c01 = f64x2.splat(0.0);
  let c10 = f64x2.splat(0.0);
  let c11 = f64x2.splat(0.0);
  let c20 = f64x2.splat(0.0);
  let c21 = f64x2.splat(0.0);
  let c30 = f64x2.splat(0.0);
  let c31 = f64x2.splat(0.0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load64_splat(pa);
    c00 = f64x2.add(c00, f64x2.mul(a, b0));
    c01 = f64x2.add(c01, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 8);
    c10 = f64x2.add(c10, f64x2.mul(a, b0));
    c11 = f64x2.add(c11, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 16);
    c20 = f64x2.add(c20, f64x2.mul(a, b0));
    c21 = f64x2.add(c21, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 24);
    c30 = f64x2.add(c30, f64x2.mul(a, b0));
    c31 = f64x2.add(c31, f64x2.mul(a, b1));
    pa += 32;
    pb += 32;
  }
  let r = pc;
  store2(r, c00, c01, va, overwrite);
  r += ldcBytes;
  store2(r, c10, c11, va, overwrite);
  r += ldcBytes;
  store2(r, c20, c21, va, overwrite);
  r += ldcBytes;
  store2(r, c30, c31, va, overwrite);
}

/** One row of a tile: C[r, 0:4] ← (overwrite ? 0 : C[r, 0:4]) + alpha · (lo, hi). */
function store2(r: usize, lo: v128, hi: v128, va: v128, overwrite: i32): void {
  const zero = f64x2.splat(0.0);
  const c0 = overwrite ? zero : v128.load(r);
  const c1 = overwrite ? zero : v128.load(r, 16);
  v128.store(r, f64x2.add(c0, f64x2.mul(va, lo)));
  v128.store(r, f64x2.add(c1, f64x2.mul(va, hi)), 16);
}
