/**
 * C1: the closed-form kernels equal averages over random finite-width networks, within 4 standard errors.
 *
 * The sampler is written here, independently of src/nn: a fully connected ReLU network in the
 * neural-tangents parameterisations with hidden width n, and the paper's two-layer model. Per random
 * network it returns unbiased (or O(1/n)-biased, for depth ≥ 2) estimates of the NNGP and of the NTK:
 * - NNGP: the covariance of the output given the last hidden layer, σ_w²·⟨a(x), a(x')⟩/n + σ_b²
 *   (exactly unbiased for one hidden layer at any width);
 * - NTK: the empirical NTK ⟨∇_θ f(x), ∇_θ f(x')⟩ by backpropagation (unbiased for one hidden layer).
 */
import { describe, expect, it } from 'vitest';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { createRng, type Rng } from '../../../src/random/rng.ts';

interface NetSpec {
  depth: number;
  wStd: number;
  bStd: number;
  parameterization: 'ntk' | 'standard';
  width: number;
}

/** One random network: [nngp estimate, ntk estimate] for the pair (x, y). */
function sampleFc(spec: NetSpec, x: Float64Array, y: Float64Array, rng: Rng): [number, number] {
  const { depth, wStd, bStd, parameterization, width } = spec;
  const std = parameterization === 'standard';
  const widths = [x.length, ...Array.from({ length: depth }, () => width), 1];
  // forward, keeping pre-activations h and activations a (a[0] = input)
  const W: Float64Array[] = [];
  const B: Float64Array[] = [];
  const ax: Float64Array[] = [x];
  const ay: Float64Array[] = [y];
  const hx: Float64Array[] = [];
  const hy: Float64Array[] = [];
  for (let l = 0; l <= depth; l++) {
    const nin = widths[l];
    const nout = widths[l + 1];
    // ntk: W ~ N(0,1), h = (σ_w/√n_in)·W a + σ_b·b; standard: W ~ N(0, σ_w²/n_in), h = W a + b, b ~ N(0, σ_b²)
    const w = rng.fillNormal(new Float64Array(nout * nin), std ? wStd / Math.sqrt(nin) : 1);
    const b = rng.fillNormal(new Float64Array(nout), std ? bStd : 1);
    const scale = std ? 1 : wStd / Math.sqrt(nin);
    const bScale = std ? 1 : bStd;
    W.push(w);
    B.push(b);
    for (const [a, h] of [
      [ax, hx],
      [ay, hy],
    ] as const) {
      const prev = a[l];
      const out = new Float64Array(nout);
      for (let r = 0; r < nout; r++) {
        let s = 0;
        for (let k = 0; k < nin; k++) s += w[r * nin + k] * prev[k];
        out[r] = scale * s + bScale * b[r];
      }
      h.push(out);
      if (l < depth) a.push(out.map((v) => Math.max(v, 0)));
    }
  }
  // NNGP estimate: covariance of the output given the last hidden layer
  const nl = widths[depth];
  let dot = 0;
  for (let k = 0; k < nl; k++) dot += ax[depth][k] * ay[depth][k];
  const nngp = std ? wStd * wStd * (dot / nl) + bStd * bStd : (wStd * wStd * dot) / nl + bStd * bStd;
  // NTK estimate: Σ_l (δ_l(x)·δ_l(y))·(∂h/∂W-part + ∂h/∂b-part)
  let dx = new Float64Array([1]);
  let dy = new Float64Array([1]);
  let ntk = 0;
  for (let l = depth; l >= 0; l--) {
    const nin = widths[l];
    const nout = widths[l + 1];
    let dd = 0;
    for (let r = 0; r < nout; r++) dd += dx[r] * dy[r];
    let aa = 0;
    for (let k = 0; k < nin; k++) aa += ax[l][k] * ay[l][k];
    ntk += std ? dd * (aa + (bStd > 0 ? 1 : 0)) : dd * ((wStd * wStd * aa) / nin + bStd * bStd);
    if (l === 0) break;
    const scale = std ? 1 : wStd / Math.sqrt(nin);
    const nx = new Float64Array(nin);
    const ny = new Float64Array(nin);
    for (let k = 0; k < nin; k++) {
      let sx = 0;
      let sy = 0;
      for (let r = 0; r < nout; r++) {
        sx += dx[r] * W[l][r * nin + k];
        sy += dy[r] * W[l][r * nin + k];
      }
      nx[k] = hx[l - 1][k] > 0 ? scale * sx : 0;
      ny[k] = hy[l - 1][k] > 0 ? scale * sy : 0;
    }
    dx = nx;
    dy = ny;
  }
  return [nngp, ntk];
}

/** The paper's model f = m^{-1/2} Σ a_r σ(w_r·x), w_r ~ N(0, I): [E σσ' estimate, first-layer NTK, both]. */
function sampleTwoLayer(relu2: boolean, m: number, x: Float64Array, y: Float64Array, rng: Rng): number[] {
  const d = x.length;
  const w = new Float64Array(d);
  let nngp = 0;
  let first = 0;
  const xy = x.reduce((s, v, k) => s + v * y[k], 0);
  for (let r = 0; r < m; r++) {
    rng.fillNormal(w);
    let u = 0;
    let v = 0;
    for (let k = 0; k < d; k++) {
      u += w[k] * x[k];
      v += w[k] * y[k];
    }
    const su = u > 0 ? (relu2 ? u * u : u) : 0;
    const sv = v > 0 ? (relu2 ? v * v : v) : 0;
    const du = u > 0 ? (relu2 ? 2 * u : 1) : 0;
    const dv = v > 0 ? (relu2 ? 2 * v : 1) : 0;
    nngp += su * sv;
    first += du * dv * xy; // a_r² = 1
  }
  return [nngp / m, first / m, (nngp + first) / m];
}

function meanSe(samples: number[]): { mean: number; se: number } {
  const n = samples.length;
  const mean = samples.reduce((s, v) => s + v, 0) / n;
  const v = samples.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}

function randomPair(d: number, rng: Rng): [Float64Array, Float64Array] {
  const x = rng.fillNormal(new Float64Array(d));
  const y = rng.fillNormal(new Float64Array(d));
  // pull y towards x so the pair is neither orthogonal nor parallel (ρ ≈ 0.5)
  for (let k = 0; k < d; k++) y[k] = 0.6 * x[k] + 0.8 * y[k];
  return [x, y];
}

describe('C1: closed-form kernels vs Monte Carlo over random finite-width networks', () => {
  const exactCases: [string, NetSpec][] = [
    ['depth 1, ntk, bias', { depth: 1, wStd: 1.3, bStd: 0.4, parameterization: 'ntk', width: 64 }],
    ['depth 1, ntk, no bias', { depth: 1, wStd: 1, bStd: 0, parameterization: 'ntk', width: 64 }],
    [
      'depth 1, standard, width 32, bias',
      { depth: 1, wStd: 1.2, bStd: 0.5, parameterization: 'standard', width: 32 },
    ],
  ];
  for (const [label, spec] of exactCases) {
    it(`should match E over width-${spec.width} networks (${label}; unbiased at any width) for d = 3..10`, () => {
      const rng = createRng(1906 + spec.width);
      for (const d of [3, 6, 10]) {
        const [x, y] = randomPair(d, rng);
        const k = fcReluKernel(spec);
        const exact = k([Array.from(x)], [Array.from(y)]);
        const samples = Array.from({ length: 3000 }, () => sampleFc(spec, x, y, rng));
        for (const [t, key] of [
          [0, 'nngp'],
          [1, 'ntk'],
        ] as const) {
          const { mean, se } = meanSe(samples.map((s) => s[t]));
          const z = (mean - exact[key].data[0]) / se;
          expect({ d, key, label, within4se: Math.abs(z) <= 4 }).toEqual({ d, key, label, within4se: true });
        }
      }
    });
  }

  it('should match deep networks (depth 3, width 384; finite-width bias O(1/n) ≪ 4 SE) for d = 4 and 8', () => {
    const spec: NetSpec = { depth: 3, wStd: 1.4, bStd: 0.3, parameterization: 'ntk', width: 384 };
    const rng = createRng(2019);
    for (const d of [4, 8]) {
      const [x, y] = randomPair(d, rng);
      const exact = fcReluKernel(spec)([Array.from(x)], [Array.from(y)]);
      const samples = Array.from({ length: 150 }, () => sampleFc(spec, x, y, rng));
      for (const [t, key] of [
        [0, 'nngp'],
        [1, 'ntk'],
      ] as const) {
        const { mean, se } = meanSe(samples.map((s) => s[t]));
        const z = (mean - exact[key].data[0]) / se;
        expect({ d, key, within4se: Math.abs(z) <= 4 }).toEqual({ d, key, within4se: true });
        // and the estimate is informative: SE below 2 % of the value
        expect(se).toBeLessThan(0.02 * Math.abs(exact[key].data[0]));
      }
    }
  });

  it("should match the paper's two-layer model (ReLU and ReLU², both trained layers) for d = 3..10", () => {
    const rng = createRng(7);
    for (const relu2 of [false, true]) {
      for (const d of [3, 5, 10]) {
        const [x, y] = randomPair(d, rng);
        const first = twoLayerNtk({ activation: relu2 ? 'relu2' : 'relu', train: 'first' })(
          [Array.from(x)],
          [Array.from(y)],
        );
        const both = twoLayerNtk({ activation: relu2 ? 'relu2' : 'relu', train: 'both' })(
          [Array.from(x)],
          [Array.from(y)],
        );
        const samples = Array.from({ length: 400 }, () => sampleTwoLayer(relu2, 400, x, y, rng));
        const targets = [first.nngp.data[0], first.ntk.data[0], both.ntk.data[0]];
        for (let t = 0; t < 3; t++) {
          const { mean, se } = meanSe(samples.map((s) => s[t]));
          const z = (mean - targets[t]) / se;
          expect({ relu2, d, t, within4se: Math.abs(z) <= 4 }).toEqual({ relu2, d, t, within4se: true });
        }
      }
    }
  });
});
