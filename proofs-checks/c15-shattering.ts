/**
 * C15 — shattering by robust interpolation (claim 3): robust kernel interpolation of the capacity
 * construction labels every probe q_{k,j} with b_{k,j} (nd/2 points shattered), while halfspaces can
 * realise only a vanishing fraction of the labellings.
 */
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { createRng } from '../src/random/rng.ts';
import { robustInterpolate } from '../src/robust/robustInterpolate.ts';
import { type Check, type CheckOutcome, compare } from './framework/check.ts';
import { capacityCentres, capacityConstruction, randomLabelling } from './shared/capacityConstruction.ts';
import { lpFeasible } from './shared/lpFeasible.ts';

/** Cover's count of labellings of N points in general position in R^d realisable by affine halfspaces. */
export function coverCount(N: number, d: number): number {
  let s = 0;
  let binom = 1; // C(N−1, 0)
  for (let i = 0; i <= d && i <= N - 1; i++) {
    s += binom;
    binom = (binom * (N - 1 - i)) / (i + 1);
  }
  return 2 * s;
}

/** Is there (w, β) with b_i (w·q_i + β) ≥ 1 for all probes? (strict linear separability, as an LP) */
function halfspaceRealises(probes: Float64Array, N: number, d: number, b: ArrayLike<number>): boolean {
  const a = new Float64Array(N * (d + 1));
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < d; j++) a[i * (d + 1) + j] = b[i] * probes[i * d + j];
    a[i * (d + 1) + d] = b[i];
  }
  return lpFeasible(a, N, d + 1, new Float64Array(N).fill(1));
}

/** The ingredients of C15 (replaceable by a negative control). */
export interface C15Ingredients {
  /** The capacity construction (data, radius μ and probes). */
  readonly construction: typeof capacityConstruction;
  /** The robust interpolation solver. */
  readonly interpolate: typeof robustInterpolate;
}

/** The construction with every probe moved radially away from its point, to distance `factor`·μ. */
function probesMovedOut(factor: number): typeof capacityConstruction {
  return (centres, b, t) => {
    const c = capacityConstruction(centres, b, t);
    const d = centres.cols;
    const probes = c.probes.data.slice();
    for (let q = 0; q < c.probes.rows; q++) {
      const k = Math.floor(q / d);
      const own = c.y[2 * k] === c.probeLabels[q] ? 2 * k : 2 * k + 1;
      for (let i = 0; i < d; i++) {
        const p = c.x.data[own * d + i];
        probes[q * d + i] = p + factor * (probes[q * d + i] - p);
      }
    }
    return { ...c, probes: { rows: c.probes.rows, cols: d, data: probes } };
  };
}

const check: Check<C15Ingredients> = {
  id: 'C15',
  title: 'Shattering: robust interpolation vs halfspaces',
  claim:
    "For random labellings b of the capacity construction, robust kernel interpolation (bias ReLU NTK, ℓ₂ balls of radius μ) gives sign f(q_{k,j}) = b_{k,j} for every probe, so the nd/2 probes are shattered, while plain interpolation (ρ = 0) of the same data leaves some probes with the other sign (their labels are not forced); halfspaces (VC dimension d + 1) realise at most Cover's fraction 2Σ_{i≤d} C(N−1, i)/2^N of the labellings, which vanishes as the number of cells grows (exact LP feasibility).",
  negativeControls: [
    {
      name: 'probes outside the μ-balls',
      description:
        'Every probe moved radially from its point to distance 1.5μ (outside both balls of its cell): robust interpolation no longer forces its label; caught by the fraction of probes labelled b_{k,j} (must be 1) and the margin.',
      ingredients: { construction: probesMovedOut(1.5) },
    },
    {
      name: 'interpolant that ignores the radius',
      description:
        'The solver interpolates the data points only (ρ = 0), i.e. the plain interpolant: the probes are not forced; caught by the fraction of probes labelled b_{k,j} and the margin.',
      ingredients: {
        interpolate: (x, y, o) => robustInterpolate(x, y, { ...o, set: { ...o.set, radius: 0 } }),
      },
    },
  ],
  async run(ctx, ingredients): Promise<CheckOutcome> {
    const { construction, interpolate } = {
      construction: capacityConstruction,
      interpolate: robustInterpolate,
      ...ingredients,
    };
    const rng = createRng(ctx.seed + 15);
    const K = 3;
    const d = 4;
    const t = 1;
    const labellings = ctx.quick ? 5 : 12;
    const tolerance = 0.2;
    const kernel = fcReluKernel({ depth: 1, wStd: 1, bStd: 1 });
    const centres = capacityCentres(K, d, 5 * t, ctx.seed + 151);
    const rows: (number | string)[][] = [];
    let correct = 0;
    let total = 0;
    let allConverged = true;
    let worstMargin = Number.POSITIVE_INFINITY;
    let worstViolation = 0;
    let plainCorrect = 0;
    let plainMaxResidual = 0;
    for (let l = 0; l < labellings; l++) {
      if (ctx.signal?.aborted) break;
      const c = construction(centres, randomLabelling(K * d, rng), t);
      const r = interpolate(c.x, c.y, {
        kernel,
        set: { kind: 'l2', radius: c.mu },
        tolerance,
        maxIterations: 60,
        seed: ctx.seed + l,
      });
      // Baseline: plain interpolation (ρ = 0) of the same data. Its sets are the points themselves, so no
      // probe lies in a set and nothing forces the probes' labels.
      const plain = robustInterpolate(c.x, c.y, { kernel, set: { kind: 'l2', radius: 0 }, tolerance });
      const fp = plain.predictor.predict(c.probes);
      let plainOk = 0;
      for (let i = 0; i < fp.length; i++) if (Math.sign(fp[i]) === c.probeLabels[i]) plainOk++;
      plainCorrect += plainOk;
      plainMaxResidual = Math.max(plainMaxResidual, plain.maxViolation);
      const f = r.predictor.predict(c.probes);
      let ok = 0;
      let margin = Number.POSITIVE_INFINITY;
      for (let i = 0; i < f.length; i++) {
        if (Math.sign(f[i]) === c.probeLabels[i]) ok++;
        margin = Math.min(margin, f[i] * c.probeLabels[i]);
      }
      correct += ok;
      total += f.length;
      allConverged &&= r.converged;
      worstMargin = Math.min(worstMargin, margin);
      worstViolation = Math.max(worstViolation, r.maxViolation);
      rows.push([
        l,
        Array.from(c.b, (v) => (v > 0 ? '+' : '−')).join(''),
        r.converged ? 'yes' : 'no',
        r.iterations,
        r.centers.rows,
        r.maxViolation,
        r.rkhsNorm,
        `${ok}/${f.length}`,
        margin,
        `${plainOk}/${f.length}`,
      ]);
      ctx.log(
        `labelling ${l + 1}/${labellings}: ${ok}/${f.length} probes correct, ‖f‖ = ${r.rkhsNorm.toFixed(2)}`,
      );
    }
    // Halfspaces: exact enumeration of all labellings for small N, sampling beyond.
    const hsRows: (number | string)[][] = [];
    let fractionAtK = Number.NaN;
    let coverAtK = Number.NaN;
    let worstExcess = Number.NEGATIVE_INFINITY;
    const maxCells = ctx.quick ? 3 : 4;
    for (let k = 1; k <= maxCells; k++) {
      const cs = capacityCentres(k, d, 5 * t, ctx.seed + 151);
      const probes = capacityConstruction(cs, new Int8Array(k * d).fill(1), t).probes.data;
      const N = k * d;
      const exhaustive = N <= 12;
      const trials = exhaustive ? 2 ** N : 4000;
      let realised = 0;
      const b = new Float64Array(N);
      for (let s = 0; s < trials; s++) {
        for (let i = 0; i < N; i++)
          b[i] = exhaustive ? (((s >> i) & 1) === 1 ? 1 : -1) : rng.uniform() < 0.5 ? -1 : 1;
        if (halfspaceRealises(probes, N, d, b)) realised++;
      }
      const fraction = realised / trials;
      const cover = coverCount(N, d) / 2 ** N;
      // sampling slack: 4 standard errors of a binomial proportion (0 when exhaustive)
      const slack = exhaustive ? 0 : 4 * Math.sqrt((cover * (1 - cover)) / trials);
      worstExcess = Math.max(worstExcess, fraction - cover - slack);
      if (k === K) {
        fractionAtK = fraction;
        coverAtK = cover;
      }
      hsRows.push([k, N, exhaustive ? `all ${trials}` : `${trials} random`, fraction, cover, 1]);
    }
    return {
      comparisons: [
        compare('fraction of probes labelled b_{k,j} by the robust interpolant', correct / total, '>=', 1),
        compare('min b_{k,j}·f(q_{k,j}) (margin)', worstMargin, '>', 0),
        compare(
          'plain interpolation (ρ = 0) baseline: fraction of probes labelled b_{k,j} (not forced: < 1)',
          plainCorrect / total,
          '<',
          1,
        ),
        compare(
          'plain interpolation baseline: max residual at the data points',
          plainMaxResidual,
          '<=',
          tolerance,
        ),
        compare(
          'robust interpolation converged (sup error ≤ 0.2) for every labelling',
          allConverged ? 1 : 0,
          '>=',
          1,
        ),
        compare(
          `halfspace fraction (K = ${K}, N = ${K * d}) minus Cover bound`,
          fractionAtK - coverAtK,
          '<=',
          0,
        ),
        compare('max over K of halfspace fraction − Cover bound − sampling slack', worstExcess, '<=', 0),
        compare(`halfspace fraction at K = ${K}`, fractionAtK, '<', 1),
      ],
      tables: [
        {
          title: `Robust kernel interpolation of random labellings (K = ${K} cells, d = ${d}, t = ${t}, μ = ${(t * Math.sqrt(1 - 1 / d)).toFixed(4)})`,
          columns: [
            '#',
            'b',
            'converged',
            'rounds',
            'centres',
            'sup error found',
            'RKHS norm',
            'probes correct',
            'min b·f(q)',
            'plain interpolant (ρ = 0): probes labelled b',
          ],
          rows,
        },
        {
          title: "Halfspaces: fraction of probe labellings realisable (LP feasibility) vs Cover's bound",
          columns: [
            'cells K',
            'probes N = Kd',
            'labellings tested',
            'fraction realisable',
            'Cover bound',
            'robust kernel interpolation',
          ],
          rows: hsRows,
        },
      ],
      plots: [
        {
          title: 'Labellings of the probes realisable',
          xLabel: 'cells K',
          yLabel: 'fraction',
          logY: true,
          series: [
            {
              name: 'halfspaces (measured)',
              x: hsRows.map((r) => r[0] as number),
              y: hsRows.map((r) => r[3] as number),
              style: 'points',
            },
            {
              name: 'Cover bound',
              x: hsRows.map((r) => r[0] as number),
              y: hsRows.map((r) => r[4] as number),
              style: 'dashed',
            },
            { name: 'robust kernel interp.', x: hsRows.map((r) => r[0] as number), y: hsRows.map(() => 1) },
          ],
        },
      ],
      notes: [
        `Kernel: fcReluKernel({ depth: 1, wStd: 1, bStd: 1 }) NTK (strictly positive definite on distinct inputs). Robust interpolation by the exchange method with projected gradient ascent on each ℓ₂ ball (closed-form kernel input gradients); "sup error found" is the attack's value, a lower bound on the true sup. Worst found: ${worstViolation.toFixed(3)}.`,
        `Plain-interpolation baseline (ρ = 0, the same kernel and data): ${plainCorrect}/${total} probes get the label b_{k,j}. With ρ = 0 the probes lie outside every perturbation set, so their labels are not forced and some disagree; with ρ = μ every probe is on the sphere of its point's ball and the robust interpolant (sup error < 1 on the ball) must give it sign b_{k,j}: ${correct}/${total}.`,
        'Tolerance 0.2: the forcing argument needs sup |f − y_i| < 1 on each ball (then sign f = y_i on the whole ball, including the probe on its sphere); 0.2 leaves room for the search being a lower bound on the sup. The probe labels are then checked directly by evaluating f at the probes.',
        'A halfspace that robustly interpolates D_b must in particular label every probe b_{k,j} (the probes lie in the balls), so infeasibility of the probe LP b_i(w·q_i + β) ≥ 1 proves no halfspace robustly interpolates D_b.',
        "Our reconstruction of the paper's VC-dimension argument; the construction's constants are ours.",
      ],
    };
  },
};

export default check;
