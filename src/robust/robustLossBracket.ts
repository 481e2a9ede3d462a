/**
 * Per-sample bracket of the robust loss max_{x' ∈ B(x_i)} ℓ(f(x'), y_i): best attack below, certified
 * bound above.
 * @packageDocumentation
 */
import { prepareAttack } from '../attacks/prepareAttack.ts';
import { runAttack } from '../attacks/runAttack.ts';
import { CAP } from '../attacks/setGeometry.ts';
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
import { capGridBound } from './capGridBound.ts';
import { certifiedLossUpper } from './certifiedLossUpper.ts';
import {
  boundableNet,
  lossSlopeOnInterval,
  lossUpperOnInterval,
  predictionInterval,
} from './intervalPropagation.ts';

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
   * Grid points per arc of the certified grid bound (d = 2 caps only; integer ≥ 2).
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
 * - **Lower**: the best of the attack (default PGD, 20 steps, 5 random restarts), the clean loss and, for
 *   d = 2 caps, the grid maximum — every one is a loss value attained in the set.
 * - **Upper, interval bound propagation** (`twoLayerNet`, `fcReluNet`): each pre-activation w·x' lies in
 *   [w·x − ρ‖w‖_*, w·x + ρ‖w‖_*] (dual norm ℓ₁ for ℓ∞ balls, ℓ₂ for ℓ₂ balls; a cap B(x, ρ) ∩ S lies in the
 *   ℓ₂ ball of chord radius 2 sin(ρ/2), and |w·x'| ≤ ‖w‖₂ on the sphere). Monotone activations map
 *   intervals to intervals; for the two-layer net f ∈ m^{-1/2}Σ a_r[σ(lo_r), σ(hi_r)] (ends swapped for
 *   a_r < 0); for deep ReLU nets layer by layer in centre/radius form with |W|. Every loss is convex in
 *   the prediction, so its maximum over the f interval is at an end.
 * - **Upper, grid** (d = 2 caps, same two models): the loss on G evenly spaced angles of the arc plus a
 *   Lipschitz remainder per cell, (ℓ_k + ℓ_{k+1} + K h)/2 with h = 2ρ/(G − 1) and
 *   K = sup|ℓ'| over the IBP prediction interval × a bound on |d f/dφ|: for the two-layer net
 *   m^{-1/2}Σ|a_r| sup σ'(z_r)‖w_r‖₂ over the IBP pre-activation intervals (the tangent is a unit vector);
 *   for deep ReLU nets Π_l(σ_w/√fanIn_l)‖W_l‖_F (a global Lipschitz bound; chords are shorter than arcs).
 *   For the two-layer net with a C² activation (softplus, ReLU²) each cell also gets an O(h²) bound: with
 *   g(φ) = f(x(φ)) and |g''| ≤ M = m^{-1/2}Σ|a_r|(sup σ''‖w_r‖₂² + sup|σ'(z_r)z_r|) (from
 *   g'' = m^{-1/2}Σ a_r(σ''(z_r)(w_r·t)² − σ'(z_r)z_r)), linear interpolation gives
 *   g ∈ [min(g_k, g_{k+1}) − Mh²/8, max(g_k, g_{k+1}) + Mh²/8] on the cell, and the convex loss is largest
 *   at an end. Each cell takes the smaller bound; the per-sample upper end is the smaller of IBP and grid.
 * - **Other models** get `upper = +∞` and method `'none'`: never an uncertified number.
 *
 * Numerics: every propagated interval and the grid bound are widened by a relative margin of 1e-12 to
 * absorb floating-point rounding (the forward pass itself is trusted to that accuracy). With ρ = 0 the
 * bracket is exact: lower = upper = clean loss. IBP is tight as ρ → 0 (gap O(ρ)) but loose for large ρ
 * and wide nets; for d = 2 caps the grid bound converges to the exact value as G grows (gap O(1/G²) for
 * softplus/ReLU² two-layer nets, O(1/G) for ReLU nets).
 *
 * @param model - any scalar-output differentiable model with `inputDim = d`; certified upper ends only for
 *   `twoLayerNet` and `fcReluNet`
 * @param x - inputs, shape [n, d]; unit rows for `'cap'`
 * @param y - labels, shape [n]
 * @param options - `set` (required), `loss`, `attack`, `seed`, `gridPoints`
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
 * b.method[0] === 'grid' || b.method[0] === 'ibp'; // true
 * robustLossBracket(net, [[0.6, 0.8]], [1], { set: { kind: 'l2', radius: 0 } }).gap; // 0
 * @see R. Gao et al., "Convergence of Adversarial Training in Overparametrized Neural Networks", NeurIPS 2019, arXiv:1906.07916
 * @see S. Gowal et al., "On the Effectiveness of Interval Bound Propagation for Training Verifiably Robust Models", 2018, arXiv:1810.12715
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

  if (isCertifiable(prep.model)) {
    const budget = {
      ...(opts.tolerance !== undefined ? { tolerance: opts.tolerance } : {}),
      ...(opts.maxNodes !== undefined ? { maxNodes: opts.maxNodes } : {}),
      ...(opts.timeLimitMs !== undefined ? { timeLimitMs: opts.timeLimitMs } : {}),
      ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
    };
    const c = certifiedLossUpper(prep.model, xm, yv, lossFn, set, opts.box, f0, attacked.predictions, budget);
    for (let i = 0; i < n; i++) {
      // The upper end bounds a maximum that is at least the attained lower end; only rounding may put it
      // below. A larger shortfall is an unsound certificate and stays visible as upper < lower.
      const rounding = 1e-9 * (1 + Math.abs(lower[i]));
      upper[i] = c.upper[i] >= lower[i] - rounding ? Math.max(c.upper[i], lower[i]) : c.upper[i];
      method[i] = c.method[i];
    }
    return finish(lower, upper, method);
  }

  const net = boundableNet(prep.model);
  if (net !== null) {
    const spec = { kind, rho };
    const scratch = { buf: new Float64Array(0) };
    const slope = new Float64Array(n);
    const curvature = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const b = predictionInterval(net, xm.data, i * d, d, spec, scratch);
      upper[i] = lossUpperOnInterval(lossFn.value, b.lo, b.hi, yv[i]);
      method[i] = 'ibp';
      slope[i] = lossSlopeOnInterval(lossFn.name, b.lo, b.hi, yv[i]) * b.gradNorm;
      curvature[i] = b.curvature;
    }
    if (kind === CAP && d === 2) {
      const g = capGridBound(prep.model, xm.data, yv, n, rho, gridPoints, lossFn, slope, curvature);
      for (let i = 0; i < n; i++) {
        if (g.gridMax[i] > lower[i]) lower[i] = g.gridMax[i];
        if (g.upper[i] < upper[i]) {
          upper[i] = g.upper[i];
          method[i] = 'grid';
        }
      }
    }
    // The upper end bounds a maximum that is at least the attained lower end.
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(upper[i])) upper[i] = Number.POSITIVE_INFINITY;
      else if (upper[i] < lower[i]) upper[i] = lower[i];
    }
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
