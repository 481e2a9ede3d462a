/**
 * C2 — the empirical NTK of a width-m network converges to the analytic NTK at rate m^{-1/2}.
 */
import { AbortError } from '../src/errors.ts';
import { type FcReluKernelOptions, fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { type TwoLayerNtkOptions, twoLayerNtk } from '../src/kernels/twoLayerNtk.ts';
import type { KernelFn } from '../src/kernels/types.ts';
import { empiricalNtk } from '../src/nn/empiricalNtk.ts';
import { fcReluNet } from '../src/nn/fcReluNet.ts';
import { twoLayerNet } from '../src/nn/twoLayerNet.ts';
import { createRng, type Rng } from '../src/random/rng.ts';
import type { Mat } from '../src/types.ts';
import { type Check, type CheckOutcome, type Comparison, compare, type Plot } from './framework/check.ts';
import { scaledFactory } from './shared/brokenKernels.ts';

/** n points uniform on the unit sphere S^{d−1}. */
export function spherePoints(rng: Rng, n: number, d: number): Mat {
  const x = rng.fillNormal(new Float64Array(n * d));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[i * d + j] ** 2;
    const c = 1 / Math.sqrt(s);
    for (let j = 0; j < d; j++) x[i * d + j] *= c;
  }
  return { rows: n, cols: d, data: x };
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Least-squares slope of log y against log x. */
export function logLogSlope(x: readonly number[], y: readonly number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
  const my = ly.reduce((s, v) => s + v, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

/** The analytic kernels the empirical NTKs are compared with (replaceable by a negative control). */
export interface C2Ingredients {
  readonly twoLayerNtk: (options: TwoLayerNtkOptions) => KernelFn;
  readonly fcReluKernel: (options: FcReluKernelOptions) => KernelFn;
}

const defaults: C2Ingredients = { twoLayerNtk, fcReluKernel };

const check: Check<C2Ingredients> = {
  id: 'C2',
  title: 'Empirical NTK → analytic NTK at rate m^{-1/2}',
  claim:
    'For the two-layer net f = m^{-1/2} Σ a_r σ(w_r·x), w_r ~ N(0, I), the empirical NTK H_m on unit inputs is unbiased, E[H_m] = H^∞ (pooled over all nets within 4 standard errors, which sees a 1 % error in H^∞), and max|H_m − H^∞| = O(m^{-1/2}): max error·√m is roughly constant for m ∈ {100, 400, 1600, 6400} (log-log slope −1/2) and within Hoeffding’s √(log(2N/δ)/(2m)) for ReLU with the first layer trained; deep NTK-parameterised ReLU nets match fcReluKernel within Monte Carlo error.',
  negativeControls: [
    {
      name: 'NTK scaled by 1.01',
      description:
        'The analytic two-layer and deep NTKs are 1 % too large; caught by the pooled unbiasedness test E[H_m] = H^∞ (the rate comparisons alone would not see a 1 % offset at these widths).',
      ingredients: {
        twoLayerNtk: scaledFactory(twoLayerNtk, 1.01),
        fcReluKernel: scaledFactory(fcReluKernel, 1.01),
      },
    },
  ],
  async run(ctx, ingredients): Promise<CheckOutcome> {
    const ing = { ...defaults, ...ingredients };
    const rng = createRng(ctx.seed + 2);
    const d = 3;
    const n = 8;
    const widths = [100, 400, 1600, 6400];
    const seeds = ctx.quick ? 20 : 40;
    const delta = 0.01;
    const x = spherePoints(rng, n, d);
    const entries = (n * (n + 1)) / 2;
    // Union bound over entries, widths and seeds of the relu/first configuration.
    const hoeffding = (m: number) =>
      Math.sqrt(Math.log((2 * entries * widths.length * seeds) / delta) / (2 * m));
    const configs = [
      { activation: 'relu', train: 'first' },
      { activation: 'relu', train: 'both' },
      { activation: 'relu2', train: 'first' },
    ] as const;
    const comparisons: Comparison[] = [];
    const rows: (number | string)[][] = [];
    const series: Plot['series'][number][] = [];
    const unbiasedRows: (number | string)[][] = [];
    let unbiasedDev = 0;
    let unbiasedVar = 0;
    for (const cfg of configs) {
      const hInf = ing.twoLayerNtk({ activation: cfg.activation, train: cfg.train })(x).ntk.data;
      // Unbiasedness: with Gaussian init every H_m is a mean of m i.i.d. per-neuron terms, so E[H_m] = H^∞
      // exactly. Scalar s = Σ_k H^∞_k·H_{m,k} per net, pooled over all nets weighted by m (= the mean over all
      // neurons); its variance from the spread of √m·(s − pooled) over nets.
      let hh = 0;
      for (const v of hInf) hh += v * v;
      let sumM = 0;
      let sumMs = 0;
      let sumMs2 = 0;
      let nets = 0;
      const meanErr: number[] = [];
      let worstHoeffding = 0;
      for (const m of widths) {
        if (ctx.signal?.aborted)
          throw new AbortError('run must not be aborted (aborted by the signal)', {
            fn: 'C2',
            arg: 'ctx.signal',
          });
        ctx.log(`C2: ${cfg.activation}/${cfg.train}, m = ${m}`);
        let sum = 0;
        let worst = 0;
        for (let s = 0; s < seeds; s++) {
          const net = twoLayerNet({
            inputDim: d,
            width: m,
            activation: cfg.activation,
            train: cfg.train,
            init: 'gaussian',
            seed: ctx.seed * 1000 + s * 7919 + m + 104_729 * configs.indexOf(cfg),
          });
          const hm = empiricalNtk(net, x).data;
          const err = maxAbsDiff(hm, hInf);
          let sNet = 0;
          for (let k = 0; k < hm.length; k++) sNet += hInf[k] * hm[k];
          sumM += m;
          sumMs += m * sNet;
          sumMs2 += m * sNet * sNet;
          nets++;
          sum += err;
          worst = Math.max(worst, err);
        }
        const mean = sum / seeds;
        meanErr.push(mean);
        rows.push([
          `${cfg.activation}/${cfg.train}`,
          m,
          mean,
          mean * Math.sqrt(m),
          worst,
          cfg.activation === 'relu' && cfg.train === 'first' ? hoeffding(m) : '—',
        ]);
        if (cfg.activation === 'relu' && cfg.train === 'first')
          worstHoeffding = Math.max(worstHoeffding, worst / hoeffding(m));
      }
      const pooledS = sumMs / sumM;
      const perNeuronVar = (sumMs2 - pooledS * pooledS * sumM) / (nets - 1);
      const pooledDev = pooledS - hh;
      const pooledVar = perNeuronVar / sumM;
      // Inverse-variance combination of the relative deviations (configurations use disjoint seeds).
      const relVar = pooledVar / (hh * hh);
      unbiasedDev += pooledDev / hh / relVar;
      unbiasedVar += 1 / relVar;
      unbiasedRows.push([
        `${cfg.activation}/${cfg.train}`,
        nets,
        sumM,
        pooledS / hh - 1,
        Math.sqrt(pooledVar) / hh,
        pooledDev / Math.sqrt(pooledVar),
      ]);
      const slope = logLogSlope(widths, meanErr);
      const scaled = meanErr.map((e, i) => e * Math.sqrt(widths[i]));
      const spread = Math.max(...scaled) / Math.min(...scaled);
      const label = `${cfg.activation}/${cfg.train}`;
      comparisons.push(compare(`${label}: log-log slope of mean max error ≥ −0.7`, slope, '>=', -0.7));
      comparisons.push(compare(`${label}: log-log slope of mean max error ≤ −0.3`, slope, '<=', -0.3));
      comparisons.push(
        compare(`${label}: max/min of mean error·√m over m (roughly constant)`, spread, '<=', 2),
      );
      if (cfg.activation === 'relu' && cfg.train === 'first') {
        comparisons.push(
          compare(
            'relu/first: worst error / Hoeffding bound (δ = 0.01, union bound)',
            worstHoeffding,
            '<=',
            1,
          ),
        );
      }
      series.push({ name: `${label} (mean max error)`, x: widths, y: meanErr, style: 'points' });
    }
    const c0 = rows[0][2] as number;
    series.push({
      name: 'slope −1/2 reference',
      x: widths,
      y: widths.map((m) => (c0 * Math.sqrt(widths[0])) / Math.sqrt(m)),
      style: 'dashed',
    });

    const unbiasedZ = unbiasedDev / Math.sqrt(unbiasedVar);
    const unbiasedRel = unbiasedDev / unbiasedVar;
    comparisons.push(
      compare(
        'two-layer nets: |pooled relative deviation of Σ_k H^∞_k·H_{m,k}| / SE over all nets (E[H_m] = H^∞)',
        Math.abs(unbiasedZ),
        '<=',
        4,
      ),
    );
    // Deep nets vs fcReluKernel: mean of the empirical NTK over independent nets, within 4 standard errors.
    const deep = { depth: 2, wStd: 1.5, bStd: 0.1 };
    const dd = 4;
    const xd = spherePoints(rng, 5, dd);
    const kernel = ing.fcReluKernel({ ...deep, parameterization: 'ntk' })(xd).ntk.data;
    const deepWidth = ctx.quick ? 512 : 1024;
    const deepNets = ctx.quick ? 20 : 40;
    ctx.log(`C2: deep nets (width ${deepWidth}, ${deepNets} nets)`);
    const s1 = new Float64Array(kernel.length);
    const s2 = new Float64Array(kernel.length);
    for (let s = 0; s < deepNets; s++) {
      const h = empiricalNtk(
        fcReluNet({ inputDim: dd, width: deepWidth, ...deep, seed: ctx.seed * 100 + s }),
        xd,
      ).data;
      for (let k = 0; k < h.length; k++) {
        s1[k] += h[k];
        s2[k] += h[k] * h[k];
      }
    }
    let worstZ = 0;
    let worstRel = 0;
    for (let k = 0; k < kernel.length; k++) {
      const mean = s1[k] / deepNets;
      const variance = Math.max(0, (s2[k] / deepNets - mean * mean) * (deepNets / (deepNets - 1)));
      const se = Math.sqrt(variance / deepNets);
      worstZ = Math.max(worstZ, Math.abs(mean - kernel[k]) / Math.max(se, 1e-12));
      worstRel = Math.max(worstRel, Math.abs(mean - kernel[k]) / Math.abs(kernel[k]));
    }
    comparisons.push(
      compare(
        `deep (depth 2, wStd 1.5, bStd 0.1, width ${deepWidth}): max |mean Θ̂ − Θ|/SE over entries`,
        worstZ,
        '<=',
        4,
      ),
    );
    return {
      comparisons,
      tables: [
        {
          title: 'Two-layer empirical NTK error',
          columns: [
            'σ / trained',
            'm',
            'mean max|H_m − H^∞|',
            'mean·√m',
            'worst over seeds',
            'Hoeffding bound',
          ],
          rows,
        },
        {
          title:
            'Unbiasedness E[H_m] = H^∞ (two-layer, Gaussian init): s = Σ_k H^∞_k H_{m,k}, pooled over nets',
          columns: ['σ / trained', 'nets', 'neurons', 'pooled s / Σ(H^∞)² − 1', 'its SE', 'z'],
          rows: unbiasedRows,
        },
        {
          title: 'Deep net vs fcReluKernel',
          columns: ['width', 'nets', 'max |mean − Θ|/SE', 'max relative error of the mean'],
          rows: [[deepWidth, deepNets, worstZ, worstRel]],
        },
      ],
      plots: [
        {
          title: 'max |H_m − H^∞| against width',
          xLabel: 'width m',
          yLabel: 'mean over seeds of max entry error',
          logX: true,
          logY: true,
          series,
        },
      ],
      notes: [
        `n = ${n} unit points in d = ${d}, ${seeds} independent Gaussian initialisations per width (the symmetric initialisation would halve the number of independent neurons).`,
        'Hoeffding: each entry of H_m is a mean of m i.i.d. terms (x·x′)·1[w·x>0]·1[w·x′>0] with range ≤ |x·x′| ≤ 1, so P(|H_m − H^∞| ≥ t) ≤ 2e^{−2mt²}; δ = 0.01 is split over all entries, widths and seeds.',
        'ReLU² and the both-layers NTK have unbounded terms (no Hoeffding bound); only their rate is checked.',
        `Unbiasedness: inverse-variance combination of the three configurations (independent seeds): relative deviation ${(100 * unbiasedRel).toFixed(3)} % ± ${(100 / Math.sqrt(unbiasedVar)).toFixed(3)} %, z = ${unbiasedZ.toFixed(2)} (bound 4, ≈ N(0, 1) if the analytic kernel is the expectation); a 1 % error in H^∞ moves it by about 1 %.`,
        'Deep nets: standard error from the spread over independent nets; the finite-width bias of deep NTKs is O(1/width), below the Monte Carlo error at these sizes.',
      ],
    };
  },
};

export default check;
