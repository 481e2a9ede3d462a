/**
 * Law (c) of the adversarial-training theorem, as a function a property test can call on random small
 * problems: after adversarial training with the theorem's step and horizon, the best surrogate loss is
 * within the theorem's slack of the robust loss of an independent comparator.
 * @packageDocumentation
 */
import type { AttackSpec } from '../attacks/types.ts';
import { DomainError } from '../errors.ts';
import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import { twoLayerNet } from '../nn/twoLayerNet.ts';
import { adversarialTrain, type CustomTrainingAttack } from '../robust/adversarialTrain.ts';
import { minimizeLinearizedRobustLoss } from '../robust/minimizeLinearizedRobustLoss.ts';
import { roundsSlack, theoremSchedule } from '../robust/onlineGradientTerms.ts';
import { robustLossBracket } from '../robust/robustLossBracket.ts';
import type { MatLike, VecLike } from '../types.ts';
import { judge, type LawResult } from './lawResult.ts';

/** A small d = 2 cap problem for {@link adversarialTrainingLaw}. */
export interface AdversarialTrainingLawProblem {
  /** Unit inputs on the circle, shape [n, 2]. */
  readonly x: MatLike;
  /** Labels ±1, shape [n]. */
  readonly y: VecLike;
  /** Width m of the softplus two-layer net (even: symmetric initialisation). */
  readonly width: number;
  /** Seed of the initial weights. */
  readonly seed: number;
  /** Cap half-width ρ (radians). */
  readonly rho: number;
  /** R, the radius of B(W₀, R). */
  readonly ballRadius: number;
  /** The loss (the theorem needs a convex, Lipschitz loss). @defaultValue 'logistic' */
  readonly loss?: 'logistic';
}

/** Options of {@link adversarialTrainingLaw}. */
export interface AdversarialTrainingLawOptions {
  /** Target slack ε_s of the schedule α = ε_s/G₀², T = ⌈R²G₀²/ε_s²⌉. @defaultValue 0.05 */
  readonly slackTarget?: number;
  /** Upper limit on T (the law stays valid for any T; only the slack grows). @defaultValue 2000 */
  readonly maxIterations?: number;
  /** Training attack (a custom one is checked against the caps like any other). @defaultValue PGD, 2 steps of ρ/2 */
  readonly attack?: AttackSpec | CustomTrainingAttack;
}

/** The measured terms of the law. */
export interface AdversarialTrainingLawDetails {
  /** min_{1≤t≤T} L_A(W_t). */
  readonly minSurrogate: number;
  /** Certified upper end of the robust loss of W′_lin (minimiser of the linearised robust loss). */
  readonly comparatorRobustLoss: number;
  /** Certified lower bound of the linearised problem. */
  readonly linearizedLowerBound: number;
  /** ‖W_1 − W′‖²/(2αT) + αG²/2 with G = max_{1≤t≤T} ‖∇L_A(W_t)‖. */
  readonly slack: number;
  /** 2L_ℓβR²/√m with L_ℓ = 1, β = 1/4 (softplus). */
  readonly epsLin: number;
  /** comparatorRobustLoss + slack + epsLin. */
  readonly bound: number;
  readonly learningRate: number;
  readonly iterations: number;
  /** max_t ‖W_t − W₀‖_F and max_t distance of an attack point outside its cap. */
  readonly maxDistance: number;
  readonly maxSetViolation: number;
}

/**
 * Checks the convergence law of adversarial training (Gao et al. 2019, in the finite-width form with an
 * independent comparator) on one small problem: a softplus two-layer net of width m with symmetric
 * initialisation (first layer trained), caps of half-width ρ on the circle, logistic loss.
 *
 * 1. W′_lin = argmin over B(W₀, R) of the linearised robust loss ({@link minimizeLinearizedRobustLoss}),
 *    its robust loss L*(W′_lin) = the certified upper end of {@link robustLossBracket};
 * 2. the theorem's schedule with G₀ = ‖∇L(W₀)‖ (clean points): α = ε_s/G₀², T = min(⌈R²G₀²/ε_s²⌉, maxIterations);
 * 3. adversarial training; the law (in the result shape of the testing entry: a {@link LawResult}, or a
 *    thrown {@link LawViolationError}) is
 *    min_{1≤t≤T} L_A(W_t) ≤ L*(W′_lin) + ‖W_1 − W′‖²/(2αT) + αG²/2 + 2L_ℓβR²/√m,
 *    together with ‖W_t − W₀‖ ≤ R and every attack point in its cap (≤ 1e-12).
 *
 * The slack holds for every T and α (online gradient descent over the rounds t = 1..T); ε_lin bounds the
 * linearisation error for ‖W′ − W_t‖ ≤ 2R (|σ″| ≤ 1/4, |a_r| = 1, unit inputs, 1-Lipschitz loss).
 *
 * @param problem - data, width, seed, ρ, R (see {@link AdversarialTrainingLawProblem})
 * @param options - `slackTarget`, `maxIterations`, `attack`
 * @returns a {@link LawResult}: value = min_{1≤t≤T} L_A(W_t), bound = L*(W′_lin) + slack + ε_lin, and the
 *   terms in `details` ({@link AdversarialTrainingLawDetails} plus width, ballRadius, rho)
 * @throws {@link LawViolationError} when an attack point leaves its cap (> 1e-12), an iterate leaves the
 *   ball, or the inequality fails (message with every measured term)
 * @throws {@link DomainError} for a bad width (odd or < 2), ρ < 0, R < 0, labels not ±1, non-unit rows
 * @throws {@link ShapeError} if x is not [n, 2] or y has the wrong length
 * @example
 * const r = adversarialTrainingLaw({
 *   x: [[1, 0], [0, 1], [-1, 0], [0, -1]], y: [1, 1, -1, -1], width: 64, seed: 1, rho: 0.2, ballRadius: 1,
 * });
 * r.value <= r.bound; // true
 * r.law; // "adversarialTrainingLaw"
 * @see R. Gao et al. (2019) "Convergence of Adversarial Training in Overparametrized Neural Networks", NeurIPS, arXiv:1906.07916
 * @remarks Since 0.2.0
 */
export function adversarialTrainingLaw(
  problem: AdversarialTrainingLawProblem,
  options?: AdversarialTrainingLawOptions,
): LawResult {
  const fn = 'adversarialTrainingLaw';
  const p = checkOptions(fn, problem, 'problem');
  const o = checkOptions(fn, options);
  const width = checkInteger(fn, 'problem.width', p.width, 2);
  if (width % 2 !== 0) {
    throw new DomainError(`problem.width must be even (symmetric initialisation) (got ${width})`, {
      fn,
      arg: 'problem.width',
    });
  }
  const seed = checkInteger(fn, 'problem.seed', p.seed, Number.MIN_SAFE_INTEGER);
  const rho = checkNumber(fn, 'problem.rho', p.rho, { min: 0 });
  const R = checkNumber(fn, 'problem.ballRadius', p.ballRadius, { min: 0 });
  const slackTarget = checkNumber(fn, 'options.slackTarget', o.slackTarget ?? 0.05, {
    min: 0,
    exclusiveMin: true,
  });
  const maxIterations = checkInteger(fn, 'options.maxIterations', o.maxIterations ?? 2000, 1);
  const x = toMat(p.x, fn, 'problem.x');
  const y = toVec(p.y, fn, 'problem.y');
  const set = { kind: 'cap', radius: rho } as const;
  const net = twoLayerNet({ inputDim: 2, width, activation: 'softplus', init: 'symmetric', seed });
  // Validates the shapes, unit rows and labels (DomainError/ShapeError name the argument).
  const comp = minimizeLinearizedRobustLoss(net, x, y, { set, ballRadius: R, iterations: 1500 });
  const robust = robustLossBracket(comp.model, x, y, {
    set,
    loss: 'logistic',
    attack: { kind: 'fgsm' },
    gridPoints: 201,
  }).meanUpper;
  const { alpha, T } = theoremSchedule(net, x, y, R, slackTarget, maxIterations);
  let w1: Float64Array | undefined;
  const r = adversarialTrain(net, x, y, {
    attack: o.attack ?? { kind: 'pgd', steps: 2, stepSize: rho / 2 },
    set,
    loss: 'logistic',
    learningRate: alpha,
    iterations: T,
    ballRadius: R,
    robustEvery: 0,
    seed,
    onStep: (s) => {
      if (s.iteration === 1) w1 = s.params.slice();
    },
  });
  const records = r.final !== undefined ? [...r.history, r.final] : [...r.history];
  const { minSurrogate, slack } = roundsSlack(r, w1, comp.params, alpha);
  const epsLin = (2 * 1 * 0.25 * R * R) / Math.sqrt(width);
  const bound = robust + slack + epsLin;
  let maxDistance = 0;
  let maxSetViolation = 0;
  for (const h of records) {
    maxDistance = Math.max(maxDistance, ...Object.values(h.distanceFromInit.byLayer));
    maxSetViolation = Math.max(maxSetViolation, h.maxSetViolation);
  }
  const details: AdversarialTrainingLawDetails = {
    minSurrogate,
    comparatorRobustLoss: robust,
    linearizedLowerBound: comp.lowerBound,
    slack,
    epsLin,
    bound,
    learningRate: alpha,
    iterations: T,
    maxDistance,
    maxSetViolation,
  };
  const facts: Record<string, number> = { ...details, width, ballRadius: R, rho };
  const law = 'adversarialTrainingLaw';
  judge(law, 'the largest distance of an attack point outside its cap', maxSetViolation, '<=', 1e-12, facts);
  judge(law, 'max_t ‖W_t − W₀‖_F', maxDistance, '<=', R, facts);
  return judge(
    law,
    'min_{1≤t≤T} L_A(W_t) (against L*(W′_lin) + slack + ε_lin)',
    minSurrogate,
    '<=',
    bound,
    facts,
  );
}
