/**
 * C16 — plain interpolation with 2n + d parameters (claim 3, the upper side).
 */
import { createRng } from '../src/random/rng.ts';
import { type Check, type CheckOutcome, compare } from './framework/check.ts';

/** A depth-2 ReLU network Σ_j w_j relu(a·x − b_j). */
export interface PlainNet {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly w: Float64Array;
}

/** Builds f(x) = Σ_j w_j relu(a·x − b_j) interpolating (x_i, y_i); returns the network's parameters. */
export function plainInterpolant(
  x: Float64Array,
  n: number,
  d: number,
  y: Float64Array,
  a: Float64Array,
): PlainNet {
  return interpolantInOrder(x, n, d, y, a, true);
}

/** The construction with the points taken in sorted order of a·x (`sorted`), or as given (broken). */
function interpolantInOrder(
  x: Float64Array,
  n: number,
  d: number,
  y: Float64Array,
  a: Float64Array,
  sorted: boolean,
): PlainNet {
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += a[c] * x[i * d + c];
    p[i] = s;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  if (sorted) order.sort((i, j) => p[i] - p[j]);
  const ps = Float64Array.from(order, (i) => p[i]);
  const ys = Float64Array.from(order, (i) => y[i]);
  const b = new Float64Array(n);
  b[0] = ps[0] - 1;
  for (let j = 1; j < n; j++) b[j] = (ps[j - 1] + ps[j]) / 2;
  // f(x_(i)) = Σ_{j ≤ i} w_j (p_(i) − b_j): lower-triangular system, forward substitution.
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = ys[i];
    for (let j = 0; j < i; j++) s -= w[j] * (ps[i] - b[j]);
    w[i] = s / (ps[i] - b[i]);
  }
  return { a, b, w };
}

/** Evaluates the depth-2 ReLU network Σ_j w_j relu(a·x − b_j) on row i of x. */
export function evalPlain(net: PlainNet, x: Float64Array, i: number): number {
  const d = net.a.length;
  let p = 0;
  for (let c = 0; c < d; c++) p += net.a[c] * x[i * d + c];
  let f = 0;
  for (let j = 0; j < net.w.length; j++) f += net.w[j] * Math.max(0, p - net.b[j]);
  return f;
}

/** The construction under test (replaceable by a negative control). */
export interface C16Ingredients {
  readonly construct: typeof plainInterpolant;
}

const check: Check<C16Ingredients> = {
  id: 'C16',
  title: 'Plain interpolation with 2n + d parameters',
  claim:
    'f(x) = Σ_j w_j relu(a·x − b_j) with a random direction a, thresholds b_j between sorted projections and w from the triangular system interpolates any n points exactly (2n + d parameters): max error ≈ 1e-13 for n = 12, d = 4.',
  negativeControls: [
    {
      name: 'projections not sorted',
      description:
        'The thresholds are placed between consecutive projections in data order instead of sorted order, so the system solved is no longer the triangular system of the network; caught by the interpolation error, measured on the network itself.',
      ingredients: { construct: (x, n, d, y, a) => interpolantInOrder(x, n, d, y, a, false) },
    },
  ],
  async run(ctx, ingredients): Promise<CheckOutcome> {
    const { construct } = { construct: plainInterpolant, ...ingredients };
    const rng = createRng(ctx.seed + 16);
    const cases: [number, number][] = ctx.quick
      ? [
          [12, 4],
          [50, 4],
          [200, 10],
        ]
      : [
          [12, 4],
          [50, 4],
          [200, 10],
          [1000, 20],
          [2000, 64],
        ];
    const rows: (number | string)[][] = [];
    let err12 = Number.NaN;
    let worstScaled = 0;
    let worstCount = 0;
    for (const [n, d] of cases) {
      const x = new Float64Array(n * d);
      for (let i = 0; i < x.length; i++) x[i] = rng.normal();
      const y = Float64Array.from({ length: n }, () => 2 * rng.uniform() - 1);
      const a = new Float64Array(d);
      let na = 0;
      for (let c = 0; c < d; c++) {
        a[c] = rng.normal();
        na += a[c] * a[c];
      }
      for (let c = 0; c < d; c++) a[c] /= Math.sqrt(na);
      const net = construct(x, n, d, y, a);
      let err = 0;
      for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(evalPlain(net, x, i) - y[i]));
      const params = net.a.length + net.b.length + net.w.length;
      worstCount = Math.max(worstCount, Math.abs(params - (2 * n + d)));
      const wMax = net.w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      // Forward error scale of the triangular solve: n · ε · Σ|w_j|·|p − b_j|.
      let scale = 0;
      for (let j = 0; j < n; j++) scale += Math.abs(net.w[j]);
      const scaled = err / (n * Number.EPSILON * Math.max(1, scale));
      worstScaled = Math.max(worstScaled, scaled);
      if (n === 12 && d === 4) err12 = err;
      rows.push([n, d, params, 2 * n + d, err, wMax, scaled]);
    }
    return {
      comparisons: [
        compare('max |f(x_i) − y_i| (n = 12, d = 4)', err12, '<=', 1e-12),
        compare('max error / (n·ε·Σ|w_j|) over all sizes', worstScaled, '<=', 10),
        compare('max |#parameters − (2n + d)| over all sizes', worstCount, '<=', 0),
      ],
      tables: [
        {
          title: 'Interpolation error of the 2n + d parameter network',
          columns: [
            'n',
            'd',
            'parameters',
            '2n + d',
            'max |f(x_i) − y_i|',
            'max |w_j|',
            'error / (n·ε·Σ|w|)',
          ],
          rows,
        },
      ],
      notes: [
        'Inputs x_i ~ N(0, I_d), targets uniform in [−1, 1]; a is a random unit direction (projections are distinct almost surely).',
        'The error is measured by evaluating the network itself (Σ w_j relu(a·x − b_j)), not the triangular system.',
        'Thresholds: b_1 = p_(1) − 1, b_j = (p_(j−1) + p_(j))/2; the constants are ours (our reconstruction of the construction).',
        'Tolerances: forward substitution is backward stable, so the error of f(x_i) is bounded by a small multiple of n·ε·Σ_j|w_j|·|p_i − b_j| ≤ n·ε·Σ|w_j| (|p − b| ≤ O(1) for these projections up to a range factor); the bound 10·n·ε·Σ|w_j| and, for n = 12, 1e-12 (≈ 10⁴ ε at |w| = O(1)) leave that margin.',
      ],
    };
  },
};

export default check;
