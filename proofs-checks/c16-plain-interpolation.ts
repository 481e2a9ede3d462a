/**
 * C16 — plain interpolation with 2n + d parameters (THEORY.md claim 3, the upper side).
 */
import { createRng } from '../src/random/rng.ts';
import { type Check, type CheckOutcome, compare } from './framework/check.ts';

/** Builds f(x) = Σ_j w_j relu(a·x − b_j) interpolating (x_i, y_i); returns the network's parameters. */
export function plainInterpolant(
  x: Float64Array,
  n: number,
  d: number,
  y: Float64Array,
  a: Float64Array,
): { a: Float64Array; b: Float64Array; w: Float64Array } {
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += a[c] * x[i * d + c];
    p[i] = s;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => p[i] - p[j]);
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
export function evalPlain(
  net: { a: Float64Array; b: Float64Array; w: Float64Array },
  x: Float64Array,
  i: number,
): number {
  const d = net.a.length;
  let p = 0;
  for (let c = 0; c < d; c++) p += net.a[c] * x[i * d + c];
  let f = 0;
  for (let j = 0; j < net.w.length; j++) f += net.w[j] * Math.max(0, p - net.b[j]);
  return f;
}

const check: Check = {
  id: 'C16',
  title: 'Plain interpolation with 2n + d parameters',
  claim:
    'f(x) = Σ_j w_j relu(a·x − b_j) with a random direction a, thresholds b_j between sorted projections and w from the triangular system interpolates any n points exactly (2n + d parameters): max error ≈ 1e-13 for n = 12, d = 4.',
  async run(ctx): Promise<CheckOutcome> {
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
      const net = plainInterpolant(x, n, d, y, a);
      let err = 0;
      for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(evalPlain(net, x, i) - y[i]));
      const params = net.a.length + net.b.length + net.w.length;
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
        'Thresholds: b_1 = p_(1) − 1, b_j = (p_(j−1) + p_(j))/2; THEORY.md gives the construction, the constants are ours.',
      ],
    };
  },
};

export default check;
