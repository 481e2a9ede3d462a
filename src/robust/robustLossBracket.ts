/**
 * Per-sample bracket of the robust loss max_{x' ∈ B(x_i)} ℓ(f(x'), y_i): best attack below, certified
 * bound above.
 * @packageDocumentation
 */
import { exactCapAttack } from '../attacks/exactCapAttack.ts';
import { prepareAttack } from '../attacks/prepareAttack.ts';
import { runAttack } from '../attacks/runAttack.ts';
import { CAP } from '../attacks/setGeometry.ts';
import { setViolation } from '../attacks/setViolation.ts';
import type { AttackSpec, AttackTargets, PerturbationSet } from '../attacks/types.ts';
import { checkInteger, checkOptions } from '../internal/assert.ts';
import type { LossName } from '../nn/loss.ts';
import {
  type DataBox,
  type DifferentiableModel,
  isCertifiable,
  type MatLike,
  type OutputBoundMethod,
  type VecLike,
} from '../types.ts';
import { certifiedLossUpper } from './certifiedLossUpper.ts';

/**
 * How a sample's upper bound was obtained: `'exact'` (ρ = 0, upper = lower = clean loss), `'ibp'`
 * (interval bound propagation), `'linear'` (linear relaxation), `'grid'` (d = 2 cap: dense arc grid plus a
 * proven remainder), `'bab'` (branch-and-bound), `'none'` (a model without a certificate: upper = +∞).
 */
export type RobustBoundMethod = OutputBoundMethod;

/** Options of {@link robustLossBracket}. */
export interface RobustLossBracketOptions {
  /**
   * What `y` holds: `'labels'` — classification labels, each exactly −1 or +1 (every loss here is the
   * paper's classification loss; anything else is a {@link DomainError} naming the entry); `'real'` — real
   * regression targets, allowed with the square loss only.
   * @defaultValue 'labels'
   */
  readonly targets?: AttackTargets;

  /** The perturbation set around every input (`'cap'` needs unit-norm rows). */
  readonly set: PerturbationSet;
  /**
   * The loss (all are convex in the prediction, which the upper bound uses).
   * @defaultValue 'square'
   */
  readonly loss?: LossName;
  /**
   * The attack giving the lower end (any {@link AttackSpec}).
   * @defaultValue `{ kind: 'pgd', steps: 20, restarts: 5, randomStart: true }`
   */
  readonly attack?: AttackSpec;
  /**
   * Seed of the attack's random starts.
   * @defaultValue 0
   */
  readonly seed?: number;
  /**
   * Grid points per arc for the lower end and the models' arc grid certificate (d = 2 caps only; integer ≥ 2).
   * @defaultValue 1001
   */
  readonly gridPoints?: number;
  /** Optional data-domain box intersected with every set (attack and certificate; not with `'cap'`). */
  readonly box?: DataBox;
  /**
   * Branch-and-bound target: stop refining a sample once its certified end is within this of an attained
   * value (in units of the model output). Used by models with a certificate capability.
   * @defaultValue the model's own default
   */
  readonly tolerance?: number;
  /**
   * Branch-and-bound budget per sample: nodes.
   * @defaultValue the model's own default
   */
  readonly maxNodes?: number;
  /**
   * Branch-and-bound budget per sample: milliseconds.
   * @defaultValue the model's own default
   */
  readonly timeLimitMs?: number;
  /** Cancels the certificate search; bounds found so far stay valid. */
  readonly signal?: AbortSignal;
}

/** Result of {@link robustLossBracket}. */
export interface RobustLossBracketResult {
  /** Per-sample lower end, shape [n]: a loss value attained at a point of the set. */
  readonly lower: Float64Array;
  /** Per-sample certified upper end, shape [n] (+∞ where no certificate is available). */
  readonly upper: Float64Array;
  /** Per-sample method of the upper end, length n. */
  readonly method: readonly RobustBoundMethod[];
  /** Mean of `lower`: a lower bound of the robust loss L*. */
  readonly meanLower: number;
  /** Mean of `upper`: a certified upper bound of L* (+∞ if any sample has none). */
  readonly meanUpper: number;
  /** meanUpper − meanLower ≥ 0. */
  readonly gap: number;
}

const DEFAULT_ATTACK: AttackSpec = { kind: 'pgd', steps: 20, restarts: 5, randomStart: true };

/**
 * Brackets the per-sample robust loss max_{x' ∈ B(x_i)} ℓ(f(x'), y_i) of a model:
 * `lower[i] ≤ robust loss ≤ upper[i]`.
 *
 * - **Lower**: the best of the attack (default PGD, 20 steps, 5 random restarts), the clean loss, for
 *   d = 2 caps the maximum over `gridPoints` arc points, and (other sets) the loss at the best points the
 *   certificate search returned (`OutputBoundResult.points`, where their set violation is ≤ 1e-12, as for attacks) — every one is a
 *   loss value attained in the set.
 * - **Upper**: from the model's certificate capability `boundOutput` (any {@link CertifiableModel}, e.g.
 *   `twoLayerNet` and `fcReluNet`: interval bound propagation, CROWN-style linear bounds and
 *   branch-and-bound; d = 2 caps with an arc grid certificate). Every loss is convex in the prediction, so
 *   its maximum over a certified prediction interval is at an end (`certifiedLossUpper`); the square loss
 *   bounds both ends, the margin losses one. `tolerance`, `maxNodes`, `timeLimitMs`, `signal` and
 *   `gridPoints` are handed to the model.
 * - **Other models** get `upper = +∞` and method `'none'`: never an uncertified number.
 *
 * With ρ = 0 the bracket is exact: lower = upper = clean loss. The gap shrinks (never grows) as the
 * branch-and-bound budget grows.
 *
 * @param model - any scalar-output differentiable model with `inputDim = d`; certified upper ends for
 *   models with `boundOutput`
 * @param x - inputs, shape [n, d]; unit rows for `'cap'`
 * @param y - labels, shape [n]
 * @param options - `set` (required), `loss`, `attack`, `seed`, `gridPoints`, `box`, `tolerance`, `maxNodes`,
 *   `timeLimitMs`, `signal`
 * @returns `{ lower, upper, method, meanLower, meanUpper, gap }`
 * @throws {@link ShapeError} if `x.cols !== model.inputDim` or `y.length !== x.rows`
 * @throws {@link DomainError} for a negative radius, an unknown set kind, loss or attack, `gridPoints < 2`,
 *   non-unit rows with `'cap'`, or a label other than ±1 (unless `targets: 'real'`)
 * @throws {@link NonFiniteError} for NaN/±Infinity in x or y
 * @throws {@link ArgumentTypeError} if the model or options have the wrong type
 * @example
 * const net = twoLayerNet({ inputDim: 2, width: 8, seed: 1 });
 * const b = robustLossBracket(net, [[0.6, 0.8]], [1], { set: { kind: 'cap', radius: 0.1 } });
 * b.lower[0] <= b.upper[0]; // true
 * ['grid', 'bab'].includes(b.method[0]); // true
 * robustLossBracket(net, [[0.6, 0.8]], [1], { set: { kind: 'l2', radius: 0 } }).gap; // 0
 * @see R. Gao et al., "Convergence of Adversarial Training in Overparametrized Neural Networks", NeurIPS 2019, arXiv:1906.07916
 * @see S. Gowal et al., "On the Effectiveness of Interval Bound Propagation for Training Verifiably Robust Models", 2018, arXiv:1810.12715
 * @see H. Zhang et al., "Efficient Neural Network Robustness Certification with General Activation Functions" (CROWN), NeurIPS 2018, arXiv:1811.00866
 * @remarks Since 0.1.0
 */
export function robustLossBracket(
  model: DifferentiableModel,
  x: MatLike,
  y: VecLike,
  options: RobustLossBracketOptions,
): RobustLossBracketResult {
  const fn = 'robustLossBracket';
  const opts = checkOptions(fn, options);
  const gridPoints = checkInteger(fn, 'options.gridPoints', opts.gridPoints ?? 1001, 2);
  const prep = prepareAttack(fn, model, x, y, {
    set: opts.set,
    ...(opts.loss !== undefined ? { loss: opts.loss } : {}),
    ...(opts.targets !== undefined ? { targets: opts.targets } : {}),
    ...(opts.box !== undefined ? { box: opts.box } : {}),
  });
  const { x: xm, y: yv, lossFn, kind } = prep;
  const n = xm.rows;
  const d = xm.cols;
  const rho = kind === CAP ? Math.min(prep.rho, Math.PI) : prep.rho;
  const set = { kind: opts.set.kind, radius: prep.rho };

  // Clean loss: always attained, and the exact value when ρ = 0.
  const f0 = prep.model.predict(xm);
  const lower = new Float64Array(n);
  for (let i = 0; i < n; i++) lower[i] = lossFn.value(f0[i], yv[i]);
  const upper = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const method: RobustBoundMethod[] = new Array<RobustBoundMethod>(n).fill('none');

  if (rho === 0) {
    upper.set(lower);
    method.fill('exact');
    return finish(lower, upper, method);
  }

  const attacked = runAttack(prep.model, xm, yv, {
    attack: opts.attack ?? DEFAULT_ATTACK,
    set,
    loss: lossFn.name,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.targets !== undefined ? { targets: opts.targets } : {}),
    ...(opts.box !== undefined ? { box: opts.box } : {}),
  });
  for (let i = 0; i < n; i++) lower[i] = Math.max(lower[i], attacked.losses[i]);
  if (kind === CAP && d === 2) {
    // The arc grid's maximum is a loss value attained in the set.
    const g = exactCapAttack(prep.model, xm, yv, {
      radius: rho,
      gridPoints,
      loss: lossFn.name,
      ...(opts.targets !== undefined ? { targets: opts.targets } : {}),
    });
    for (let i = 0; i < n; i++) lower[i] = Math.max(lower[i], g.losses[i]);
  }

  if (isCertifiable(prep.model)) {
    const budget = {
      ...(opts.tolerance !== undefined ? { tolerance: opts.tolerance } : {}),
      ...(opts.maxNodes !== undefined ? { maxNodes: opts.maxNodes } : {}),
      ...(opts.timeLimitMs !== undefined ? { timeLimitMs: opts.timeLimitMs } : {}),
      ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
      gridPoints,
    };
    const c = certifiedLossUpper(prep.model, xm, yv, lossFn, set, opts.box, f0, attacked.predictions, budget);
    // The certificate search's best points are points of the set too: their loss may raise the lower end.
    // Not for d = 2 caps, whose lower end is by contract the grid maximum (ntk-toolkit/testing's
    // exactAttackResolutionLaw relies on it).
    for (const pts of kind === CAP && d === 2 ? [] : c.searchPoints) {
      const v = setViolation(xm, pts, { set, ...(opts.box !== undefined ? { box: opts.box } : {}) }).perRow;
      const f = prep.model.predict(pts);
      for (let i = 0; i < n; i++) {
        if (v[i] <= 1e-12) lower[i] = Math.max(lower[i], lossFn.value(f[i], yv[i]));
      }
    }
    for (let i = 0; i < n; i++) {
      // The upper end bounds a maximum that is at least the attained lower end; only rounding may put it
      // below. A larger shortfall is an unsound certificate and stays visible as upper < lower.
      const rounding = 1e-9 * (1 + Math.abs(lower[i]));
      upper[i] = c.upper[i] >= lower[i] - rounding ? Math.max(c.upper[i], lower[i]) : c.upper[i];
      method[i] = c.method[i];
    }
    return finish(lower, upper, method);
  }

  return finish(lower, upper, method);
}

function finish(
  lower: Float64Array,
  upper: Float64Array,
  method: RobustBoundMethod[],
): RobustLossBracketResult {
  let sl = 0;
  let su = 0;
  for (let i = 0; i < lower.length; i++) {
    sl += lower[i];
    su += upper[i];
  }
  const meanLower = sl / lower.length;
  const meanUpper = su / lower.length;
  return { lower, upper, method, meanLower, meanUpper, gap: meanUpper - meanLower };
}
