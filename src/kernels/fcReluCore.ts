/**
 * Unchecked core of {@link fcReluKernel}: per-row precomputation, the row-block kernel (the entry point
 * for WASM/worker fast paths), the diagonal and the per-pair backward pass used by input gradients.
 *
 * Pair state through the layers: Σ₁₂ (the cross covariance, carried directly), (m, p) = (1 − cos θ,
 * 1 + cos θ) with full relative accuracy, and Θ. Per-row state: the diagonal variances q before and after
 * every Dense layer. Every per-entry formula is symmetric in its two rows bit for bit, so entry (i, j)
 * equals entry (j, i) exactly and any row-block split gives bit-identical matrices.
 * @internal
 * @packageDocumentation
 */
import type { FcReluPlan, FcReluSide } from './fcReluTypes.ts';
import { gramGemm, gramProducts, gramScratch } from './gramGemm.ts';
import { nativeFcParams, nativeFcReluRows, nativeRecursion } from './nativeRecursion.ts';
import {
  angleState,
  denseAngleScale,
  inputPairState,
  rowScales,
  TWO_PI,
  transposeBuf,
  unitRows,
} from './numerics.ts';
import type { RecursionImpl } from './recursionChoice.ts';
import { pickRecursion } from './recursionInUse.ts';
import { wasmFcReluRows } from './wasmRecursion.ts';

export type { FcReluPlan, FcReluSide } from './fcReluTypes.ts';
export type { RecursionImpl } from './recursionChoice.ts';

/**
 * Precomputes the per-row quantities of `x` ([n, d], row-major) for `plan`.
 * @internal
 */
export function fcReluPrepare(plan: FcReluPlan, x: Float64Array, n: number, d: number): FcReluSide {
  const L = plan.depth + 1;
  const rs = rowScales(x, n, d);
  const { norm, sq } = rs;
  const qIn = new Float64Array(n * L);
  const qOut = new Float64Array(n * L);
  const sIn = new Float64Array(n * L);
  const sOut = new Float64Array(n * L);
  const ntkDiag = new Float64Array(n);
  const { w2, b2, w, b, standard, width, beta } = plan;
  const sqrtD = Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    let q = sq[i] / d;
    let s = norm[i] / sqrtD;
    let th = 0;
    for (let l = 0; l < L; l++) {
      if (l > 0) {
        q = qOut[i * L + l - 1] / 2;
        s = sOut[i * L + l - 1] * Math.SQRT1_2;
        th = th / 2;
      }
      const qo = w2 * q + b2;
      qIn[i * L + l] = q;
      qOut[i * L + l] = qo;
      sIn[i * L + l] = s;
      sOut[i * L + l] = b === 0 ? w * s : Math.hypot(w * s, b);
      th = standard ? w2 * th + (l === 0 ? d : width) * q + beta : w2 * th + qo;
    }
    ntkDiag[i] = th;
  }
  // The transpose (JavaScript GEMM operand) and the unit rows (input gradients) on first use only.
  let xT: Float64Array | undefined;
  let unit: Float64Array | undefined;
  return {
    n,
    d,
    x,
    get xT() {
      xT ??= transposeBuf(x, n, d);
      return xT;
    },
    norm,
    get unit() {
      unit ??= unitRows(n, d, rs);
      return unit;
    },
    qIn,
    qOut,
    sIn,
    sOut,
    ntkDiag,
    rs,
  };
}

/**
 * NNGP and NTK of one pair (row i of `a`, row j of `b`) with dot product `g`; writes out[0] = nngp,
 * out[1] = ntk. `ang` is a scratch buffer of length ≥ 6.
 */
export function fcReluPair(
  plan: FcReluPlan,
  a: FcReluSide,
  i: number,
  b: FcReluSide,
  j: number,
  g: number,
  ang: Float64Array,
  out: Float64Array,
): void {
  const d = a.d;
  const L = plan.depth + 1;
  const { w2, b2, standard, width, beta } = plan;
  inputPairState(g, a.rs, i, b.rs, j, d, ang);
  let m = ang[0];
  let p = ang[1];
  let sig = g / d;
  let th = 0;
  const ia = i * L;
  const jb = j * L;
  for (let l = 0; l < L; l++) {
    if (l > 0) {
      // ReLU on the state after Dense l − 1.
      angleState(m, p, ang);
      const j1 = ang[4];
      sig = (a.sOut[ia + l - 1] * b.sOut[jb + l - 1] * j1) / TWO_PI;
      th = (th * ang[1]) / TWO_PI;
      m = ang[5] / Math.PI;
      p = (Math.PI + j1) / Math.PI;
    }
    const sigNew = w2 * sig + b2;
    th = standard ? w2 * th + (l === 0 ? d : width) * sig + beta : w2 * th + sigNew;
    if (l < L - 1 && b2 !== 0) {
      // Angle after Dense l, from the stable determinant det' = w⁴q₁q₂sin²θ + w²b²‖u − v‖², on the pair
      // rescaled by an exact power of two when a degree-4 term would leave the float64 range.
      const r0 = a.sOut[ia + l] * b.sOut[jb + l];
      if (r0 === 0) {
        m = 1;
        p = 1;
      } else {
        const c = denseAngleScale(r0);
        const c2 = c * c;
        const r = r0 * c2;
        const sg = sigNew * c2;
        const s1 = a.sIn[ia + l] * c;
        const s2 = b.sIn[jb + l] * c;
        const t = m + p;
        const s12 = s1 * s2;
        const sin2 = (4 * (m * p)) / (t * t);
        const ds = s1 - s2;
        const dist2 = ds * ds + (4 * s12 * m) / t;
        const det = w2 * w2 * (s12 * s12) * sin2 + w2 * (b2 * c2) * dist2;
        if (sg >= 0) {
          p = 1 + sg / r;
          m = det / (r * (r + sg));
        } else {
          m = 1 - sg / r;
          p = det / (r * (r - sg));
        }
      }
    }
    sig = sigNew;
  }
  out[0] = sig;
  out[1] = th;
}

/**
 * Unchecked row-block kernel: rows [r0, r1) of K(x1, x2) written into `outNngp` / `outNtk` at
 * `offOut + (i − r0)·ldOut + j` (pass `offOut = r0·ldOut` to address a full matrix). When `symmetric`
 * (a and b are the same side), only columns j ≤ i are computed (`lowerOnly`) or all columns; the diagonal
 * uses the exact diagonal recursion. Bit-identical for any split into row blocks: dot products come from
 * the backend GEMM of {@link gramGemm}, whose per-entry sum does not depend on the rows sharing a call.
 * The per-pair recursion runs natively when the addon is loaded ({@link nativeRecursion}), else in
 * WebAssembly SIMD when supported ({@link wasmRecursion}), both bit-identical to the JavaScript loop below;
 * `impl` (default: this thread's `withRecursion` override, else automatic) forces one implementation
 * (conformance tests; `'native'` or `'wasm'` throws when unavailable).
 * @internal
 */
export function fcReluRowsInto(
  plan: FcReluPlan,
  a: FcReluSide,
  b: FcReluSide,
  symmetric: boolean,
  lowerOnly: boolean,
  r0: number,
  r1: number,
  outNngp: Float64Array,
  outNtk: Float64Array,
  offOut: number,
  ldOut: number,
  impl: RecursionImpl = 'auto',
): void {
  const d = a.d;
  const n2 = b.n;
  const gg = gramGemm(d, n2);
  const rb = gg.rows;
  const gbuf = gramScratch(Math.min(rb, r1 - r0) * n2);
  const { nat, wasm } = pickRecursion('fcReluRowsInto', impl);
  if (nat !== undefined || wasm !== undefined) {
    const params = nat === undefined ? undefined : nativeFcParams(plan, d);
    for (let i0 = r0; i0 < r1; i0 += rb) {
      const i1 = Math.min(r1, i0 + rb);
      const cols = symmetric && lowerOnly ? i1 : n2;
      gramProducts(gg, i1 - i0, cols, d, a.x, i0 * d, b, gbuf);
      const oo = offOut + (i0 - r0) * ldOut;
      if (nat !== undefined && params !== undefined) {
        nativeFcReluRows(
          nat,
          params,
          a,
          b,
          gbuf,
          0,
          cols,
          i0,
          i1,
          symmetric,
          lowerOnly,
          outNngp,
          outNtk,
          oo,
          ldOut,
        );
      } else if (wasm !== undefined) {
        wasmFcReluRows(
          wasm,
          plan,
          a,
          b,
          gbuf,
          cols,
          i0,
          i1,
          symmetric,
          lowerOnly,
          outNngp,
          outNtk,
          oo,
          ldOut,
        );
      }
    }
    return;
  }
  const ang = new Float64Array(6);
  const res = new Float64Array(2);
  const L = plan.depth + 1;
  for (let i0 = r0; i0 < r1; i0 += rb) {
    const i1 = Math.min(r1, i0 + rb);
    const cols = symmetric && lowerOnly ? i1 : n2;
    gramProducts(gg, i1 - i0, cols, d, a.x, i0 * d, b, gbuf);
    for (let i = i0; i < i1; i++) {
      const jEnd = symmetric && lowerOnly ? i + 1 : n2;
      const go = (i - i0) * cols;
      const oo = offOut + (i - r0) * ldOut;
      for (let j = 0; j < jEnd; j++) {
        if (symmetric && i === j) {
          outNngp[oo + j] = a.qOut[i * L + L - 1];
          outNtk[oo + j] = a.ntkDiag[i];
          continue;
        }
        fcReluPair(plan, a, i, b, j, gbuf[go + j], ang, res);
        outNngp[oo + j] = res[0];
        outNtk[oo + j] = res[1];
      }
    }
  }
}

/**
 * Copies the lower triangle of a square row-major [n, n] buffer into its upper triangle (natively when the
 * addon is loaded, else in 64×64 tiles).
 */
export function mirrorLower(k: Float64Array, n: number): void {
  const nat = nativeRecursion();
  if (nat !== undefined) {
    nat.mirrorLower(k, n);
    return;
  }
  const T = 64;
  for (let i0 = 0; i0 < n; i0 += T) {
    const i1 = Math.min(n, i0 + T);
    for (let j0 = 0; j0 <= i0; j0 += T) {
      for (let i = i0; i < i1; i++) {
        const j1 = Math.min(i, j0 + T);
        for (let j = j0; j < j1; j++) k[j * n + i] = k[i * n + j];
      }
    }
  }
}

/** Scratch buffers of {@link fcReluPairGrad} for a plan (allocate once per gradient call). */
export interface FcReluGradScratch {
  readonly ang: Float64Array;
  /** Per layer: φ, sin θ, J₁, π − J₁, θ, Θ before the ReLU (ReLU layers); cos, sin, √det (Dense layers). */
  readonly layer: Float64Array;
}

/** Allocates the scratch of {@link fcReluPairGrad}. @internal */
export function fcReluGradScratch(plan: FcReluPlan): FcReluGradScratch {
  return { ang: new Float64Array(6), layer: new Float64Array((plan.depth + 1) * 9) };
}

/**
 * Input-gradient coefficients of one pair (row i of `a` = x, row j of `b` = z) with dot product `g` and input
 * state (m, p): ∂k(x, z)/∂x = out[0]·x̂ + out[1]·z + out[2]·w, where w is the unit vector along the part of z
 * orthogonal to x (w = ẑ when x = 0). `getNtk` selects Θ (else Σ). Reverse mode through the layer
 * recursion in the variables (√q₁, θ, Σ₁₂, Θ); every division is guarded so that parallel inputs give a
 * subgradient (the θ-direction coefficient of a kink is 0) and never 0·∞.
 * @internal
 */
export function fcReluPairGrad(
  plan: FcReluPlan,
  a: FcReluSide,
  i: number,
  b: FcReluSide,
  j: number,
  g: number,
  m0: number,
  p0: number,
  getNtk: boolean,
  scratch: FcReluGradScratch,
  out: Float64Array,
): void {
  const d = a.d;
  const L = plan.depth + 1;
  const { w2, b2, standard, width, beta } = plan;
  const { ang, layer } = scratch;
  const ia = i * L;
  const jb = j * L;
  // ---- forward, storing what the backward pass needs
  let m = m0;
  let p = p0;
  let sig = g / d;
  let th = 0;
  for (let l = 0; l < L; l++) {
    const o = l * 9;
    if (l > 0) {
      angleState(m, p, ang);
      const j1 = ang[4];
      layer[o] = ang[1];
      layer[o + 1] = ang[2];
      layer[o + 2] = j1;
      layer[o + 3] = ang[5];
      layer[o + 4] = ang[0];
      layer[o + 5] = th;
      sig = (a.sOut[ia + l - 1] * b.sOut[jb + l - 1] * j1) / TWO_PI;
      th = (th * ang[1]) / TWO_PI;
      m = ang[5] / Math.PI;
      p = (Math.PI + j1) / Math.PI;
    }
    const t = m + p;
    const cosPre = (p - m) / t;
    const sinPre = (2 * Math.sqrt(m * p)) / t;
    layer[o + 6] = cosPre;
    layer[o + 7] = sinPre;
    layer[o + 8] = 0;
    const sigNew = w2 * sig + b2;
    th = standard ? w2 * th + (l === 0 ? d : width) * sig + beta : w2 * th + sigNew;
    if (l < L - 1 && b2 !== 0) {
      const r = a.sOut[ia + l] * b.sOut[jb + l];
      if (r === 0) {
        m = 1;
        p = 1;
      } else {
        // Same exact power-of-two rescaling as fcReluPair (s₁₂² would overflow for huge × moderate rows):
        // det scales by c⁴, so √det = √det_c / c².
        const c = denseAngleScale(r);
        const c2 = c * c;
        const rc = r * c2;
        const sg = sigNew * c2;
        const s1 = a.sIn[ia + l] * c;
        const s2 = b.sIn[jb + l] * c;
        const s12 = s1 * s2;
        const sin2 = (4 * (m * p)) / (t * t);
        const ds = s1 - s2;
        const dist2 = ds * ds + (4 * s12 * m) / t;
        const det = w2 * w2 * (s12 * s12) * sin2 + w2 * (b2 * c2) * dist2;
        layer[o + 8] = Math.sqrt(det) / c2;
        if (sg >= 0) {
          p = 1 + sg / rc;
          m = det / (rc * (rc + sg));
        } else {
          m = 1 - sg / rc;
          p = det / (rc * (rc - sg));
        }
      }
    }
    sig = sigNew;
  }
  // ---- backward: adjoints of (s1, θ, Σ12, Θ) of the current state
  let sB = 0;
  let tB = 0;
  let gB = getNtk ? 0 : 1;
  let qB = getNtk ? 1 : 0;
  const wStd = Math.sqrt(w2);
  let e = 0;
  for (let l = L - 1; l >= 0; l--) {
    const o = l * 9;
    // Dense l
    const s1 = a.sIn[ia + l];
    const s2 = b.sIn[jb + l];
    const s1o = a.sOut[ia + l];
    const cosPre = layer[o + 6];
    const sinPre = layer[o + 7];
    const gAcc = gB + (standard ? 0 : qB);
    const gNew = w2 * gAcc + (standard ? (l === 0 ? d : width) * qB : 0);
    const qNew = w2 * qB;
    let dThS = 0;
    let dThT = 1;
    const angleMoves = l < L - 1 && b2 !== 0;
    if (angleMoves) {
      const sd = layer[o + 8]; // √det of the forward pass
      if (sd > 0) {
        dThS = (w2 * b2 * (s1 - s2 * cosPre)) / (s1o * s1o * sd);
        dThT = (w2 * s1 * s2 * sinPre) / sd;
      } else {
        dThS = 0;
        dThT = s1o > 0 ? (wStd * s1) / s1o : 0;
      }
    }
    const sNew = (s1o > 0 ? (sB * w2 * s1) / s1o : 0) + tB * dThS;
    if (l === 0) {
      const nx = a.norm[i];
      if (angleMoves) {
        const sd = layer[o + 8];
        e = sd > 0 ? (-tB * (w2 * s2 * sinPre)) / (Math.sqrt(d) * sd) : 0;
      } else {
        e = nx > 0 ? -tB / nx : 0;
      }
      out[0] = sNew / Math.sqrt(d);
      out[1] = gNew / d;
      out[2] = e;
      return;
    }
    tB = tB * dThT;
    sB = sNew;
    gB = gNew;
    qB = qNew;
    // ReLU before Dense l (state after Dense l − 1)
    const phi = layer[o];
    const sinT = layer[o + 1];
    const j1 = layer[o + 2];
    const pmj1 = layer[o + 3];
    const theta = layer[o + 4];
    const thPre = layer[o + 5];
    const r1 = a.sOut[ia + l - 1];
    const r2 = b.sOut[jb + l - 1];
    const den = Math.sqrt(pmj1 * (Math.PI + j1));
    const dRelu = den > 0 ? (phi * sinT) / den : theta < Math.PI / 2 ? 1 : 0;
    const tPre = tB * dRelu - (gB * (r1 * r2) * phi * sinT) / TWO_PI - (qB * thPre) / TWO_PI;
    sB = sB / Math.SQRT2 + (gB * r2 * j1) / TWO_PI;
    tB = tPre;
    qB = (qB * phi) / TWO_PI;
    gB = 0;
  }
}
