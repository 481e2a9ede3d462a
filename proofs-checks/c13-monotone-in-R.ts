/**
 * C13 — the estimated optimal robust loss in B(W₀, R) does not increase with R.
 */
import { type Check, type Comparison, compare } from './framework/check.ts';
import { prototypeStudy } from './shared/prototypeStudy.ts';

const check: Check = {
  id: 'C13',
  title: 'The best robust loss in the ball is non-increasing in R',
  claim:
    'B(W₀, R) grows with R, so min_{W∈B(W₀,R)} L*(W) is non-increasing; its estimate by exact-attack adversarial training, min_t L*(W_t), is non-increasing over R ∈ {2, 8, 32} (prototype of C11).',
  async run(ctx) {
    const study = await prototypeStudy(ctx);
    const comparisons: Comparison[] = [];
    const rs = study.byRadius;
    for (let k = 1; k < rs.length; k++) {
      const a = rs[k - 1];
      const b = rs[k];
      comparisons.push(
        compare(
          `exact attack: min_t L*(W_t) at R = ${b.radius} ≤ at R = ${a.radius}`,
          b.exact.minRobust,
          '<=',
          a.exact.minRobust,
        ),
      );
      comparisons.push(
        compare(
          `PGD attack: min_t L_A(W_t) at R = ${b.radius} ≤ at R = ${a.radius}`,
          b.pgd.minSurrogate,
          '<=',
          a.pgd.minSurrogate,
        ),
      );
    }
    return {
      comparisons,
      tables: [
        {
          title: 'Estimated optimal robust loss per radius',
          columns: [
            'R',
            'min_t L*(W_t), exact attack',
            'min_t L_A(W_t), PGD',
            'min_t L*(W_t), PGD run',
            'max ‖W_t − W₀‖',
          ],
          rows: rs.map((r) => [
            r.radius,
            r.exact.minRobust,
            r.pgd.minSurrogate,
            r.pgd.minRobust,
            r.exact.maxDistance,
          ]),
        },
      ],
      plots: [
        {
          title: 'Estimated optimal robust loss vs R',
          xLabel: 'R',
          yLabel: 'loss',
          logX: true,
          series: [
            {
              name: 'min_t L*(W_t), exact attack',
              x: rs.map((r) => r.radius),
              y: rs.map((r) => r.exact.minRobust),
              style: 'line',
            },
            {
              name: 'min_t L_A(W_t), PGD',
              x: rs.map((r) => r.radius),
              y: rs.map((r) => r.pgd.minSurrogate),
              style: 'dashed',
            },
          ],
        },
      ],
      notes: [
        'Each radius is a separate training run from the same W₀; the estimate is the best iterate of that run, not a minimum over the runs at smaller radii (which would make the check vacuous).',
        'The true optimum is monotone by nesting of the balls; the estimate could in principle break monotonicity by at most the slack of C12, which is why a failure here would point at optimisation (α, T), not at the theory.',
      ],
    };
  },
};

export default check;
