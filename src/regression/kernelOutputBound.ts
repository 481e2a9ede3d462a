/**
 * Certified lower bounds of min_{x' ∈ B(x_i)} s_i·f(x') for a kernel predictor f(x) = Σ_j α_j k(x, c_j):
 * interval bounds, a linear relaxation of every k(·, c_j) in (x·c_j, ‖x‖²) minimised exactly over the set,
 * and best-first input branch-and-bound. The derivation is in docs/robust-loss-bracket.md.
 * @internal
 * @packageDocumentation
 */
import { kernelEnclosure, kernelSlopeEnclosure } from '../kernels/kernelEnclosure.ts';
import type { KernelChoice, KernelSpec } from '../kernels/types.ts';
import type { Mat, OutputBoundMethod } from '../types.ts';

/** Set kind codes as in attacks/setGeometry. */
export type BoundKind = 'linf' | 'l2' | 'cap';

/** Everything the bound needs about one sample's set. */
export interface SampleSet {
  readonly kind: BoundKind;
  readonly rho: number;
  /** Centre x_i, length d. */
  readonly x0: Float64Array;
  /** Data box (per coordinate) or null. */
  readonly boxLo: Float64Array | null;
  readonly boxHi: Float64Array | null;
}

/** Budget of one sample's branch-and-bound. */
export interface BoundBudgetResolved {
  readonly tolerance: number;
  readonly maxNodes: number;
  readonly timeLimitMs: number;
  readonly signal: AbortSignal | undefined;
  /** Residual cells per centre in the linear relaxation's offset. */
  readonly cells: number;
  /** Which first-pass bounds to use (for benchmarks and tests of each ingredient). */
  readonly passes: 'ibp' | 'linear' | 'both';
}

/** The predictor data the bound runs on. */
export interface KernelExpansion {
  readonly spec: KernelSpec;
  readonly get: KernelChoice;
  /** Centres c_j, shape [m, d]. */
  readonly centers: Mat;
  /** α_j, length m. */
  readonly alpha: Float64Array;
  /** f at the rows of x, shape [n] (the kernel code's own evaluation). */
  readonly predict: (x: Mat) => Float64Array;
}

interface Node {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  lower: number;
  /** Per-coordinate weight of the node relaxation's remainder (the split heuristic), or null. */
  g: Float64Array | null;
}

interface NodeBound {
  lower: number;
  method: 'ibp' | 'linear';
  g: Float64Array | null;
}

/** Rounding allowance of the exact minimisations (relative to the magnitudes summed). */
const ROUND_REL = 1e-13;

/**
 * Builds the per-node bounding function for an expansion (precomputes centre norms and the enclosure).
 */
export function makeNodeBounder(exp: KernelExpansion, budget: BoundBudgetResolved) {
  const enclose = kernelEnclosure(exp.spec, exp.get);
  const slopes = kernelSlopeEnclosure(exp.spec, exp.get);
  const grad = new Float64Array(4);
  const { centers, alpha } = exp;
  const m = centers.rows;
  const d = centers.cols;
  const C = centers.data;
  const p = new Float64Array(m);
  const cNorm = new Float64Array(m);
  const cAbs1 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s2 = 0;
    let s1 = 0;
    for (let k = 0; k < d; k++) {
      const v = C[j * d + k];
      s2 += v * v;
      s1 += Math.abs(v);
    }
    p[j] = s2;
    cNorm[j] = Math.sqrt(s2);
    cAbs1[j] = s1;
  }
  const out = new Float64Array(2);
  const pt = (s: number, q: number, pj: number): number => {
    enclose(s, s, q, q, pj, d, out);
    return (out[0] + out[1]) / 2;
  };
  const sLo = new Float64Array(m);
  const sHi = new Float64Array(m);

  /** Lower bound of min over the rectangle of γG(s, q) − a s − b q (adaptive cells, best first). */
  const residualMin = (
    gamma: number,
    a: number,
    b: number,
    sl: number,
    sh: number,
    ql: number,
    qh: number,
    pj: number,
    maxCells: number,
  ): number => {
    // cells stored as [sl, sh, ql, qh] quadruples with their bounds
    const cells: number[][] = [];
    const bounds: number[] = [];
    const bound = (c: number[]): number => {
      const [cs0, cs1, cq0, cq1] = c;
      const rmax = Math.sqrt(cq1 * pj) * (1 + 1e-15);
      if (cs0 > rmax || cs1 < -rmax) return Number.POSITIVE_INFINITY; // no x with |x·c| ≤ ‖x‖‖c‖
      enclose(cs0, cs1, cq0, cq1, pj, d, out);
      const gv = gamma > 0 ? gamma * out[0] : gamma * out[1];
      const lin = Math.max(a * cs0, a * cs1) + Math.max(b * cq0, b * cq1);
      return gv - lin - ROUND_REL * (Math.abs(gv) + Math.abs(lin));
    };
    const first = [sl, sh, ql, qh];
    cells.push(first);
    bounds.push(bound(first));
    for (let it = 1; it < maxCells; it++) {
      let best = 0;
      for (let c = 1; c < cells.length; c++) if (bounds[c] < bounds[best]) best = c;
      if (!Number.isFinite(bounds[best])) break;
      const [cs0, cs1, cq0, cq1] = cells[best];
      const splitS = Math.abs(a) * (cs1 - cs0) + (cs1 - cs0) * 1e-300 >= Math.abs(b) * (cq1 - cq0);
      let c1: number[];
      let c2: number[];
      if (splitS || cq1 === cq0) {
        const mid = (cs0 + cs1) / 2;
        c1 = [cs0, mid, cq0, cq1];
        c2 = [mid, cs1, cq0, cq1];
      } else {
        const mid = (cq0 + cq1) / 2;
        c1 = [cs0, cs1, cq0, mid];
        c2 = [cs0, cs1, mid, cq1];
      }
      cells[best] = c1;
      bounds[best] = bound(c1);
      cells.push(c2);
      bounds.push(bound(c2));
    }
    let lo = Number.POSITIVE_INFINITY;
    for (const v of bounds) lo = Math.min(lo, v);
    return lo;
  };

  /** Certified lower bound of min over (node box ∩ set) of sign·f, or +∞ if the node misses the set. */
  const bound = (set: SampleSet, sign: number, lo: Float64Array, hi: Float64Array): NodeBound => {
    const infeasible: NodeBound = { lower: Number.POSITIVE_INFINITY, method: 'ibp', g: null };
    const { kind, rho, x0 } = set;
    // ‖x‖² range over the box, and the distance² from x0 to the box
    let qBoxLo = 0;
    let qBoxHi = 0;
    let dist2 = 0;
    for (let k = 0; k < d; k++) {
      const l = lo[k];
      const h = hi[k];
      const mn = l > 0 ? l : h < 0 ? -h : 0;
      const mx = Math.max(Math.abs(l), Math.abs(h));
      qBoxLo += mn * mn;
      qBoxHi += mx * mx;
      const dd = x0[k] < l ? l - x0[k] : x0[k] > h ? x0[k] - h : 0;
      dist2 += dd * dd;
    }
    qBoxLo *= 1 - 1e-15;
    qBoxHi *= 1 + 1e-15;
    let x0n2 = 0;
    for (let k = 0; k < d; k++) x0n2 += x0[k] * x0[k];
    const x0n = Math.sqrt(x0n2);
    let ql = qBoxLo;
    let qh = qBoxHi;
    let reach = rho; // radius of the set around x0 in the Euclidean norm (ℓ₂ ball / cap chord)
    if (kind === 'l2') {
      if (dist2 > rho * rho * (1 + 1e-12)) return infeasible;
      const a = Math.max(0, x0n - rho);
      ql = Math.max(ql, a * a * (1 - 1e-15));
      qh = Math.min(qh, (x0n + rho) * (x0n + rho) * (1 + 1e-15));
    } else if (kind === 'cap') {
      reach = 2 * Math.sin(Math.min(rho, Math.PI) / 2);
      if (dist2 > reach * reach * (1 + 1e-12) + 1e-300) return infeasible;
      if (qBoxLo > 1 + 1e-12 || qBoxHi < 1 - 1e-12) return infeasible;
      ql = 1 - 1e-15;
      qh = 1 + 1e-15;
    }
    // per-centre ranges of s_j = x·c_j
    for (let j = 0; j < m; j++) {
      let mid = 0;
      let rad = 0;
      let mag = 0;
      for (let k = 0; k < d; k++) {
        const c = C[j * d + k];
        const cm = (lo[k] + hi[k]) / 2;
        mid += c * cm;
        rad += Math.abs(c) * (hi[k] - lo[k]);
        mag += Math.abs(c) * Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
      }
      const slack = 4 * Number.EPSILON * mag + 1e-300;
      let a = mid - rad / 2 - slack;
      let b = mid + rad / 2 + slack;
      if (kind !== 'linf') {
        let c0 = 0;
        for (let k = 0; k < d; k++) c0 += C[j * d + k] * x0[k];
        const sl2 = 4 * Number.EPSILON * cNorm[j] * (x0n + reach) + 1e-300;
        if (kind === 'l2') {
          a = Math.max(a, c0 - rho * cNorm[j] - sl2);
          b = Math.min(b, c0 + rho * cNorm[j] + sl2);
        } else if (cNorm[j] > 0) {
          const psi = Math.acos(Math.max(-1, Math.min(1, c0 / cNorm[j])));
          const aLo = cNorm[j] * Math.cos(Math.min(Math.PI, psi + rho + 1e-7));
          const aHi = cNorm[j] * Math.cos(Math.max(0, psi - rho - 1e-7));
          a = Math.max(a, aLo - sl2);
          b = Math.min(b, aHi + sl2);
        }
      }
      if (a > b) return infeasible;
      sLo[j] = a;
      sHi[j] = b;
    }
    // interval bound
    let ibp = 0;
    let ibpMag = 0;
    for (let j = 0; j < m; j++) {
      const gamma = sign * alpha[j];
      if (gamma === 0) continue;
      enclose(sLo[j], sHi[j], ql, qh, p[j], d, out);
      const v = gamma > 0 ? gamma * out[0] : gamma * out[1];
      ibp += v;
      ibpMag += Math.abs(v);
    }
    ibp -= ROUND_REL * ibpMag * 4;
    if (budget.passes === 'ibp') return { lower: ibp, method: 'ibp', g: null };
    // linear relaxation: γ_j G_j ≥ a_j s_j + b_j q + e_j on the rectangle
    const g = new Float64Array(d);
    // per-coordinate weight of the relaxation's remainder (∂s_j/∂x_k = c_jk, ∂q/∂x_k = 2x_k): the split score
    const split = new Float64Array(d);
    let beta = 0;
    let e = 0;
    let mag = 0;
    for (let j = 0; j < m; j++) {
      const gamma = sign * alpha[j];
      if (gamma === 0) continue;
      const sl = sLo[j];
      const sh = sHi[j];
      const sm = (sl + sh) / 2;
      const qm = (ql + qh) / 2;
      let a: number;
      let b: number;
      let ej: number;
      if (slopes(sl, sh, ql, qh, p[j], d, grad)) {
        // mean-value form: γG(s, q) ≥ γG(m) + a(s − sm) + b(q − qm) − |γ|(w_s|s − sm| + w_q|q − qm|)/2
        a = (gamma * (grad[0] + grad[1])) / 2;
        b = (gamma * (grad[2] + grad[3])) / 2;
        enclose(sm, sm, qm, qm, p[j], d, out);
        const gm = gamma > 0 ? gamma * out[0] : gamma * out[1];
        const w = (Math.abs(gamma) * ((grad[1] - grad[0]) * (sh - sl) + (grad[3] - grad[2]) * (qh - ql))) / 4;
        const eMv = gm - a * sm - b * qm - w;
        const eCells = residualMin(gamma, a, b, sl, sh, ql, qh, p[j], Math.max(1, budget.cells >> 2));
        ej = Math.max(eMv - ROUND_REL * (Math.abs(gm) + Math.abs(a * sm) + Math.abs(b * qm)), eCells);
        const ws = Math.abs(gamma) * (grad[1] - grad[0]);
        const wq = Math.abs(gamma) * (grad[3] - grad[2]);
        for (let k = 0; k < d; k++) {
          split[k] += ws * Math.abs(C[j * d + k]) + 2 * wq * Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
        }
      } else {
        a = sh > sl ? (gamma * (pt(sh, qm, p[j]) - pt(sl, qm, p[j]))) / (sh - sl) : 0;
        b = qh > ql ? (gamma * (pt(sm, qh, p[j]) - pt(sm, ql, p[j]))) / (qh - ql) : 0;
        ej = residualMin(gamma, a, b, sl, sh, ql, qh, p[j], budget.cells);
        for (let k = 0; k < d; k++) {
          split[k] +=
            Math.abs(a) * Math.abs(C[j * d + k]) +
            2 * Math.abs(b) * Math.max(Math.abs(lo[k]), Math.abs(hi[k]));
        }
      }
      if (!Number.isFinite(ej)) {
        if (ej > 0) return infeasible;
        return { lower: ibp, method: 'ibp', g: null };
      }
      for (let k = 0; k < d; k++) g[k] += a * C[j * d + k];
      beta += b;
      e += ej;
      mag += Math.abs(ej) + Math.abs(a) * cAbs1[j] * (x0n + reach + 1) + Math.abs(b) * qh;
    }
    let lin = linearMin(set, g, beta, lo, hi, x0n, reach) + e;
    lin -= ROUND_REL * 4 * mag;
    if (budget.passes === 'linear' || lin >= ibp) return { lower: lin, method: 'linear', g: split };
    return { lower: ibp, method: 'ibp', g: split };
  };

  /** A feasible point of node ∩ set (the box midpoint, normalised for caps), or null. */
  const feasiblePoint = (set: SampleSet, lo: Float64Array, hi: Float64Array): Float64Array | null => {
    const x = new Float64Array(d);
    for (let k = 0; k < d; k++) x[k] = (lo[k] + hi[k]) / 2;
    if (set.kind === 'linf') return x;
    if (set.kind === 'l2') {
      let s = 0;
      for (let k = 0; k < d; k++) s += (x[k] - set.x0[k]) ** 2;
      return Math.sqrt(s) <= set.rho ? x : null;
    }
    let n2 = 0;
    for (let k = 0; k < d; k++) n2 += x[k] * x[k];
    const n = Math.sqrt(n2);
    if (!(n > 0)) return null;
    let dot = 0;
    for (let k = 0; k < d; k++) {
      x[k] /= n;
      dot += x[k] * set.x0[k];
    }
    return Math.acos(Math.max(-1, Math.min(1, dot))) <= set.rho ? x : null;
  };

  return { bound, feasiblePoint, d };
}

/**
 * min over (box ∩ set) of g·x + β‖x‖², bounded below exactly: the box minimum is separable (each coordinate a
 * 1-D quadratic); ℓ₂ sets also give the ball minimum (closed form), caps the cap minimum with ‖x‖ = 1; the
 * larger of the applicable lower bounds is returned (each is a minimum over a superset).
 */
function linearMin(
  set: SampleSet,
  g: Float64Array,
  beta: number,
  lo: Float64Array,
  hi: Float64Array,
  x0n: number,
  reach: number,
): number {
  const d = g.length;
  const { kind, rho, x0 } = set;
  let boxMin = 0;
  for (let k = 0; k < d; k++) {
    const f = (v: number) => g[k] * v + beta * v * v;
    let v = Math.min(f(lo[k]), f(hi[k]));
    if (beta > 0) {
      const t = -g[k] / (2 * beta);
      if (t > lo[k] && t < hi[k]) v = Math.min(v, f(t));
    }
    boxMin += v;
  }
  if (kind === 'linf') return boxMin;
  let gx0 = 0;
  let gn2 = 0;
  for (let k = 0; k < d; k++) {
    gx0 += g[k] * x0[k];
    gn2 += g[k] * g[k];
  }
  if (kind === 'l2') {
    // x = x0 + δ, ‖δ‖ ≤ ρ: g·x0 + β‖x0‖² + h·δ + β‖δ‖², h = g + 2βx0
    let hn2 = 0;
    for (let k = 0; k < d; k++) {
      const h = g[k] + 2 * beta * x0[k];
      hn2 += h * h;
    }
    const hn = Math.sqrt(hn2);
    const base = gx0 + beta * x0n * x0n;
    let ball: number;
    if (beta > 0 && hn <= 2 * beta * rho) ball = base - hn2 / (4 * beta);
    else ball = base - rho * hn + beta * rho * rho;
    void reach;
    return Math.max(boxMin, ball);
  }
  // cap: ‖x‖ = 1, angle(x, x0) ≤ ρ: min g·x = −‖g‖cos(max(0, ψ − ρ)), ψ = angle(x0, −g)
  const gn = Math.sqrt(gn2);
  let capMin = beta;
  if (gn > 0) {
    const psi = Math.acos(Math.max(-1, Math.min(1, -gx0 / gn)));
    capMin += -gn * Math.cos(Math.max(0, psi - rho - 1e-7));
  }
  return Math.max(boxMin, capMin);
}

/** Per-sample result of {@link boundSample}. */
export interface SampleBound {
  readonly lower: number;
  readonly method: OutputBoundMethod;
  readonly nodes: number;
  readonly attained: number;
}

/**
 * Certified lower bound of min over B(x_i) of sign·f by first-pass bounds and best-first input
 * branch-and-bound (split the box coordinate with the largest width × |linear coefficient|).
 */
export function boundSample(
  bounder: ReturnType<typeof makeNodeBounder>,
  predict: (x: Mat) => Float64Array,
  set: SampleSet,
  sign: number,
  attainedIn: number,
  budget: BoundBudgetResolved,
): SampleBound {
  const { d } = bounder;
  const { kind, rho, x0 } = set;
  const lo = new Float64Array(d);
  const hi = new Float64Array(d);
  const r = kind === 'cap' ? 2 * Math.sin(Math.min(rho, Math.PI) / 2) : rho;
  for (let k = 0; k < d; k++) {
    lo[k] = x0[k] - r;
    hi[k] = x0[k] + r;
    if (kind === 'cap') {
      lo[k] = Math.max(lo[k], -1);
      hi[k] = Math.min(hi[k], 1);
    }
    if (set.boxLo !== null && set.boxHi !== null) {
      lo[k] = Math.max(lo[k], set.boxLo[k]);
      hi[k] = Math.min(hi[k], set.boxHi[k]);
    }
  }
  let attained = attainedIn;
  const evalAt = (x: Float64Array): void => {
    const v = sign * predict({ rows: 1, cols: d, data: x })[0];
    if (v < attained) attained = v;
  };
  const start = bounder.feasiblePoint(set, lo, hi);
  if (start !== null) evalAt(start);
  const root = bounder.bound(set, sign, lo, hi);
  const firstMethod: OutputBoundMethod = root.method;
  const open: Node[] = [{ lo, hi, lower: root.lower, g: root.g }];
  let nodes = 0;
  const t0 = Date.now();
  let settled = Number.POSITIVE_INFINITY; // min lower of nodes closed because they cannot improve
  for (;;) {
    let best = -1;
    for (let i = 0; i < open.length; i++) if (best < 0 || open[i].lower < open[best].lower) best = i;
    const globalLower = Math.min(settled, best < 0 ? Number.POSITIVE_INFINITY : open[best].lower);
    if (best < 0 || attained - globalLower <= budget.tolerance) break;
    if (nodes >= budget.maxNodes || Date.now() - t0 > budget.timeLimitMs || budget.signal?.aborted) break;
    const node = open[best];
    open[best] = open[open.length - 1];
    open.pop();
    // split coordinate
    let kBest = 0;
    let sBest = -1;
    for (let k = 0; k < d; k++) {
      const w = node.hi[k] - node.lo[k];
      const sc = w * (node.g === null ? 1 : Math.abs(node.g[k]) + 1e-12) + w * 1e-9;
      if (sc > sBest) {
        sBest = sc;
        kBest = k;
      }
    }
    const mid = (node.lo[kBest] + node.hi[kBest]) / 2;
    if (!(mid > node.lo[kBest] && mid < node.hi[kBest])) {
      settled = Math.min(settled, node.lower);
      continue;
    }
    nodes++;
    let kept = 0;
    for (const half of [0, 1]) {
      const cl = node.lo.slice();
      const ch = node.hi.slice();
      if (half === 0) ch[kBest] = mid;
      else cl[kBest] = mid;
      const b = bounder.bound(set, sign, cl, ch);
      if (b.lower === Number.POSITIVE_INFINITY) continue;
      const fp = bounder.feasiblePoint(set, cl, ch);
      if (fp !== null) evalAt(fp);
      // a child's bound may be looser than its parent's: the parent's bound holds on the child too
      open.push({ lo: cl, hi: ch, lower: Math.max(b.lower, node.lower), g: b.g ?? node.g });
      kept++;
    }
    // both halves judged outside the set (possible only through rounding at the boundary): keep the parent's bound
    if (kept === 0) settled = Math.min(settled, node.lower);
  }
  let lower = settled;
  for (const nd of open) lower = Math.min(lower, nd.lower);
  if (lower === Number.POSITIVE_INFINITY) lower = attained; // every node missed the set: cannot happen for a non-empty set
  lower = Math.min(lower, attained);
  return { lower, method: nodes > 0 ? 'bab' : firstMethod, nodes, attained };
}
