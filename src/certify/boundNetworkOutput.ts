/**
 * Certified output bounds of a feed-forward network over perturbation sets: IBP, CROWN-style linear bounds
 * and branch-and-bound (the `boundOutput` capability of `twoLayerNet` and `fcReluNet`).
 * @internal
 * @packageDocumentation
 */
import { DomainError, ShapeError } from '../errors.ts';
import { assertLength, checkInteger, checkNumber, checkOneOf, checkOptions } from '../internal/assert.ts';
import { checkDataBox } from '../internal/checkDataBox.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import { act } from '../nn/activation.ts';
import type {
  Mat,
  MatLike,
  OutputBoundMethod,
  OutputBoundOptions,
  OutputBoundResult,
  VecLike,
} from '../types.ts';
import { arcBound } from './arcBound.ts';
import { arcConstants } from './arcConstants.ts';
import { type BoundDomain, chordRadius } from './boundDomain.ts';
import { MinHeap } from './minHeap.ts';
import { type NodeBound, netNodeBound } from './netNodeBound.ts';
import { evalPiecewiseNet, type PiecewiseNet } from './piecewiseNet.ts';
import { type Incumbent, offer, outOfBudget, type SearchBudget } from './searchBudget.ts';

/** Unit-norm tolerance of cap centres (as in the attacks). */
const UNIT_TOL = 1e-6;

/** Input dimension up to which branch-and-bound splits the input box (above: ReLU splits for ReLU nets). */
export const INPUT_SPLIT_MAX_DIM = 16;

/** Budget defaults of {@link boundNetworkOutput}. @internal */
export const NET_BOUND_DEFAULTS = { tolerance: 1e-3, maxNodes: 1000, gridPoints: 1001 } as const;

/**
 * Default node budget: 0 for d = 2 caps (the arc grid alone, as sharp as `gridPoints` makes it), otherwise
 * min(1000, max(50, ⌊2·10⁶ / number of weights⌋)) so that wide nets keep a bounded default cost.
 * @internal
 */
export function defaultMaxNodes(net: PiecewiseNet, kind: string): number {
  if (kind === 'cap' && net.inputDim === 2) return 0;
  let weights = 0;
  for (const l of net.layers) weights += l.W.length;
  return Math.min(NET_BOUND_DEFAULTS.maxNodes, Math.max(50, Math.floor(2e6 / Math.max(weights, 1))));
}

/** Validated options. */
interface Prepared {
  readonly kind: 'linf' | 'l2' | 'cap';
  readonly rho: number;
  readonly boxLo: Float64Array | null;
  readonly boxHi: Float64Array | null;
  readonly sign: Float64Array;
  readonly attained: Float64Array;
  readonly tolerance: number;
  readonly maxNodes: number;
  readonly timeLimitMs: number;
  readonly gridPoints: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * Certified lower bounds of min_{x' ∈ B(x_i)} s_i·f(x') for a network (see {@link OutputBoundOptions}).
 *
 * Per sample: ρ = 0 is exact. Otherwise the root bound is the larger of IBP and CROWN (`netNodeBound`);
 * then best-first branch-and-bound refines the sub-domain with the smallest bound until
 * attained − lower ≤ tolerance or the budget (nodes, time, signal) runs out. The attained value starts at
 * `options.attained` and improves with the net's value at the minimisers of the linear bounds (points of
 * the set). Branching: d = 2 caps split the arc (`arcBound`: CROWN on each sub-arc and the output-space
 * grid certificate); ReLU nets with d > 16 split unstable hidden units (z ≥ 0 / z ≤ 0); everything else
 * splits the input box along the coordinate with the largest score. A child's bound is never below its
 * parent's (its domain is smaller), so the returned bound never decreases as the budget grows.
 *
 * @param fn - the public name for error messages
 * @param net - a snapshot of the network's current weights
 * @param predict - the model's batched forward pass (the d = 2 arc grid is evaluated with it, in chunks)
 * @internal
 */
export function boundNetworkOutput(
  fn: string,
  net: PiecewiseNet,
  x: MatLike,
  options: OutputBoundOptions,
  predict: (x: Mat) => Float64Array = (m) => {
    const out = new Float64Array(m.rows);
    for (let i = 0; i < m.rows; i++) out[i] = evalPiecewiseNet(net, m.data, i * m.cols);
    return out;
  },
): OutputBoundResult {
  const xm = toMat(x, fn, 'x');
  const d = net.inputDim;
  if (xm.cols !== d) {
    throw new ShapeError(`x must have ${d} columns (the network's inputDim) (got ${xm.cols})`, {
      fn,
      arg: 'x',
      expected: d,
      actual: xm.cols,
    });
  }
  const n = xm.rows;
  const p = prepare(fn, xm, options, net);
  const lower = new Float64Array(n);
  const method: OutputBoundMethod[] = [];
  const nodes = new Float64Array(n);
  const points = new Float64Array(n * d);
  const xi = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) xi[j] = xm.data[i * d + j];
    if (p.kind === 'cap') {
      let s = 0;
      for (let j = 0; j < d; j++) s += xi[j] * xi[j];
      const nr = Math.sqrt(s);
      for (let j = 0; j < d; j++) xi[j] /= nr;
    }
    const s = p.sign[i];
    points.set(xi, i * d);
    if (p.rho === 0) {
      lower[i] = s * evalPiecewiseNet(net, xi);
      method.push('exact');
      continue;
    }
    const budget: SearchBudget = {
      tolerance: p.tolerance,
      maxNodes: p.maxNodes,
      deadline: performance.now() + p.timeLimitMs,
      signal: p.signal,
    };
    const dom = rootDomain(p, xi.slice());
    const root = netNodeBound(net, dom, s, null, true, true);
    const inc: Incumbent = { value: p.attained[i], point: new Float64Array(d), found: false };
    if (root.point !== null) offer(inc, s * evalPiecewiseNet(net, root.point), root.point);
    const best = inc.value;
    const rootBound = Math.max(root.ibp, root.linear);
    let r: { lower: number; nodes: number; method: OutputBoundMethod };
    if (p.kind === 'cap' && d === 2) {
      const k = arcConstants(net, root);
      const grid = arcGrid(net, xi, p.rho, p.gridPoints, root, predict);
      r = arcBound(net, xi, p.rho, s, rootBound, inc, grid, k.slope, k.curvature, budget);
    } else if (budget.maxNodes === 0 || best - rootBound <= budget.tolerance) {
      r = { lower: rootBound, nodes: 0, method: root.linear > root.ibp ? 'linear' : 'ibp' };
    } else if (net.activation === 'relu' && d > INPUT_SPLIT_MAX_DIM) {
      r = reluSplitSearch(net, dom, s, root, inc, budget);
    } else {
      r = inputSplitSearch(net, dom, s, root, inc, budget);
    }
    lower[i] = r.lower;
    method.push(r.method);
    nodes[i] = r.nodes;
    if (inc.found) points.set(inc.point, i * d);
  }
  return { lower, method, nodes, points: { rows: n, cols: d, data: points } };
}

function prepare(fn: string, x: Mat, options: OutputBoundOptions, net: PiecewiseNet): Prepared {
  const o = checkOptions(fn, options);
  const set = checkOptions(fn, o.set, 'options.set');
  const kind = checkOneOf(fn, 'options.set.kind', set.kind, ['linf', 'l2', 'cap'] as const);
  let rho = checkNumber(fn, 'options.set.radius', set.radius, { min: 0 });
  if (kind === 'cap') rho = Math.min(rho, Math.PI);
  const n = x.rows;
  const d = x.cols;
  const sign = toVec(o.sign, fn, 'options.sign');
  assertLength(fn, 'options.sign', sign.length, n);
  for (let i = 0; i < n; i++) {
    if (sign[i] !== 1 && sign[i] !== -1) {
      throw new DomainError(`options.sign must hold only +1 or -1 (got ${sign[i]} at ${i})`, {
        fn,
        arg: 'options.sign',
        expected: '±1',
        actual: sign[i],
        index: i,
      });
    }
  }
  let attained = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  if (o.attained !== undefined) {
    attained = Float64Array.from(o.attained as VecLike);
    assertLength(fn, 'options.attained', attained.length, n);
    if (attained.some(Number.isNaN)) {
      throw new DomainError('options.attained must not contain NaN (got NaN)', {
        fn,
        arg: 'options.attained',
      });
    }
  }
  const tolerance = checkNumber(fn, 'options.tolerance', o.tolerance ?? NET_BOUND_DEFAULTS.tolerance, {
    min: 0,
  });
  const maxNodes =
    o.maxNodes === undefined
      ? defaultMaxNodes(net, kind)
      : checkInteger(fn, 'options.maxNodes', o.maxNodes, 0);
  const timeLimitMs =
    o.timeLimitMs === undefined
      ? Number.POSITIVE_INFINITY
      : checkNumber(fn, 'options.timeLimitMs', o.timeLimitMs, { min: 0 });
  const gridPoints = checkInteger(fn, 'options.gridPoints', o.gridPoints ?? NET_BOUND_DEFAULTS.gridPoints, 2);
  const box = checkDataBox(fn, o.box, kind === 'cap', x);
  const boxLo = box?.lo ?? null;
  const boxHi = box?.hi ?? null;
  if (kind === 'cap') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += x.data[i * d + j] ** 2;
      const nr = Math.sqrt(s);
      if (!(Math.abs(nr - 1) <= UNIT_TOL)) {
        throw new DomainError(`x rows must have unit norm for set.kind 'cap' (got norm ${nr} in row ${i})`, {
          fn,
          arg: 'x',
          expected: 1,
          actual: nr,
          index: i,
        });
      }
    }
  }
  return {
    kind,
    rho,
    boxLo,
    boxHi,
    sign,
    attained,
    tolerance,
    maxNodes,
    timeLimitMs,
    gridPoints,
    signal: o.signal,
  };
}

/** The set's bounding box (∩ data box) around x; `full` when that box holds the whole ball. */
function rootDomain(p: Prepared, x: Float64Array): BoundDomain {
  const d = x.length;
  const r = p.kind === 'cap' ? chordRadius(p.rho) : p.rho;
  const lo = new Float64Array(d);
  const hi = new Float64Array(d);
  let full = true;
  for (let j = 0; j < d; j++) {
    lo[j] = x[j] - r;
    hi[j] = x[j] + r;
    if (p.kind === 'cap') {
      lo[j] = Math.max(lo[j], -1);
      hi[j] = Math.min(hi[j], 1);
    }
    if (p.boxLo !== null && p.boxHi !== null) {
      if (p.boxLo[j] > lo[j] || p.boxHi[j] < hi[j]) full = false;
      lo[j] = Math.max(lo[j], p.boxLo[j]);
      hi[j] = Math.min(hi[j], p.boxHi[j]);
    }
  }
  return { kind: p.kind, x, rho: p.rho, lo, hi, full };
}

interface InputNode {
  readonly dom: BoundDomain;
  readonly bound: number;
  readonly score: Float64Array;
}

/** Best-first branch-and-bound over sub-boxes of the input domain. */
function inputSplitSearch(
  net: PiecewiseNet,
  rootDom: BoundDomain,
  s: number,
  root: NodeBound,
  inc: Incumbent,
  budget: SearchBudget,
): { lower: number; nodes: number; method: OutputBoundMethod } {
  let pruned = Number.POSITIVE_INFINITY;
  let nodes = 0;
  const heap = new MinHeap<InputNode>();
  heap.push(Math.max(root.ibp, root.linear), {
    dom: rootDom,
    bound: Math.max(root.ibp, root.linear),
    score: root.inputScore,
  });
  while (heap.size > 0) {
    const top = heap.peekKey();
    if (inc.value - Math.min(top, pruned) <= budget.tolerance || outOfBudget(budget, nodes)) break;
    const node = heap.pop();
    const { dom, score } = node;
    let j = 0;
    for (let k = 1; k < score.length; k++) if (score[k] > score[j]) j = k;
    if (!(score[j] > 0)) {
      // Nothing to gain by splitting (linear on the domain): the bound is final.
      pruned = Math.min(pruned, node.bound);
      continue;
    }
    const mid = 0.5 * (dom.lo[j] + dom.hi[j]);
    for (const side of [0, 1]) {
      const lo = dom.lo.slice();
      const hi = dom.hi.slice();
      if (side === 0) hi[j] = mid;
      else lo[j] = mid;
      const child: BoundDomain = {
        kind: dom.kind,
        x: dom.x,
        rho: dom.rho,
        lo,
        hi,
        full: dom.kind === 'linf',
      };
      const b = netNodeBound(net, child, s, null, true);
      nodes++;
      if (b.point !== null) offer(inc, s * evalPiecewiseNet(net, b.point), b.point);
      const bound = Math.max(node.bound, b.ibp, b.linear);
      if (bound >= inc.value) pruned = Math.min(pruned, bound);
      else heap.push(bound, { dom: child, bound, score: b.inputScore });
    }
  }
  const lower = Math.min(heap.size > 0 ? heap.peekKey() : Number.POSITIVE_INFINITY, pruned);
  return { lower, nodes, method: nodes > 0 ? 'bab' : root.linear > root.ibp ? 'linear' : 'ibp' };
}

interface ReluNode {
  readonly fixed: Int8Array[];
  readonly bound: number;
  readonly nb: NodeBound;
}

/** Best-first branch-and-bound over ReLU activation states (z ≥ 0 / z ≤ 0) of unstable hidden units. */
function reluSplitSearch(
  net: PiecewiseNet,
  dom: BoundDomain,
  s: number,
  root: NodeBound,
  inc: Incumbent,
  budget: SearchBudget,
): { lower: number; nodes: number; method: OutputBoundMethod } {
  let pruned = Number.POSITIVE_INFINITY;
  let nodes = 0;
  const heap = new MinHeap<ReluNode>();
  const fixed0 = root.preLo.map((l) => new Int8Array(l.length));
  const rootBound = Math.max(root.ibp, root.linear);
  heap.push(rootBound, { fixed: fixed0, bound: rootBound, nb: root });
  while (heap.size > 0) {
    const top = heap.peekKey();
    if (inc.value - Math.min(top, pruned) <= budget.tolerance || outOfBudget(budget, nodes)) break;
    const node = heap.pop();
    const { nb } = node;
    // Branch on the unstable unit with the largest |coefficient| × relaxation gap −l·u/(u − l).
    let bk = -1;
    let bj = -1;
    let bs = 0;
    for (let k = 0; k < nb.preLo.length; k++) {
      const c = nb.hiddenCoef[k];
      for (let j = 0; j < nb.preLo[k].length; j++) {
        const l = nb.preLo[k][j];
        const u = nb.preHi[k][j];
        if (!(l < 0 && u > 0) || node.fixed[k][j] !== 0) continue;
        const sc = (c === undefined ? 1 : c[j]) * ((-l * u) / (u - l));
        if (sc > bs) {
          bs = sc;
          bk = k;
          bj = j;
        }
      }
    }
    if (bk < 0) {
      pruned = Math.min(pruned, node.bound);
      continue;
    }
    for (const state of [1, -1]) {
      const fixed = node.fixed.map((f) => f.slice());
      fixed[bk][bj] = state;
      const b = netNodeBound(net, dom, s, fixed, true);
      nodes++;
      if (b.point !== null) offer(inc, s * evalPiecewiseNet(net, b.point), b.point);
      const bound = Math.max(node.bound, b.ibp, b.linear);
      if (bound >= inc.value) pruned = Math.min(pruned, bound);
      else heap.push(bound, { fixed, bound, nb: b });
    }
  }
  const lower = Math.min(heap.size > 0 ? heap.peekKey() : Number.POSITIVE_INFINITY, pruned);
  return { lower, nodes, method: nodes > 0 ? 'bab' : root.linear > root.ibp ? 'linear' : 'ibp' };
}

/** Rows per batched grid evaluation: keeps the model's [rows, width] scratch near 2²² entries. */
function gridChunk(net: PiecewiseNet): number {
  let w = 1;
  for (const l of net.layers) w = Math.max(w, l.fanOut);
  return Math.max(1, Math.floor(2 ** 22 / w));
}

/**
 * f at the G arc points θ + ρ(2k − (G − 1))/(G − 1) (batched, chunked), and a bound on the magnitude
 * Σ|terms| of the last layer's sum over the cap, |b_L| + Σ_o |W_L,o|·max(|σ(l_o)|, |σ(u_o)|) from the root's
 * last hidden pre-activation bounds (the rounding scale of every grid value).
 */
function arcGrid(
  net: PiecewiseNet,
  x: Float64Array,
  rho: number,
  G: number,
  root: NodeBound,
  predict: (x: Mat) => Float64Array,
): { values: Float64Array; mag: number } {
  const theta = Math.atan2(x[1], x[0]);
  const values = new Float64Array(G);
  const chunk = gridChunk(net);
  for (let start = 0; start < G; start += chunk) {
    const rows = Math.min(chunk, G - start);
    const pts = new Float64Array(2 * rows);
    for (let k = 0; k < rows; k++) {
      const phi = theta + rho * ((2 * (start + k) - (G - 1)) / (G - 1));
      pts[2 * k] = Math.cos(phi);
      pts[2 * k + 1] = Math.sin(phi);
    }
    values.set(predict({ rows, cols: 2, data: pts }), start);
  }
  const last = net.layers[net.layers.length - 1];
  let mag = Math.abs(last.b[0]);
  const k = root.preLo.length - 1;
  if (k < 0) {
    for (let j = 0; j < last.fanIn; j++) mag += Math.abs(last.W[j]);
  } else {
    for (let o = 0; o < last.fanIn; o++) {
      const h = Math.max(
        Math.abs(act(net.activation, root.preLo[k][o])),
        Math.abs(act(net.activation, root.preHi[k][o])),
      );
      mag += Math.abs(last.W[o]) * h;
    }
  }
  return { values, mag };
}
