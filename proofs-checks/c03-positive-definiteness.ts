/**
 * C3 — positive definiteness of the infinite-width kernels, and where it fails.
 */
import { appendBias } from '../src/kernels/appendBias.ts';
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../src/kernels/twoLayerNtk.ts';
import type { KernelFn } from '../src/kernels/types.ts';
import { eigh } from '../src/linalg/eigh.ts';
import { minEigenvalue } from '../src/linalg/minEigenvalue.ts';
import { createRng } from '../src/random/rng.ts';
import type { Mat } from '../src/types.ts';
import { type Check, type CheckOutcome, type Comparison, compare } from './framework/check.ts';
import { linearKernel } from './shared/brokenKernels.ts';
import { circlePoints, sixPointConfiguration } from './shared/circle.ts';
import { asymmetry, unitSphere } from './shared/randomData.ts';

function spectrum(k: Mat): { min: number; max: number } {
  const v = eigh(k).values;
  return { min: v[0], max: v[v.length - 1] };
}

/** The kernels under test and the bias lift (replaceable by a negative control). */
export interface C3Ingredients {
  /** Named kernels; a name containing 'ReLU²' is exempt from the bias-free six-point singularity. */
  readonly kernels: readonly (readonly [string, KernelFn])[];
  /** The bias lift x ↦ (x, 1)/√2. */
  readonly appendBias: (x: Mat) => Mat;
}

function defaultKernels(): [string, KernelFn][] {
  return [
    ['two-layer ReLU, first layer', twoLayerNtk({ activation: 'relu', train: 'first' })],
    ['two-layer ReLU, both layers', twoLayerNtk({ activation: 'relu', train: 'both' })],
    ['two-layer ReLU², first layer', twoLayerNtk({ activation: 'relu2', train: 'first' })],
    ['fc ReLU depth 1, bStd 0', fcReluKernel({ depth: 1, wStd: 1, bStd: 0 })],
    ['fc ReLU depth 3, bStd 0.1', fcReluKernel({ depth: 3, wStd: Math.SQRT2, bStd: 0.1 })],
  ];
}

/** Largest |a − b| over entries. */
function maxAbsDiff(a: Mat, b: Mat): number {
  let m = 0;
  for (let k = 0; k < a.data.length; k++) m = Math.max(m, Math.abs(a.data[k] - b.data[k]));
  return m;
}

const check: Check<C3Ingredients> = {
  id: 'C3',
  title: 'Positive definiteness of the NTK',
  claim:
    'On distinct random unit inputs the NTK Gram matrix is symmetric with λ_min > 0 (well above n·ε·λ_max); a duplicated point gives λ_min ≈ 0; six points at angles kπ/3 (three antipodal pairs) make the bias-free ReLU kernels exactly singular (λ_min ≤ 1e-9), and a bias coordinate restores λ_min > 0.',
  negativeControls: [
    {
      name: 'bias coordinate dropped',
      description:
        'The bias lift appends 0 instead of 1 ((x, 0)/√2), so the "with bias" kernels stay bias-free; caught by λ_min > 1e-6 on the six antipodal points with bias.',
      ingredients: { appendBias: (x: Mat) => appendBias(x, 0) },
    },
    {
      name: 'arc-cosine factor lost (linear kernel)',
      description:
        'Every kernel replaced by x·z/2, the ReLU NTK without its arc-cosine factor (rank ≤ d); caught by λ_min > 100·n·ε·λ_max on random data and on the six points with bias.',
      ingredients: { kernels: [['linear kernel x·z/2', linearKernel()]] },
    },
  ],
  async run(ctx, ingredients): Promise<CheckOutcome> {
    const ing = { kernels: defaultKernels(), appendBias: (x: Mat) => appendBias(x), ...ingredients };
    const rng = createRng(ctx.seed + 3);
    const n = ctx.quick ? 40 : 200;
    const dims = ctx.quick ? [3, 10] : [3, 5, 10, 32];
    const kernels = ing.kernels;
    const comparisons: Comparison[] = [];
    const rows: (number | string)[][] = [];
    let worstRandomRatio = Number.POSITIVE_INFINITY;
    let worstAsym = 0;
    let worstDupRatio = 0;
    let worstLanczos = 0;
    let worstPaths = 0;
    for (const d of dims) {
      const x = unitSphere(n, d, rng);
      // duplicate: the last row repeats the first
      const dup = { rows: n, cols: d, data: x.data.slice() };
      dup.data.set(x.data.subarray(0, d), (n - 1) * d);
      for (const [name, k] of kernels) {
        const K = k(x).ntk;
        const s = spectrum(K);
        // Symmetry through the general (cross) path, with a copy so no identity shortcut applies, and
        // agreement of that path with the symmetric one.
        const Kc = k(x, { rows: x.rows, cols: x.cols, data: x.data.slice() }).ntk;
        const a = asymmetry(Kc);
        worstPaths = Math.max(worstPaths, maxAbsDiff(Kc, K) / Math.max(...K.data.map(Math.abs)));
        const sd = spectrum(k(dup).ntk);
        const lz = minEigenvalue(K, { seed: ctx.seed });
        worstLanczos = Math.max(worstLanczos, Math.abs(lz.value - s.min) / s.max);
        const ratio = s.min / (n * Number.EPSILON * s.max);
        worstRandomRatio = Math.min(worstRandomRatio, ratio);
        worstAsym = Math.max(worstAsym, a);
        worstDupRatio = Math.max(worstDupRatio, Math.abs(sd.min) / (n * Number.EPSILON * sd.max));
        rows.push([name, d, n, s.min, s.max, a, sd.min, lz.value]);
      }
    }
    comparisons.push(
      compare('min over kernels/dims of λ_min / (n·ε·λ_max), random unit data', worstRandomRatio, '>', 100),
    );
    comparisons.push(
      compare('max |K − Kᵀ| of the cross evaluation k(x, copy of x) (exact symmetry)', worstAsym, '<=', 0),
    );
    comparisons.push(
      compare(
        'max |k(x, copy of x) − k(x)| / max|K| (cross and symmetric paths agree)',
        worstPaths,
        '<=',
        1e-14,
      ),
    );
    comparisons.push(compare('max |λ_min| / (n·ε·λ_max) with a duplicated point', worstDupRatio, '<=', 100));
    comparisons.push(compare('max |Lanczos λ_min − eigh λ_min| / λ_max', worstLanczos, '<=', 1e-8));
    // Six points on the circle.
    const { angles } = sixPointConfiguration();
    const six = circlePoints(angles);
    const sixBias = ing.appendBias(six);
    const circleRows: (number | string)[][] = [];
    for (const [name, k] of kernels.slice(0, 4)) {
      const s0 = spectrum(k(six).ntk);
      const s1 = spectrum(k(sixBias).ntk);
      circleRows.push([name, s0.min, s1.min, s1.max]);
      // ReLU² (degree-2 homogeneous) is not singular there: reported in the table, not asserted.
      if (!name.includes('ReLU²')) {
        comparisons.push(compare(`six antipodal points, bias-free, ${name}: λ_min`, s0.min, '<=', 1e-9));
      }
      comparisons.push(compare(`six antipodal points, with bias, ${name}: λ_min`, s1.min, '>', 1e-6));
    }
    return {
      comparisons,
      tables: [
        {
          title: 'Random unit data (NTK Gram)',
          columns: [
            'kernel',
            'd',
            'n',
            'λ_min',
            'λ_max',
            'max |K − Kᵀ|',
            'λ_min, duplicated point',
            'λ_min (Lanczos)',
          ],
          rows,
        },
        {
          title: 'Six points at angles kπ/3 on the circle (NTK Gram)',
          columns: ['kernel', 'λ_min bias-free', 'λ_min with appendBias', 'λ_max with appendBias'],
          rows: circleRows,
        },
      ],
      notes: [
        'Eigenvalues from eigh (Householder + QL); λ_min cross-checked with minEigenvalue (Lanczos).',
        'Tolerances: eigenvalues of a symmetric matrix are computed with absolute error ≈ n·ε·λ_max, so "positive" means λ_min > 100·n·ε·λ_max and "singular" |λ_min| ≤ 100·n·ε·λ_max; the two kernel paths (cross and symmetric) evaluate the same formula in a different order, so they may differ by rounding only: 1e-14 ≈ 45ε relative to max|K|. Symmetry of the cross evaluation is asserted exactly (the same dot products and angles are computed for (i, j) and (j, i)).',
        'd = 2 is left to the six-point test: with 200 random points on the circle the ReLU² NTK has λ_min ≈ 2e-11 (λ_max ≈ 100), positive but within a few n·ε·λ_max of zero, so floating point cannot certify it.',
        'The singular direction on the six points is the alternating vector (−1)^k: every bias-free ReLU kernel here has vanishing circle-Fourier coefficients at odd degree ≥ 3 (C4), and frequency 3 aliases only onto odd degrees ≥ 3.',
        'fc ReLU depth 3 with bStd > 0 is not tested on the circle (it is strictly PD there).',
        'Measured, not part of the claim: the bias-free first-layer ReLU² NTK, 4(x·x′)‖x‖‖x′‖J₁(θ)/(2π), is not singular on the six points (measured λ_min in the table), so the antipodal degeneracy is specific to the ReLU (degree-1) kernels.',
      ],
    };
  },
};

export default check;
