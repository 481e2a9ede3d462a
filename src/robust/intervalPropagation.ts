/**
 * Interval bound propagation (IBP) of the toolkit's networks over a perturbation set, for the certified
 * upper end of the robust-loss bracket. Everything here is a sound over-approximation: every returned
 * interval contains f(x') for every x' in the set (up to an explicit outward rounding margin).
 * @internal
 * @packageDocumentation
 */
import { CAP, type KindCode, LINF } from '../attacks/setGeometry.ts';
import { type Activation, act } from '../nn/activation.ts';
import { type LossName, sigmoid } from '../nn/loss.ts';
import type { DifferentiableModel, Mat } from '../types.ts';

/** Relative outward rounding margin added to every propagated interval. */
export const ROUND_MARGIN = 1e-12;

/** A two-layer net f(x) = m^{-1/2} Σ a_r σ(w_r·x), as seen by the bound routines. @internal */
export interface TwoLayerView {
  readonly type: 'twoLayer';
  readonly W: Mat;
  readonly a: Float64Array;
  readonly activation: Activation;
}

/** A fully connected ReLU net (NTK parameterisation), as seen by the bound routines. @internal */
export interface FcReluView {
  readonly type: 'fcRelu';
  readonly sizes: readonly number[];
  readonly params: Float64Array;
  readonly offsets: readonly number[];
  readonly wStd: number;
  readonly bStd: number;
}

/** A network the bound routines understand. @internal */
export type BoundableNet = TwoLayerView | FcReluView;

/** A set around one input row: kind code and radius (cap radius already clamped to [0, π]). @internal */
export interface SetSpec {
  readonly kind: KindCode;
  readonly rho: number;
}

/**
 * Recognises a `twoLayerNet` or `fcReluNet` (by `kind` and consistent shapes); anything else gives null
 * (no certified bound).
 * @internal
 */
export function boundableNet(model: DifferentiableModel): BoundableNet | null {
  const m = model as unknown as Record<string, unknown>;
  const d = model.inputDim;
  if (m.kind === 'twoLayer') {
    const W = m.W as Mat | undefined;
    const a = m.a as Float64Array | undefined;
    const activation = m.activation as Activation | undefined;
    if (
      W !== undefined &&
      a instanceof Float64Array &&
      W.data instanceof Float64Array &&
      W.cols === d &&
      W.rows === a.length &&
      W.data.length === W.rows * W.cols &&
      (activation === 'relu' || activation === 'relu2' || activation === 'softplus')
    ) {
      return { type: 'twoLayer', W, a, activation };
    }
    return null;
  }
  if (m.kind === 'fcRelu') {
    const sizes = m.sizes as readonly number[] | undefined;
    const params = m.params as Float64Array | undefined;
    const layers = m.layers as readonly { offset: number; length: number }[] | undefined;
    const wStd = m.wStd;
    const bStd = m.bStd;
    if (
      !Array.isArray(sizes) ||
      !(params instanceof Float64Array) ||
      !Array.isArray(layers) ||
      typeof wStd !== 'number' ||
      typeof bStd !== 'number' ||
      sizes[0] !== d ||
      sizes[sizes.length - 1] !== 1 ||
      layers.length !== sizes.length - 1
    ) {
      return null;
    }
    for (let l = 0; l < layers.length; l++) {
      if (layers[l].length !== sizes[l + 1] * (sizes[l] + 1)) return null;
    }
    return { type: 'fcRelu', sizes, params, offsets: layers.map((b) => b.offset), wStd, bStd };
  }
  return null;
}

/** Chord radius 2 sin(ρ/2) of a cap of angle ρ ∈ [0, π]: B(x, ρ) ∩ S ⊂ ℓ₂ ball of that radius. @internal */
export function chordRadius(rho: number): number {
  return 2 * Math.sin(Math.min(rho, Math.PI) / 2);
}

/**
 * Interval [lo, hi] of the linear form w·x' over the set around x (row `x[xOff..xOff+d)`), with w =
 * scale·v[vOff..vOff+d): w·x ± ρ‖w‖_* (ℓ₁ for ℓ∞, ℓ₂ for ℓ₂); for caps the ℓ₂ ball of chord radius,
 * intersected with [−‖w‖₂, ‖w‖₂] (x' is a unit vector). Written into out[0], out[1].
 */
function linearRange(
  v: Float64Array,
  vOff: number,
  scale: number,
  x: Float64Array,
  xOff: number,
  d: number,
  set: SetSpec,
  out: Float64Array,
): void {
  let c = 0;
  let l1 = 0;
  let l2 = 0;
  let mag = 0;
  for (let j = 0; j < d; j++) {
    const w = scale * v[vOff + j];
    c += w * x[xOff + j];
    mag += Math.abs(w * x[xOff + j]);
    l1 += Math.abs(w);
    l2 += w * w;
  }
  l2 = Math.sqrt(l2);
  const r = set.kind === LINF ? set.rho * l1 : set.kind === CAP ? chordRadius(set.rho) * l2 : set.rho * l2;
  const slack = ROUND_MARGIN * (mag + r);
  let lo = c - r - slack;
  let hi = c + r + slack;
  if (set.kind === CAP) {
    const cap = l2 * (1 + ROUND_MARGIN);
    lo = Math.max(lo, -cap);
    hi = Math.min(hi, cap);
  }
  out[0] = lo;
  out[1] = hi;
}

/** sup of σ' over [lo, hi] (σ' is nondecreasing for all three activations). */
function derivSup(s: Activation, hi: number): number {
  if (s === 'relu') return hi > 0 ? 1 : 0;
  if (s === 'relu2') return hi > 0 ? 2 * hi : 0;
  return sigmoid(hi);
}

/** Result of {@link predictionInterval}. @internal */
export interface PredictionBound {
  /** f(x') ∈ [lo, hi] for every x' in the set. */
  readonly lo: number;
  readonly hi: number;
  /**
   * For twoLayer nets: an upper bound on sup ‖∇f‖₂ over the set (pre-activation intervals give sup σ'),
   * m^{-1/2} Σ_r |a_r| sup σ'(z_r) ‖w_r‖₂. For fcRelu nets: the global Lipschitz bound
   * Π_l (σ_w/√fanIn_l)‖W_l‖_F (ReLU is 1-Lipschitz, ‖·‖₂ ≤ ‖·‖_F).
   */
  readonly gradNorm: number;
  /**
   * For twoLayer nets with a C² activation (softplus, relu2) and a cap set: a bound on |g''(φ)| for
   * g(φ) = f(x(φ)) along any unit-speed great circle through the set,
   * m^{-1/2} Σ_r |a_r| (sup σ''·‖w_r‖₂² + sup |σ'(z) z|), from g'' = m^{-1/2} Σ a_r (σ''(z_r)(w_r·t)² −
   * σ'(z_r) z_r) with z_r = w_r·x and |w_r·t| ≤ ‖w_r‖₂. +∞ otherwise (ReLU kinks, deep nets).
   */
  readonly curvature: number;
}

/**
 * Interval of f over the set around row x[xOff..xOff+d) by interval bound propagation. `scratch` is
 * reused between calls.
 * @internal
 */
export function predictionInterval(
  net: BoundableNet,
  x: Float64Array,
  xOff: number,
  d: number,
  set: SetSpec,
  scratch: { buf: Float64Array },
): PredictionBound {
  const r2 = new Float64Array(2);
  if (net.type === 'twoLayer') {
    const m = net.W.rows;
    const s = net.activation;
    const scale = 1 / Math.sqrt(m);
    let lo = 0;
    let hi = 0;
    let mag = 0;
    let grad = 0;
    let curv = 0;
    for (let r = 0; r < m; r++) {
      linearRange(net.W.data, r * d, 1, x, xOff, d, set, r2);
      const slo = act(s, r2[0]);
      const shi = act(s, r2[1]);
      const a = net.a[r];
      if (a >= 0) {
        lo += a * slo;
        hi += a * shi;
      } else {
        lo += a * shi;
        hi += a * slo;
      }
      mag += Math.abs(a) * Math.max(Math.abs(slo), Math.abs(shi));
      let wn = 0;
      for (let j = 0; j < d; j++) wn += net.W.data[r * d + j] ** 2;
      grad += Math.abs(a) * derivSup(s, r2[1]) * Math.sqrt(wn);
      // σ' ≥ 0 is nondecreasing, so sup |σ'(z) z| ≤ σ'(hi)·max(|lo|, |hi|).
      const s2 = s === 'softplus' ? 0.25 : r2[1] > 0 ? 2 : 0;
      curv += Math.abs(a) * (s2 * wn + derivSup(s, r2[1]) * Math.max(Math.abs(r2[0]), Math.abs(r2[1])));
    }
    const slack = ROUND_MARGIN * (1 + mag) * scale;
    return {
      lo: scale * lo - slack,
      hi: scale * hi + slack,
      gradNorm: scale * grad * (1 + ROUND_MARGIN),
      curvature:
        s === 'relu' || set.kind !== CAP ? Number.POSITIVE_INFINITY : scale * curv * (1 + ROUND_MARGIN),
    };
  }
  // fcRelu: first layer by the dual norm, then box arithmetic in centre/radius form.
  const sizes = net.sizes;
  const depth = sizes.length - 2;
  const width = Math.max(...sizes);
  if (scratch.buf.length < 4 * width) scratch.buf = new Float64Array(4 * width);
  const buf = scratch.buf;
  let loIn = buf.subarray(0, width);
  let hiIn = buf.subarray(width, 2 * width);
  let loOut = buf.subarray(2 * width, 3 * width);
  let hiOut = buf.subarray(3 * width, 4 * width);
  let lip = 1;
  for (let l = 0; l <= depth; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const alpha = net.wStd / Math.sqrt(fanIn);
    const offW = net.offsets[l];
    const offB = offW + fanOut * fanIn;
    let fro = 0;
    for (let k = 0; k < fanOut * fanIn; k++) fro += net.params[offW + k] ** 2;
    lip *= alpha * Math.sqrt(fro);
    for (let o = 0; o < fanOut; o++) {
      const b = net.bStd * net.params[offB + o];
      let lo: number;
      let hi: number;
      if (l === 0) {
        linearRange(net.params, offW + o * fanIn, alpha, x, xOff, d, set, r2);
        lo = r2[0] + b;
        hi = r2[1] + b;
      } else {
        let c = 0;
        let rad = 0;
        let mag = 0;
        for (let j = 0; j < fanIn; j++) {
          const w = alpha * net.params[offW + o * fanIn + j];
          const mid = 0.5 * (loIn[j] + hiIn[j]);
          const half = 0.5 * (hiIn[j] - loIn[j]);
          c += w * mid;
          rad += Math.abs(w) * half;
          mag += Math.abs(w * mid);
        }
        const slack = ROUND_MARGIN * (mag + rad + Math.abs(b));
        lo = c + b - rad - slack;
        hi = c + b + rad + slack;
      }
      if (l < depth) {
        lo = Math.max(lo, 0);
        hi = Math.max(hi, 0);
      }
      loOut[o] = lo;
      hiOut[o] = hi;
    }
    [loIn, loOut] = [loOut, loIn];
    [hiIn, hiOut] = [hiOut, hiIn];
  }
  return {
    lo: loIn[0],
    hi: hiIn[0],
    gradNorm: lip * (1 + ROUND_MARGIN),
    curvature: Number.POSITIVE_INFINITY,
  };
}

/**
 * max of a convex loss over predictions in [lo, hi]: attained at an end, max(ℓ(lo), ℓ(hi)).
 * @internal
 */
export function lossUpperOnInterval(
  value: (p: number, y: number) => number,
  lo: number,
  hi: number,
  y: number,
): number {
  return Math.max(value(lo, y), value(hi, y));
}

/**
 * sup |ℓ'(p)| over p ∈ [lo, hi] (one-sided derivatives included), from the closed forms: square
 * 2·max|p − y|; logistic |y|·max σ(−y p) over the ends; hinge |y| if 1 − y·p ≥ 0 somewhere, else 0.
 * @internal
 */
export function lossSlopeOnInterval(name: LossName, lo: number, hi: number, y: number): number {
  if (name === 'square') return 2 * Math.max(Math.abs(lo - y), Math.abs(hi - y));
  if (name === 'logistic') return Math.abs(y) * Math.max(sigmoid(-y * lo), sigmoid(-y * hi));
  return Math.max(1 - y * lo, 1 - y * hi) >= 0 ? Math.abs(y) : 0;
}
