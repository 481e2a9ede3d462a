/**
 * C13 — the optimal robust loss in B(W₀, R) does not increase with R: certified on the linearised problem,
 * and for training (a run in the larger ball does as well as the comparator of the smaller ball).
 */
import { adversarialTrain } from '../src/robust/adversarialTrain.ts';
import { type Check, type Comparison, compare } from './framework/check.ts';
import {
  epsLinBoundPair,
  LOG2,
  type MainClaimIngredients,
  negatedGradient,
  trainingRuns,
} from './shared/mainClaimStudy.ts';

const check: Check<MainClaimIngredients> = {
  id: 'C13',
  title: 'The best robust loss in the ball is non-increasing in R',
  claim:
    'B(W₀, R₁) ⊂ B(W₀, R₂) for R₁ < R₂, so the optimum is non-increasing: the certified lower bound of the linearised problem at R₂ is ≤ its value at R₁ (and strictly below the lower bound at R₁), and PGD training in B(W₀, R₂) reaches min_{t≥1} L_A(W_t) ≤ L*(W′_lin(R₁)) + slack + L_ℓβ(R₁ + R₂)²/(2√m), with the comparator of the smaller ball.',
  negativeControls: [
    {
      name: 'gradient ascent',
      description: 'The trainer climbs the loss: the cross-radius inequality fails.',
      ingredients: { trainer: (net, x, y, o) => adversarialTrain(negatedGradient(net), x, y, o) },
    },
    {
      name: 'no projection of the weights',
      description: 'The trainer skips the projection: "max_t ‖W_t − W₀‖ ≤ R₂" fails.',
      ingredients: {
        trainer: (net, x, y, o) =>
          adversarialTrain(net, x, y, { ...o, ballRadius: Number.POSITIVE_INFINITY }),
      },
    },
  ],
  async run(ctx, ingredients) {
    const runs = await trainingRuns(ctx, 'pgd', ingredients, true);
    const comps = runs.comparators;
    const m = comps.settings.width;
    const cs = comps.byRadius;
    const comparisons: Comparison[] = [];
    const rows: (number | string)[][] = [];
    for (let k = 1; k < cs.length; k++) {
      const a = cs[k - 1];
      const b = cs[k];
      const run = runs.byRadius[k];
      comparisons.push(
        compare(
          `linearised: certified lower bound at R = ${b.radius} ≤ value at R = ${a.radius}`,
          b.linLower,
          '<=',
          a.linValue,
        ),
      );
      comparisons.push(
        compare(
          `linearised: value at R = ${b.radius} < certified lower bound at R = ${a.radius} (strict decrease)`,
          b.linValue,
          '<',
          a.linLower,
        ),
      );
      // Online-gradient-descent slack of the R₂ run against the comparator of the smaller ball.
      let d1 = 0;
      for (let q = 0; q < run.w1.length; q++) d1 += (run.w1[q] - a.net.params[q]) ** 2;
      const slack = d1 / (2 * run.alpha * run.T) + (run.alpha * run.gradBound * run.gradBound) / 2;
      const rhs = a.robustUpper + slack + epsLinBoundPair(a.radius, b.radius, m);
      comparisons.push(
        compare(
          `training in B(W₀, ${b.radius}): min_{t≥1} L_A(W_t) ≤ L*(W′_lin(R = ${a.radius})) + slack + ε_lin`,
          run.minSurrogate,
          '<=',
          rhs,
        ),
      );
      comparisons.push(
        compare(`R = ${b.radius} vs ${a.radius}: non-vacuous: right-hand side < log 2`, rhs, '<', LOG2),
      );
      comparisons.push(compare(`R = ${b.radius}: max_t ‖W_t − W₀‖_F ≤ R`, run.maxDistance, '<=', b.radius));
      rows.push([a.radius, b.radius, a.linLower, a.linValue, b.linLower, b.linValue, run.minSurrogate, rhs]);
    }
    return {
      comparisons,
      tables: [
        {
          title:
            'Optimal (linearised) robust loss per radius, and training against the smaller ball’s comparator',
          columns: [
            'R₁',
            'R₂',
            'lower bound (R₁)',
            'value (R₁)',
            'lower bound (R₂)',
            'value (R₂)',
            'min_t L_A, PGD in B(R₂)',
            'L*(W′_lin(R₁)) + slack + ε_lin(R₁, R₂)',
          ],
          rows,
        },
      ],
      plots: [
        {
          title: 'Certified interval of the optimal linearised robust loss vs R, and min_t L_A(W_t)',
          xLabel: 'R',
          yLabel: 'loss',
          logX: true,
          series: [
            {
              name: 'certified lower bound',
              x: cs.map((c) => c.radius),
              y: cs.map((c) => c.linLower),
              style: 'dashed',
            },
            {
              name: 'value at W′_lin',
              x: cs.map((c) => c.radius),
              y: cs.map((c) => c.linValue),
              style: 'line',
            },
            {
              name: 'min_t L_A(W_t), PGD',
              x: runs.byRadius.map((r) => r.radius),
              y: runs.byRadius.map((r) => r.minSurrogate),
              style: 'points',
            },
          ],
        },
      ],
      notes: [
        'The optimum over a ball is non-increasing in R because the balls are nested; the lower bound at the larger R must not exceed the attained value at the smaller R (a wrong certificate would break it), and a value below the smaller R’s lower bound certifies a strict decrease.',
        'The training comparison uses W′_lin(R₁) ∈ B(W₀, R₁) ⊂ B(W₀, R₂) as the comparator of the run in the larger ball (same slack form as C11, with ‖W_1 − W′‖ for this comparator and ε_lin = L_ℓβ(R₁ + R₂)²/(2√m), since ‖W′ − W_t‖ ≤ R₁ + R₂).',
      ],
    };
  },
};

export default check;
