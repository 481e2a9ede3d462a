import type { LossName } from '../nn/loss.ts';
import type { DifferentiableModel, MatLike, VecLike } from '../types.ts';
import { attackLoop } from './attackLoop.ts';
import { prepareAttack } from './prepareAttack.ts';
import { resolvePgdSettings } from './resolvePgdSettings.ts';
import type { AttackCommonOptions, AttackResult, PgdSettings } from './types.ts';

/** Options of {@link pgd}. */
export interface PgdOptions extends AttackCommonOptions, PgdSettings {}

/**
 * Projected gradient ascent on the loss ℓ(f(x'), y) over a perturbation set (ℓ∞ ball, ℓ₂ ball or
 * spherical cap), batched over all samples, on any {@link DifferentiableModel}.
 *
 * Each step moves every sample along its input gradient (ℓ∞: η·sign(g); ℓ₂: η·g/‖g‖; cap: rotation by
 * angle η toward the tangent part of g, which in d = 2 is a signed step on the angle) and projects back
 * (ℓ∞: clip; ℓ₂: radial scaling; cap: normalise, then rotate back toward x along the great circle).
 * With a `box`, points are then clipped into it (this keeps them in the ball because x is in the box).
 *
 * The result per sample is the highest-loss point over every evaluated candidate — the start of each
 * restart and every step — so the surrogate loss is a maximum: adding restarts never lowers it, and with a
 * schedule that does not depend on the total number of steps (`'constant'` or a function of `s` only)
 * adding steps never lowers it. Every returned point lies in its set; `maxSetViolation` certifies it.
 *
 * @param model - any scalar-output differentiable model with `inputDim = d`
 * @param x - inputs, shape [n, d]; unit rows for `'cap'` (tolerance 1e-6, renormalised exactly)
 * @param y - labels ±1, shape [n] (real targets with `targets: 'real'` and the square loss)
 * @param options - `set` (required), `loss`, `steps`, `stepSize`, `restarts`, `randomStart`, `schedule`, `seed`, `box`
 * @returns `{ points, perturbations, losses, predictions, meanLoss, maxSetViolation, evaluations }`
 * @throws {@link ShapeError} if `x.cols !== model.inputDim` or `y.length !== x.rows`
 * @throws {@link DomainError} for a negative radius or step size, a non-unit row with caps, x outside the box,
 *   a label other than ±1 (unless `targets: 'real'`)
 * @throws {@link NonFiniteError} for NaN/±Infinity in x or y, or a non-finite loss at an attacked point
 * @example
 * // f(x) = 2x₁ − x₂, square loss, ℓ∞ ball of radius 0.1: the exact worst case is (|y − f| + 0.1·‖w‖₁)².
 * // Labels are ±1 (`targets: 'real'` allows real targets with the square loss).
 * const w = [2, -1];
 * const model = {
 *   inputDim: 2,
 *   predict: (x) => Float64Array.from({ length: x.rows }, (_, i) => w[0] * x.data[2 * i] + w[1] * x.data[2 * i + 1]),
 *   inputGradient: (x, up) => mat(x.rows, 2, Float64Array.from({ length: 2 * x.rows }, (_, k) => (up ? up[k >> 1] : 1) * w[k % 2])),
 * };
 * const r = pgd(model, [[1, 1]], [-1], { set: { kind: 'linf', radius: 0.1 }, loss: 'square', steps: 5 });
 * r.meanLoss; // 5.29
 * @see A. Madry et al. (2018) "Towards Deep Learning Models Resistant to Adversarial Attacks", arXiv:1706.06083
 * @see R. Gao et al. (2019) "Convergence of Adversarial Training in Overparametrized Neural Networks", arXiv:1906.07916
 * @remarks Since 0.1.0
 */
export function pgd(model: DifferentiableModel, x: MatLike, y: VecLike, options: PgdOptions): AttackResult {
  const prep = prepareAttack('pgd', model, x, y, options as PgdOptions & { loss?: LossName });
  const cfg = resolvePgdSettings('pgd', options, prep.rho);
  return attackLoop('pgd', prep, cfg);
}
