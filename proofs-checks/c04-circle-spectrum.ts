/**
 * C4 — the spectrum of the first-layer ReLU NTK on the circle (d = 2).
 */
import { appendBias } from '../src/kernels/appendBias.ts';
import { twoLayerNtk } from '../src/kernels/twoLayerNtk.ts';
import type { KernelFn } from '../src/kernels/types.ts';
import type { Mat } from '../src/types.ts';
import { type Check, type CheckOutcome, type Comparison, compare } from './framework/check.ts';
import { scaledKernel } from './shared/brokenKernels.ts';
import { circlePoints } from './shared/circle.ts';
import { gaussLegendre } from './shared/gaussLegendre.ts';

/** Cosine coefficients a_k = (2/π)∫_0^π k(φ) cos(kφ) dφ of an even 2π-periodic profile given on nodes. */
function cosineCoefficients(
  values: Float64Array,
  nodes: Float64Array,
  weights: Float64Array,
  kMax: number,
): number[] {
  const out: number[] = [];
  for (let k = 0; k <= kMax; k++) {
    let s = 0;
    for (let q = 0; q < nodes.length; q++) s += weights[q] * values[q] * Math.cos(k * nodes[q]);
    out.push((k === 0 ? 1 / Math.PI : 2 / Math.PI) * s);
  }
  return out;
}

/** The kernel under test and the bias lift (replaceable by a negative control). */
export interface C4Ingredients {
  /** The bias-free first-layer ReLU NTK. */
  readonly kernel: KernelFn;
  /** The bias lift x ↦ (x, 1)/√2. */
  readonly appendBias: (x: Mat) => Mat;
}

const check: Check<C4Ingredients> = {
  id: 'C4',
  title: 'Spectrum of the ReLU NTK on the circle',
  claim:
    'For unit inputs on the circle the bias-free first-layer ReLU NTK k(φ) = cos φ (π − |φ|)/(2π) has cosine (Mercer) coefficients that vanish at odd degree ≥ 3 (|a_k| ≤ 1e-8) and are positive at degree 0, 1 and every even degree; with a bias coordinate every coefficient is nonzero.',
  negativeControls: [
    {
      name: 'NTK scaled by 1.01',
      description:
        'The kernel is 1 % too large: its Mercer coefficients keep their signs and zeros, so only the comparison of the profile with cos φ (π − φ)/(2π) catches it.',
      ingredients: { kernel: scaledKernel(twoLayerNtk({ activation: 'relu', train: 'first' }), 1.01) },
    },
    {
      name: 'bias coordinate dropped',
      description:
        'The bias lift appends 0, so the "with bias" kernel is bias-free; caught by min |a_k| > 1e-8 with the bias coordinate.',
      ingredients: { appendBias: (x: Mat) => appendBias(x, 0) },
    },
  ],
  async run(ctx, ingredients): Promise<CheckOutcome> {
    const ing: C4Ingredients = {
      kernel: twoLayerNtk({ activation: 'relu', train: 'first' }),
      appendBias: (x: Mat) => appendBias(x),
      ...ingredients,
    };
    const kMax = ctx.quick ? 24 : 60;
    const nodes = ctx.quick ? 200 : 400;
    const { nodes: phi, weights } = gaussLegendre(nodes, 0, Math.PI);
    const h = ing.kernel;
    const pts = circlePoints(phi);
    const x0 = circlePoints([0]);
    const plain = h(pts, x0).ntk.data;
    const biased = h(ing.appendBias(pts), ing.appendBias(x0)).ntk.data;
    const a = cosineCoefficients(Float64Array.from(plain), phi, weights, kMax);
    const b = cosineCoefficients(Float64Array.from(biased), phi, weights, kMax);
    // Closed-form cross-check of the profile: cos φ (π − φ)/(2π) on [0, π].
    let profileErr = 0;
    for (let q = 0; q < phi.length; q++) {
      profileErr = Math.max(
        profileErr,
        Math.abs(plain[q] - (Math.cos(phi[q]) * (Math.PI - phi[q])) / (2 * Math.PI)),
      );
    }
    let oddMax = 0;
    let otherMin = Number.POSITIVE_INFINITY;
    let biasMin = Number.POSITIVE_INFINITY;
    let biasNeg = 0;
    const rows: (number | string)[][] = [];
    for (let k = 0; k <= kMax; k++) {
      if (k >= 3 && k % 2 === 1) oddMax = Math.max(oddMax, Math.abs(a[k]));
      else otherMin = Math.min(otherMin, a[k]);
      biasMin = Math.min(biasMin, Math.abs(b[k]));
      biasNeg = Math.min(biasNeg, b[k]);
      rows.push([k, a[k], b[k]]);
    }
    const comparisons: Comparison[] = [
      compare(`max |a_k|, odd k = 3…${kMax - (kMax % 2 === 0 ? 1 : 0)}, bias-free`, oddMax, '<=', 1e-8),
      compare(`min a_k over k = 0, 1 and even k ≤ ${kMax}, bias-free`, otherMin, '>', 1e-6),
      compare(`min |a_k| over k ≤ ${kMax}, with bias coordinate`, biasMin, '>', 1e-8),
      compare('min a_k with bias coordinate (non-negative, Bochner)', biasNeg, '>=', -1e-12),
      compare('max |k(φ) − cos φ (π − φ)/(2π)| on the quadrature nodes', profileErr, '<=', 1e-15),
    ];
    const ks = Array.from({ length: kMax + 1 }, (_, k) => k);
    return {
      comparisons,
      tables: [
        {
          title: 'Cosine coefficients a_k of the circle profile',
          columns: ['k', 'a_k bias-free', 'a_k with bias'],
          rows,
        },
      ],
      plots: [
        {
          title: 'Mercer coefficients on the circle',
          xLabel: 'degree k',
          yLabel: '|a_k|',
          logY: true,
          series: [
            { name: 'bias-free', x: ks, y: a.map((v) => Math.max(Math.abs(v), 1e-18)), style: 'points' },
            { name: 'with bias', x: ks, y: b.map((v) => Math.abs(v)), style: 'line' },
          ],
        },
      ],
      notes: [
        `Coefficients by ${nodes}-node Gauss–Legendre quadrature on [0, π], where the profile is smooth (the kinks are at φ = 0 and φ = π, the endpoints), so quadrature is accurate to rounding.`,
        'Tolerances: the profile is smooth on [0, π], so Gauss–Legendre quadrature is exact to rounding (≈ ε·Σ|w_q k_q| ≈ 1e-16); 1e-8 for the vanishing coefficients leaves a margin of 10⁸ over rounding while the smallest nonzero coefficient in range is > 1e-4; the profile must equal its closed form to 1e-15 (a few ε at values ≤ 1/2).',
        'Bias: inputs lifted by appendBias, (x, 1)/√2, so cos θ = (1 + cos φ)/2 between lifted points.',
        'Zero odd coefficients ≥ 3 are why antipodal configurations give singular Gram matrices (C3) and cannot be interpolated (C5).',
      ],
    };
  },
};

export default check;
