/**
 * Certified minimum of s·f over an arc of the unit circle (caps in d = 2): adaptive arc grid with, per
 * cell, the larger of an output-space grid certificate and CROWN on the sub-arc.
 * @internal
 * @packageDocumentation
 */
import type { OutputBoundMethod } from '../types.ts';
import { chordRadius } from './boundDomain.ts';
import { MinHeap } from './minHeap.ts';
import { netNodeBound } from './netNodeBound.ts';
import { evalPiecewiseNet, type PiecewiseNet } from './piecewiseNet.ts';
import { type Incumbent, offer, outOfBudget, type SearchBudget } from './searchBudget.ts';

/** Relative rounding margin of a grid cell bound (forward-pass error, × fan-in × depth). */
const GRID_MARGIN = 1e-13;

interface Cell {
  readonly a: number;
  readonly b: number;
  readonly ga: number;
  readonly gb: number;
  readonly ma: number;
  readonly mb: number;
  readonly bound: number;
  /** Whether CROWN on the sub-arc is already part of `bound`. */
  readonly linear: boolean;
}

/**
 * min over φ ∈ [θ − ρ, θ + ρ] of g(φ) = s·f(cos φ, sin φ) ≥ returned `lower`, for the unit x = (cos θ, sin θ).
 *
 * The arc is cut into G − 1 equal cells with g evaluated at the G ends. On a cell [φ_a, φ_b] of length h:
 * - slope bound K ≥ sup |g'| (the tangent of the circle is a unit vector, so K = sup ‖∇f‖₂ on the cap):
 *   a point at distance t from φ_a has g ≥ max(g_a − K t, g_b − K(h − t)) ≥ (g_a + g_b − K h)/2;
 * - curvature bound M ≥ sup |g''| (finite for C² two-layer nets): the linear interpolant errs by at most
 *   M h²/8, so g ≥ min(g_a, g_b) − M h²/8;
 * Each cell keeps the larger of these (and the whole-cap bound `rootBound`). Then, best-first, the cell
 * with the smallest bound is refined until attained − lower ≤ tolerance or the budget runs out: first by
 * CROWN on its sub-arc (itself a cap of half-angle h/2 about the cell's mid-point), then by halving it (one
 * new evaluation). Each refinement counts as one node. Cell bounds get a rounding margin of
 * 1e-13 × fan-in × depth × the forward pass's term magnitudes.
 * @internal
 */
export function arcBound(
  net: PiecewiseNet,
  x: Float64Array,
  rho: number,
  s: number,
  rootBound: number,
  inc: Incumbent,
  grid: { readonly values: Float64Array; readonly mag: number },
  slope: number,
  curvature: number,
  budget: SearchBudget,
): { lower: number; nodes: number; method: OutputBoundMethod } {
  const theta = Math.atan2(x[1], x[0]);
  let fan = 1;
  for (const l of net.layers) fan = Math.max(fan, l.fanIn, l.fanOut);
  const rel = GRID_MARGIN * (fan + 2) * net.layers.length;
  const pt = new Float64Array(2);
  const mag = { value: 0 };
  const evalAt = (phi: number): [number, number] => {
    pt[0] = Math.cos(phi);
    pt[1] = Math.sin(phi);
    const g = s * evalPiecewiseNet(net, pt, 0, mag);
    offer(inc, g, pt);
    return [g, mag.value];
  };
  const gridCell = (c: Omit<Cell, 'bound' | 'linear'>, floor: number): number => {
    const h = c.b - c.a;
    const err = rel * (1 + c.ma + c.mb);
    let v = floor;
    const lip = 0.5 * (c.ga + c.gb - slope * h) - err - 1e-15 * slope * h;
    if (lip > v) v = lip;
    if (curvature < Number.POSITIVE_INFINITY) {
      const cv = Math.min(c.ga, c.gb) - (curvature * h * h) / 8 - err - 1e-15 * curvature * h * h;
      if (cv > v) v = cv;
    }
    return v;
  };
  const linearCell = (c: Cell): number => {
    const h = c.b - c.a;
    const m = 0.5 * (c.a + c.b);
    const cx = Float64Array.of(Math.cos(m), Math.sin(m));
    const r = chordRadius(h / 2);
    const dom = {
      kind: 'cap' as const,
      x: cx,
      rho: h / 2,
      lo: Float64Array.of(Math.max(cx[0] - r, -1), Math.max(cx[1] - r, -1)),
      hi: Float64Array.of(Math.min(cx[0] + r, 1), Math.min(cx[1] + r, 1)),
      full: true,
    };
    const nb = netNodeBound(net, dom, s, null, false);
    return Math.max(c.bound, nb.ibp, nb.linear);
  };
  const G = grid.values.length;
  const heap = new MinHeap<Cell>();
  let pruned = Number.POSITIVE_INFINITY;
  // The initial grid comes evaluated by the model's batched forward pass (grid.values[k] = f(φ_k), with
  // grid.mag bounding every Σ|terms| of it).
  const gridAt = (k: number): [number, number] => {
    const phi = theta + rho * ((2 * k - (G - 1)) / (G - 1));
    pt[0] = Math.cos(phi);
    pt[1] = Math.sin(phi);
    const g = s * grid.values[k];
    offer(inc, g, pt);
    return [g, grid.mag];
  };
  let [gPrev, mPrev] = gridAt(0);
  let aPrev = theta - rho;
  const cells: Omit<Cell, 'bound' | 'linear'>[] = [];
  for (let k = 1; k < G; k++) {
    const phi = theta + rho * ((2 * k - (G - 1)) / (G - 1));
    const [g, m] = gridAt(k);
    cells.push({ a: aPrev, b: phi, ga: gPrev, gb: g, ma: mPrev, mb: m });
    aPrev = phi;
    gPrev = g;
    mPrev = m;
  }
  // Bound the cells once every grid value is known (the best attained value prunes CROWN calls).
  for (const c of cells) {
    const bound = gridCell(c, rootBound);
    if (bound >= inc.value) pruned = Math.min(pruned, bound);
    else heap.push(bound, { ...c, bound, linear: false });
  }
  let nodes = 0;
  while (heap.size > 0) {
    if (inc.value - Math.min(heap.peekKey(), pruned) <= budget.tolerance || outOfBudget(budget, nodes)) break;
    const c = heap.pop();
    nodes++;
    if (!c.linear) {
      // Lazily tighten a cell with CROWN on its sub-arc before splitting it.
      const bound = linearCell(c);
      if (bound >= inc.value) pruned = Math.min(pruned, bound);
      else heap.push(bound, { ...c, bound, linear: true });
      continue;
    }
    const mid = 0.5 * (c.a + c.b);
    const [gm, mm] = evalAt(mid);
    for (const child of [
      { a: c.a, b: mid, ga: c.ga, gb: gm, ma: c.ma, mb: mm },
      { a: mid, b: c.b, ga: gm, gb: c.gb, ma: mm, mb: c.mb },
    ]) {
      const bound = gridCell(child, c.bound);
      if (bound >= inc.value) pruned = Math.min(pruned, bound);
      else heap.push(bound, { ...child, bound, linear: false });
    }
  }
  return { lower: Math.min(heap.peekKey(), pruned), nodes, method: nodes > 0 ? 'bab' : 'grid' };
}
