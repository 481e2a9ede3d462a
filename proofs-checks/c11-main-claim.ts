/**
 * C11 — the main convergence claim at finite width on the prototype (THEORY.md).
 */
import { type Check, type Comparison, compare, type Plot } from './framework/check.ts';
import { prototypeStudy } from './shared/prototypeStudy.ts';

const check: Check = {
  id: 'C11',
  title: 'Adversarial training converges to the best robust loss in the ball (finite width)',
  claim:
    'With PGD (2 signed steps on the angle) as the attack, min_t L_A(W_t) ≤ L*(W′) + R²/(2αT) + αG²/2 + ε_lin for every comparator W′ in B(W₀, R), and ‖W_t − W₀‖_F ≤ R at every iteration (d = 2, n = 8, ρ = 0.2 rad caps, softplus, m = 1000, symmetric init, logistic loss, α = 0.5, T = 1500, R ∈ {2, 8, 32}).',
  async run(ctx) {
    const study = await prototypeStudy(ctx);
    const st = study.settings;
    const comparisons: Comparison[] = [];
    const rows: (number | string)[][] = [];
    const plots: Plot[] = [
      {
        title: 'Surrogate loss L_A(W_t) during PGD adversarial training',
        xLabel: 'iteration t',
        yLabel: 'L_A(W_t)',
        series: study.byRadius.map((r) => ({
          name: `R = ${r.radius}`,
          x: r.pgd.surrogateCurve.map((_, t) => t),
          y: [...r.pgd.surrogateCurve],
          style: 'line' as const,
        })),
      },
    ];
    for (const r of study.byRadius) {
      const run = r.pgd;
      let worstCurv = Number.NEGATIVE_INFINITY;
      for (const c of run.comparators) {
        const eps = Math.max(0, c.terms.epsMean);
        comparisons.push(
          compare(
            `R = ${r.radius}: min_t L_A(W_t) ≤ L*(W′) + slack + ε_lin, W′ = ${c.name}`,
            run.minSurrogate,
            '<=',
            c.robustLoss + run.slack + eps,
          ),
        );
        worstCurv = Math.max(worstCurv, c.terms.curvatureExcess);
        rows.push([
          r.radius,
          c.name,
          run.minSurrogate,
          c.robustLoss,
          run.slack,
          eps,
          c.robustLoss + run.slack + eps,
        ]);
      }
      // Projection and linearisation facts come after the main inequality, which the report shows as key number.
      comparisons.push(
        compare(`R = ${r.radius}: max_t max_h ‖W_t,h − W₀,h‖_F ≤ R`, run.maxDistance, '<=', r.radius),
      );
      comparisons.push(
        compare(
          `R = ${r.radius}: ε_t ≤ β‖W′ − W_t‖²/(2√m) for every t and comparator (C9 linearisation, max excess)`,
          worstCurv,
          '<=',
          1e-12,
        ),
      );
    }
    return {
      comparisons,
      tables: [
        {
          title: 'Main claim per radius and comparator (PGD training)',
          columns: [
            'R',
            'comparator W′',
            'min_t L_A(W_t)',
            'L*(W′)',
            'slack R²/(2αT)+αG²/2',
            'ε_lin',
            'bound',
          ],
          rows,
        },
        {
          title: 'Summary per radius',
          columns: ['R', 'min_t L_A (PGD)', 'min_t L* (PGD run, grid)', 'G', 'slack', 'max ‖W_t − W₀‖'],
          rows: study.byRadius.map((r) => [
            r.radius,
            r.pgd.minSurrogate,
            r.pgd.minRobust,
            r.pgd.gradBound,
            r.pgd.slack,
            r.pgd.maxDistance,
          ]),
        },
      ],
      plots,
      notes: [
        `Settings: m = ${st.width}, T = ${st.iterations}, α = ${st.learningRate}, ρ = ${st.rho} rad, R ∈ {${st.radii.join(', ')}}${ctx.quick ? ' (quick mode: smaller m and T)' : ''}; seed ${ctx.seed}; study time ${study.seconds.toFixed(1)} s (shared with C12, C13).`,
        'Data: 8 points at angles 2πk/8 + 0.1 with labels in pairs (+1, +1, −1, −1, …); with strictly alternating labels the bias-free net barely moves from log 2 and every comparison is trivial.',
        `Our min_t L_A for R = ${study.byRadius.map((r) => r.radius).join(', ')}: ${study.byRadius.map((r) => r.pgd.minSurrogate.toFixed(3)).join(', ')} (THEORY.md prototype: 0.590, 0.447, 0.366 with its own, unpublished data choice).`,
        'ε_lin is measured, not assumed: ε_t = L_t(W_t) − L_t(W′) − ⟨∇L_t(W_t), W_t − W′⟩ along the run, ε_lin = max(0, mean_t ε_t); this is exactly the term the regret argument needs. The slack uses the theorem form H·R²/(2αT) + αG²/2 with G = max_t ‖∇L_A(W_t)‖ measured.',
        "L*(W′) is estimated from below (dense grid of 2001 points per arc, maxed per sample with the comparator's loss at every attacked point of the run), which makes each comparison conservative.",
        'Reconstruction: the paper states the theorem asymptotically (m polynomial in R, 1/ε); the finite-width statement with measured G and ε_lin is our reading of its proof skeleton (THEORY.md claim 1 (a)–(d)).',
      ],
    };
  },
};

export default check;
