/**
 * Interval bound propagation and CROWN-style linear bound propagation of a {@link PiecewiseNet} over one
 * branch-and-bound sub-domain.
 * @internal
 * @packageDocumentation
 */
import { act } from '../nn/activation.ts';
import { activationRelaxation, derivInverse, lowerLine, type Relaxation } from './activationRelaxation.ts';
import { type BoundDomain, linearMin } from './boundDomain.ts';
import type { PiecewiseNet } from './piecewiseNet.ts';

/** Relative rounding margin per unit of fan-in for the back-substituted products. */
const PRODUCT_MARGIN = 1e-13;

/** Result of {@link netNodeBound}. @internal */
export interface NodeBound {
  /** Interval bound propagation: s·f(x') ≥ ibp on the domain. */
  readonly ibp: number;
  /** Linear bound propagation: s·f(x') ≥ linear on the domain. */
  readonly linear: number;
  /** A point of the set where the final linear bound is smallest (a candidate attained value), or null. */
  readonly point: Float64Array | null;
  /** Per input coordinate, how much the bound gains from splitting it (input branching score), length d. */
  readonly inputScore: Float64Array;
  /** Pre-activation bounds of the hidden layers, [lo, hi] per layer (ReLU branching). */
  readonly preLo: readonly Float64Array[];
  readonly preHi: readonly Float64Array[];
  /** |s·∂f/∂h_{k+1}| coefficients of the final linear bound at hidden layer k (ReLU branching scores). */
  readonly hiddenCoef: readonly Float64Array[];
}

/**
 * Certified lower bounds of s·f(x') over the domain D, by two methods:
 *
 * - **IBP**: the first-layer pre-activations are bounded exactly over D (`linearMin`), then intervals go
 *   through the monotone activation and the following layers in centre/radius form.
 * - **CROWN**: every hidden pre-activation interval (first layer exact; deeper layers by back-substitution
 *   from each neuron, intersected with IBP) fixes a linear relaxation of σ per neuron
 *   (`activationRelaxation`); the objective s·f is then written backwards as a linear function a·x' + c
 *   that is ≤ s·f(x') on D (lower line where the back-propagated coefficient is ≥ 0, upper line otherwise),
 *   and minimised over D exactly or by a sound relaxation (`linearMin`).
 *
 * With `optimise` (two-layer nets), the lower lines are also optimised (`optimiseLowerLines`, α-CROWN).
 * `fixed[k][j]` = +1 / −1 restricts hidden unit j of layer k to z ≥ 0 / z ≤ 0 (ReLU branching): the domain
 * is then D ∩ {that sign}, its pre-activation interval is clamped, and an empty clamp gives +∞.
 * Every product is widened by a rounding margin 1e-13 × fan-in × the magnitudes involved.
 * @internal
 */
export function netNodeBound(
  net: PiecewiseNet,
  dom: BoundDomain,
  sign: number,
  fixed: readonly Int8Array[] | null,
  wantPoint: boolean,
  optimise = false,
): NodeBound {
  const L = net.layers.length;
  const d = net.inputDim;
  const preLo: Float64Array[] = [];
  const preHi: Float64Array[] = [];
  const relax: Relaxation[][] = [];
  const hMax: Float64Array[] = [];
  const inMax = new Float64Array(d);
  for (let j = 0; j < d; j++) inMax[j] = Math.max(Math.abs(dom.lo[j]), Math.abs(dom.hi[j]));
  hMax.push(inMax);
  const infeasible = (): NodeBound => ({
    ibp: Number.POSITIVE_INFINITY,
    linear: Number.POSITIVE_INFINITY,
    point: null,
    inputScore: new Float64Array(d),
    preLo,
    preHi,
    hiddenCoef: [],
  });
  let outLo = 0;
  let outHi = 0;
  for (let k = 0; k < L; k++) {
    const { fanIn, fanOut, W, b } = net.layers[k];
    const lo = new Float64Array(fanOut);
    const hi = new Float64Array(fanOut);
    if (k === 0) {
      const row = new Float64Array(fanIn);
      for (let o = 0; o < fanOut; o++) {
        for (let j = 0; j < fanIn; j++) row[j] = W[o * fanIn + j];
        lo[o] = linearMin(row, b[o], dom).value;
        for (let j = 0; j < fanIn; j++) row[j] = -row[j];
        hi[o] = -linearMin(row, -b[o], dom).value;
      }
    } else {
      // IBP from the post-activation intervals of layer k − 1.
      const pl = preLo[k - 1];
      const ph = preHi[k - 1];
      for (let o = 0; o < fanOut; o++) {
        let c = b[o];
        let rad = 0;
        let mag = Math.abs(b[o]);
        for (let j = 0; j < fanIn; j++) {
          const w = W[o * fanIn + j];
          const a0 = act(net.activation, pl[j]);
          const a1 = act(net.activation, ph[j]);
          c += w * 0.5 * (a0 + a1);
          rad += Math.abs(w) * 0.5 * (a1 - a0);
          mag += Math.abs(w) * Math.max(Math.abs(a0), Math.abs(a1));
        }
        const slack = PRODUCT_MARGIN * (fanIn + 2) * mag;
        lo[o] = c - rad - slack;
        hi[o] = c + rad + slack;
      }
      if (k < L - 1) {
        // CROWN bounds of this hidden layer from every neuron (both directions), intersected with IBP.
        const eye = new Float64Array(fanOut * fanOut);
        for (let o = 0; o < fanOut; o++) eye[o * fanOut + o] = 1;
        const lower = backSubstitute(net, dom, k, eye, fanOut, relax, preLo, preHi, hMax, null);
        for (let o = 0; o < fanOut; o++) eye[o * fanOut + o] = -1;
        const upper = backSubstitute(net, dom, k, eye, fanOut, relax, preLo, preHi, hMax, null);
        for (let o = 0; o < fanOut; o++) {
          lo[o] = Math.max(lo[o], lower.values[o]);
          hi[o] = Math.min(hi[o], -upper.values[o]);
        }
      }
    }
    if (k === L - 1) {
      outLo = lo[0];
      outHi = hi[0];
      break;
    }
    const fx = fixed?.[k];
    const rl: Relaxation[] = [];
    const hm = new Float64Array(fanOut);
    for (let o = 0; o < fanOut; o++) {
      if (fx !== undefined && fx[o] !== 0) {
        if (fx[o] > 0) lo[o] = Math.max(lo[o], 0);
        else hi[o] = Math.min(hi[o], 0);
      }
      if (lo[o] > hi[o]) return infeasible();
      rl.push(
        activationRelaxation(net.activation, lo[o], hi[o], {
          lowerSlope: 0,
          lowerIntercept: 0,
          upperSlope: 0,
          upperIntercept: 0,
        }),
      );
      hm[o] = Math.max(Math.abs(act(net.activation, lo[o])), Math.abs(act(net.activation, hi[o])));
    }
    preLo.push(lo);
    preHi.push(hi);
    relax.push(rl);
    hMax.push(hm);
  }
  const ibp = sign > 0 ? outLo : -outHi;
  const point = wantPoint ? new Float64Array(d) : null;
  const lam = Float64Array.of(sign);
  const fin = backSubstitute(net, dom, L - 1, lam, 1, relax, preLo, preHi, hMax, point);
  let linear = fin.values[0];
  if (optimise && L === 2) {
    linear = Math.max(linear, optimiseLowerLines(net, dom, sign, relax[0], preLo[0], preHi[0], point));
  }
  const f0 = fixed?.[0] ?? null;
  if (L > 1 && f0 !== null && (f0.includes(1) || f0.includes(-1))) {
    linear = Math.max(linear, splitDual(net, dom, f0, fin, fin.hiddenCoef[0], point));
  }
  // Input branching score: width × (final coefficient + coefficients lost to non-linear first-layer units).
  const inputScore = new Float64Array(d);
  const W0 = net.layers[0].W;
  const c1 = fin.hiddenCoef[0];
  for (let j = 0; j < d; j++) inputScore[j] = Math.abs(fin.a[j]);
  if (c1 !== undefined) {
    for (let o = 0; o < c1.length; o++) {
      // How fast the unit's relaxation gap shrinks with its interval width: ReLU (unstable) ~ 1/4, convex
      // C² activations ~ sup σ''·(u − l)/4.
      const l = preLo[0][o];
      const u = preHi[0][o];
      const rate =
        net.activation === 'relu'
          ? l < 0 && u > 0
            ? 0.25
            : 0
          : (net.activation === 'relu2' ? (u > 0 ? 2 : 0) : 0.25) * 0.25 * (u - l);
      if (!(rate > 0)) continue;
      for (let j = 0; j < d; j++) inputScore[j] += rate * Math.abs(c1[o] * W0[o * d + j]);
    }
  }
  for (let j = 0; j < d; j++) inputScore[j] *= dom.hi[j] - dom.lo[j];
  return {
    ibp,
    linear,
    point: fin.hasPoint ? point : null,
    inputScore,
    preLo,
    preHi,
    hiddenCoef: fin.hiddenCoef,
  };
}

/** Steps of the lower-line optimisation (two-layer nets). */
const ALPHA_STEPS = 12;

/**
 * α-CROWN for two-layer nets: every lower line of a unit used by the final bound (coefficient s·v_r > 0,
 * unit not linear on its interval) may be any sound lower line (`lowerLine`: ReLU slope α ∈ [0, 1]; tangent
 * point t ∈ [l, u] for convex σ), so each choice gives a valid bound a·x + c minimised over D. The parameters
 * move along the bound's gradient at the minimiser x* (ReLU: α up where z*_r > 0, down otherwise; convex: t
 * towards z*_r), with steps 1/(k + 2); the best bound over the steps is returned. Rounding margin
 * 1e-13·(max(d, m) + 2)·2 × the magnitudes of the terms.
 */
function optimiseLowerLines(
  net: PiecewiseNet,
  dom: BoundDomain,
  sign: number,
  relax: readonly Relaxation[],
  lo: Float64Array,
  hi: Float64Array,
  point: Float64Array | null,
): number {
  const { fanIn: d, fanOut: m, W, b } = net.layers[0];
  const v = net.layers[1].W;
  const b1 = net.layers[1].b[0];
  const s = net.activation;
  const free: number[] = [];
  const param: number[] = [];
  const lines: Relaxation[] = [];
  for (let r = 0; r < m; r++) {
    const B = sign * v[r];
    const q = relax[r];
    lines.push({ ...q });
    if (!(B > 0) || !(hi[r] > lo[r]) || (s === 'relu' && !(lo[r] < 0 && hi[r] > 0))) continue;
    free.push(r);
    param.push(s === 'relu' ? q.lowerSlope : Math.min(Math.max(derivInverse(s, q.lowerSlope), lo[r]), hi[r]));
  }
  if (free.length === 0) return Number.NEGATIVE_INFINITY;
  let xMax = 0;
  for (let i = 0; i < d; i++) xMax = Math.max(xMax, Math.abs(dom.lo[i]), Math.abs(dom.hi[i]));
  const a = new Float64Array(d);
  const x = point ?? new Float64Array(d);
  let best = Number.NEGATIVE_INFINITY;
  for (let k = 0; k <= ALPHA_STEPS; k++) {
    for (let f = 0; f < free.length; f++) lowerLine(s, lo[free[f]], hi[free[f]], param[f], lines[free[f]]);
    a.fill(0);
    let c = sign * b1;
    let mag = Math.abs(b1);
    for (let r = 0; r < m; r++) {
      const B = sign * v[r];
      if (B === 0) continue;
      const q = lines[r];
      const slope = B >= 0 ? q.lowerSlope : q.upperSlope;
      const icpt = B >= 0 ? q.lowerIntercept : q.upperIntercept;
      const coef = B * slope;
      let zAbs = Math.abs(b[r]);
      for (let i = 0; i < d; i++) {
        a[i] += coef * W[r * d + i];
        zAbs += Math.abs(W[r * d + i]) * xMax;
      }
      c += coef * b[r] + B * icpt;
      mag +=
        Math.abs(coef) * zAbs +
        Math.abs(B * icpt) +
        Math.abs(B) * Math.max(Math.abs(lo[r]), Math.abs(hi[r])) * 2;
    }
    const res = linearMin(a, c, dom, x);
    const val = res.value - PRODUCT_MARGIN * (Math.max(d, m) + 2) * 2 * mag;
    if (val > best) best = val;
    if (k === ALPHA_STEPS || !res.hasPoint) break;
    const step = 1 / (k + 2);
    for (let f = 0; f < free.length; f++) {
      const r = free[f];
      let z = b[r];
      for (let i = 0; i < d; i++) z += W[r * d + i] * x[i];
      if (s === 'relu') param[f] = Math.min(Math.max(param[f] + (z > 0 ? step : -step), 0), 1);
      else param[f] = Math.min(Math.max(param[f] + step * (z - param[f]), lo[r]), hi[r]);
    }
  }
  return best;
}

/** Projected supergradient steps of the split multipliers β. */
const BETA_STEPS = 20;

/**
 * The first-layer ReLU splits s_j·z_j ≥ 0 (z_j = w_j·x + b_j, linear in x) enter the final linear bound
 * a·x + c through Lagrange multipliers β_j ≥ 0 (β-CROWN): on D ∩ {splits},
 * a·x + c ≥ a·x + c − Σ_j β_j s_j z_j(x), so min over D of the right side is a lower bound for every β ≥ 0.
 * β is improved by projected supergradient ascent (gradient −s_j z_j(x*) at the minimiser x*), step
 * η_t = η₀/√(t + 1); the best bound over the steps is returned. Rounding: the modified coefficients get
 * a margin 1e-13·(splits + 2)·Σ_j β_j(Σ_i |w_ji|·max|x_i| + |b_j|) on top of the usual ones.
 */
function splitDual(
  net: PiecewiseNet,
  dom: BoundDomain,
  split: Int8Array,
  fin: { a: Float64Array; c: number; mag: number; scale: number },
  coef: Float64Array | undefined,
  point: Float64Array | null,
): number {
  const { fanIn: d, fanOut: m, W, b } = net.layers[0];
  const idx: number[] = [];
  for (let j = 0; j < m; j++) if (split[j] !== 0) idx.push(j);
  const beta = new Float64Array(idx.length);
  const a = new Float64Array(d);
  const x = point ?? new Float64Array(d);
  let xMax = 0;
  for (let i = 0; i < d; i++) xMax = Math.max(xMax, Math.abs(dom.lo[i]), Math.abs(dom.hi[i]));
  let eta0 = 0;
  for (const j of idx) eta0 += coef === undefined ? 1 : coef[j];
  eta0 = (eta0 / idx.length || 1) / (xMax + 1);
  let best = Number.NEGATIVE_INFINITY;
  for (let t = 0; t <= BETA_STEPS; t++) {
    a.set(fin.a);
    let c = fin.c;
    let extra = 0;
    for (let q = 0; q < idx.length; q++) {
      const bq = beta[q];
      if (bq === 0) continue;
      const j = idx[q];
      const sj = split[j];
      let wAbs = Math.abs(b[j]);
      for (let i = 0; i < d; i++) {
        a[i] -= bq * sj * W[j * d + i];
        wAbs += Math.abs(W[j * d + i]) * xMax;
      }
      c -= bq * sj * b[j];
      extra += bq * wAbs;
    }
    const r = linearMin(a, c, dom, x);
    const v = r.value - fin.scale * fin.mag - PRODUCT_MARGIN * (idx.length + 2) * extra;
    if (v > best) best = v;
    if (t === BETA_STEPS || !r.hasPoint) break;
    const eta = eta0 / Math.sqrt(t + 1);
    for (let q = 0; q < idx.length; q++) {
      const j = idx[q];
      let z = b[j];
      for (let i = 0; i < d; i++) z += W[j * d + i] * x[i];
      beta[q] = Math.max(0, beta[q] - eta * split[j] * z);
    }
  }
  return best;
}

/**
 * Lower bounds of every row of Λ z_k over D (Λ of shape [R, fanOut_k], z_k the pre-activation of layer k),
 * by back-substitution through layers k, …, 0 with the relaxations of hidden layers < k.
 */
function backSubstitute(
  net: PiecewiseNet,
  dom: BoundDomain,
  k: number,
  lambda: Float64Array,
  R: number,
  relax: readonly Relaxation[][],
  preLo: readonly Float64Array[],
  preHi: readonly Float64Array[],
  hMax: readonly Float64Array[],
  point: Float64Array | null,
): {
  values: Float64Array;
  a: Float64Array;
  c: number;
  mag: number;
  scale: number;
  hiddenCoef: Float64Array[];
  hasPoint: boolean;
} {
  let A = lambda;
  const cst = new Float64Array(R);
  const mag = new Float64Array(R);
  const hiddenCoef: Float64Array[] = [];
  let maxFan = 1;
  for (let l = k; l >= 0; l--) {
    const { fanIn, fanOut, W, b } = net.layers[l];
    maxFan = Math.max(maxFan, fanIn, fanOut);
    const B = new Float64Array(R * fanIn);
    const hm = hMax[l];
    for (let r = 0; r < R; r++) {
      let c = 0;
      let m = 0;
      for (let o = 0; o < fanOut; o++) {
        const v = A[r * fanOut + o];
        if (v === 0) continue;
        c += v * b[o];
        let zAbs = Math.abs(b[o]);
        const wo = o * fanIn;
        const br = r * fanIn;
        for (let j = 0; j < fanIn; j++) {
          B[br + j] += v * W[wo + j];
          zAbs += Math.abs(W[wo + j]) * hm[j];
        }
        m += Math.abs(v) * zAbs;
      }
      cst[r] += c;
      mag[r] += m;
    }
    if (l === 0) {
      A = B;
      break;
    }
    // h_l = σ(z_{l−1}): lower line where the coefficient is ≥ 0, upper line otherwise.
    const rl = relax[l - 1];
    if (R === 1) hiddenCoef[l - 1] = B.map(Math.abs);
    const next = new Float64Array(R * fanIn);
    for (let r = 0; r < R; r++) {
      let c = 0;
      let m = 0;
      for (let j = 0; j < fanIn; j++) {
        const v = B[r * fanIn + j];
        if (v === 0) continue;
        const q = rl[j];
        if (v >= 0) {
          next[r * fanIn + j] = v * q.lowerSlope;
          c += v * q.lowerIntercept;
          m += Math.abs(v * q.lowerIntercept);
        } else {
          next[r * fanIn + j] = v * q.upperSlope;
          c += v * q.upperIntercept;
          m += Math.abs(v * q.upperIntercept);
        }
        m += Math.abs(v) * Math.max(Math.abs(preLo[l - 1][j]), Math.abs(preHi[l - 1][j])) * 2;
      }
      cst[r] += c;
      mag[r] += m;
    }
    A = next;
  }
  const d = net.inputDim;
  const values = new Float64Array(R);
  let hasPoint = false;
  const row = new Float64Array(d);
  for (let r = 0; r < R; r++) {
    for (let j = 0; j < d; j++) row[j] = A[r * d + j];
    const res = linearMin(row, cst[r], dom, r === 0 && point !== null ? point : undefined);
    if (r === 0) hasPoint = res.hasPoint;
    values[r] = res.value - PRODUCT_MARGIN * (maxFan + 2) * (k + 1) * mag[r];
  }
  return {
    values,
    a: A.subarray(0, d),
    c: cst[0],
    mag: mag[0],
    scale: PRODUCT_MARGIN * (maxFan + 2) * (k + 1),
    hiddenCoef,
    hasPoint,
  };
}
