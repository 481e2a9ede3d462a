/**
 * C1 — closed-form kernels against Monte Carlo over random weights.
 */
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../src/kernels/twoLayerNtk.ts';
import { createRng, type Rng } from '../src/random/rng.ts';
import type { Mat } from '../src/types.ts';
import { type Check, type CheckOutcome, compare } from './framework/check.ts';

/** Running mean and standard error of a stream of samples. */
class Stat {
  n = 0;
  mean = 0;
  m2 = 0;
  add(v: number): void {
    this.n++;
    const d = v - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (v - this.mean);
  }
  get se(): number {
    return Math.sqrt(this.m2 / (this.n - 1) / this.n);
  }
}

function pair(d: number, rng: Rng): { x: Mat; z: Mat } {
  const a = new Float64Array(d);
  const b = new Float64Array(d);
  const sa = 0.5 + 1.5 * rng.uniform();
  const sb = 0.5 + 1.5 * rng.uniform();
  let na = 0;
  let nb = 0;
  for (let j = 0; j < d; j++) {
    a[j] = rng.normal();
    // correlate b with a so the angle is not always near π/2
    b[j] = 0.6 * a[j] + rng.normal();
    na += a[j] ** 2;
    nb += b[j] ** 2;
  }
  for (let j = 0; j < d; j++) {
    a[j] *= sa / Math.sqrt(na);
    b[j] *= sb / Math.sqrt(nb);
  }
  return { x: { rows: 1, cols: d, data: a }, z: { rows: 1, cols: d, data: b } };
}

type Row = (number | string)[];

const check: Check = {
  id: 'C1',
  title: 'Closed-form kernels vs Monte Carlo',
  claim:
    'For d = 3…10 the closed-form NNGP and NTK (two-layer paper model with ReLU and ReLU², first or both layers trained; neural-tangents fully connected ReLU nets of depth 1–3 with weight and bias variances) agree with Monte Carlo averages over random weights within 4 standard errors.',
  async run(ctx): Promise<CheckOutcome> {
    const rng = createRng(ctx.seed + 1);
    const M = ctx.quick ? 40_000 : 400_000;
    const rows: Row[] = [];
    const zs: number[] = [];
    const dsPlot: number[] = [];
    const record = (d: number, kernel: string, which: string, closed: number, s: Stat) => {
      const z = (closed - s.mean) / s.se;
      zs.push(Math.abs(z));
      dsPlot.push(d);
      rows.push([d, kernel, which, closed, s.mean, s.se, z]);
    };
    for (let d = 3; d <= 10; d++) {
      if (ctx.signal?.aborted) break;
      const { x, z } = pair(d, rng);
      const xa = x.data;
      const za = z.data;
      let xz = 0;
      for (let j = 0; j < d; j++) xz += xa[j] * za[j];
      // Paper model: per hidden unit w ~ N(0, I_d); the empirical kernels are averages of per-unit terms.
      for (const activation of ['relu', 'relu2'] as const) {
        const nngp = new Stat();
        const first = new Stat();
        const both = new Stat();
        const w = new Float64Array(d);
        for (let r = 0; r < M; r++) {
          rng.fillNormal(w);
          let u = 0;
          let v = 0;
          for (let j = 0; j < d; j++) {
            u += w[j] * xa[j];
            v += w[j] * za[j];
          }
          const su = activation === 'relu' ? Math.max(u, 0) : Math.max(u, 0) ** 2;
          const sv = activation === 'relu' ? Math.max(v, 0) : Math.max(v, 0) ** 2;
          const du = activation === 'relu' ? (u > 0 ? 1 : 0) : 2 * Math.max(u, 0);
          const dv = activation === 'relu' ? (v > 0 ? 1 : 0) : 2 * Math.max(v, 0);
          nngp.add(su * sv);
          first.add(du * dv * xz);
          both.add(du * dv * xz + su * sv);
        }
        const kf = twoLayerNtk({ activation, train: 'first' })(x, z);
        const kb = twoLayerNtk({ activation, train: 'both' })(x, z);
        record(d, `two-layer ${activation}`, 'nngp', kf.nngp.data[0], nngp);
        record(d, `two-layer ${activation}`, 'ntk (first)', kf.ntk.data[0], first);
        record(d, `two-layer ${activation}`, 'ntk (both)', kb.ntk.data[0], both);
      }
      // neural-tangents fc ReLU, depth 1: the empirical NNGP/NTK of one random width-M layer (exact per-unit
      // terms, including the readout weight v_r² factor), Σ⁰ = x·x'/d.
      const wStd = 1.3;
      const bStd = 0.4;
      {
        const nngp = new Stat();
        const ntk = new Stat();
        const w = new Float64Array(d);
        const s1 = (wStd * wStd * xz) / d + bStd * bStd;
        for (let r = 0; r < M; r++) {
          rng.fillNormal(w);
          const beta = rng.normal();
          const vr = rng.normal();
          let u = 0;
          let v = 0;
          for (let j = 0; j < d; j++) {
            u += w[j] * xa[j];
            v += w[j] * za[j];
          }
          u = (wStd * u) / Math.sqrt(d) + bStd * beta;
          v = (wStd * v) / Math.sqrt(d) + bStd * beta;
          const phi = wStd * wStd * Math.max(u, 0) * Math.max(v, 0) + bStd * bStd;
          nngp.add(phi);
          ntk.add(phi + wStd * wStd * vr * vr * (u > 0 && v > 0 ? 1 : 0) * s1);
        }
        const k = fcReluKernel({ depth: 1, wStd, bStd })(x, z);
        record(d, 'fc ReLU depth 1', 'nngp', k.nngp.data[0], nngp);
        record(d, 'fc ReLU depth 1', 'ntk', k.ntk.data[0], ntk);
      }
      // Depth 2 and 3: one more random layer on top of the closed form of the layer below (its output
      // covariance, verified one step earlier): (u, v) ~ N(0, Σ_{L−1}), then Dense → ReLU → Dense by sampling.
      for (const depth of [2, 3]) {
        const below = fcReluKernel({ depth: depth - 1, wStd, bStd });
        const xx = below(x).nngp.data[0];
        const zz = below(z).nngp.data[0];
        const kb = below(x, z);
        const xzB = kb.nngp.data[0];
        const thB = kb.ntk.data[0];
        const nngp = new Stat();
        const ntk = new Stat();
        const l11 = Math.sqrt(xx);
        const l21 = xzB / l11;
        const l22 = Math.sqrt(Math.max(zz - l21 * l21, 0));
        for (let r = 0; r < M; r++) {
          const g1 = rng.normal();
          const g2 = rng.normal();
          const vr = rng.normal();
          const u = l11 * g1;
          const v = l21 * g1 + l22 * g2;
          const phi = wStd * wStd * Math.max(u, 0) * Math.max(v, 0) + bStd * bStd;
          nngp.add(phi);
          ntk.add(phi + wStd * wStd * vr * vr * (u > 0 && v > 0 ? 1 : 0) * thB);
        }
        const k = fcReluKernel({ depth, wStd, bStd })(x, z);
        record(d, `fc ReLU depth ${depth}`, 'nngp', k.nngp.data[0], nngp);
        record(d, `fc ReLU depth ${depth}`, 'ntk', k.ntk.data[0], ntk);
      }
      ctx.log(`d = ${d}: max |z| so far ${Math.max(...zs).toFixed(2)}`);
    }
    const maxZ = Math.max(...zs);
    const meanZ2 = zs.reduce((s, v) => s + v * v, 0) / zs.length;
    return {
      comparisons: [
        compare('max |closed form − MC| / SE over all kernels and d', maxZ, '<=', 4),
        compare('mean z² (≈ 1 if the standard errors are honest)', meanZ2, '<=', 2),
        compare('mean z² lower sanity bound', meanZ2, '>=', 0.3),
      ],
      tables: [
        {
          title: `Closed form vs Monte Carlo (${M} random hidden units per entry)`,
          columns: ['d', 'kernel', 'quantity', 'closed form', 'Monte Carlo', 'SE', 'z'],
          rows,
        },
      ],
      plots: [
        {
          title: 'Standardised deviations |z| (bound 4)',
          xLabel: 'input dimension d',
          yLabel: '|z|',
          series: [
            { name: '|z|', x: dsPlot, y: zs, style: 'points' },
            { name: 'bound', x: [3, 10], y: [4, 4], style: 'dashed' },
          ],
        },
      ],
      notes: [
        'Inputs: random pairs with norms in [0.5, 2] and correlated directions; fc nets use wStd = 1.3, bStd = 0.4, NTK parameterisation, Σ⁰ = x·x′/d.',
        'Depth 1 and the two-layer model: exact empirical NNGP/NTK of one random layer of M hidden units (unbiased; the readout weight enters as v_r²). Depth 2, 3: the top layer is sampled given the closed-form covariance of the layer below, which tests each step of the recursion without finite-width bias.',
        'Multiple comparisons: with 96 entries the chance that one honest |z| exceeds 4 is about 0.6 %; the seed is fixed.',
      ],
    };
  },
};

export default check;
