import type { DifferentiableModel, MatLike, VecLike } from '../types.ts';
import { attackLoop } from './attackLoop.ts';
import { prepareAttack } from './prepareAttack.ts';
import type { AttackCommonOptions, AttackResult } from './types.ts';

/** Options of {@link fgsm}. */
export interface FgsmOptions extends AttackCommonOptions {}

/**
 * The fast gradient (sign) method: one step of full size ρ from x along the input gradient of the loss
 * (ℓ∞: x + ρ·sign(g); ℓ₂: x + ρ·g/‖g‖; cap: rotation by angle ρ toward the tangent gradient), projected
 * into the set (and box). The returned point is the better of x and the stepped point, so the surrogate
 * loss is never below the clean loss. Deterministic (no random start). A zero gradient (e.g. square loss
 * with f(x) = y exactly, hinge beyond the margin) leaves x unchanged.
 *
 * For a linear model f(x) = w·x + b with square loss, FGSM is exact: ℓ∞ gives (|y − f(x)| + ρ‖w‖₁)²,
 * ℓ₂ gives (|y − f(x)| + ρ‖w‖₂)² (when y ≠ f(x)).
 *
 * @param model - any scalar-output differentiable model with `inputDim = d`
 * @param x - inputs, shape [n, d]; unit rows for `'cap'`
 * @param y - labels, shape [n]
 * @param options - `set` (required), `loss`, `box`
 * @returns the same fields as {@link pgd}
 * @throws {@link ShapeError} if `x.cols !== model.inputDim` or `y.length !== x.rows`
 * @throws {@link DomainError} for a negative radius, a non-unit row with caps, x outside the box, a label
 *   other than ±1 (unless `targets: 'real'`)
 * @throws {@link NonFiniteError} for NaN/±Infinity in x or y, or a non-finite loss at an attacked point
 * @example
 * const model = {
 *   inputDim: 1,
 *   predict: (x) => Float64Array.from(x.data, (v) => 3 * v),
 *   inputGradient: (x, up) => mat(x.rows, 1, Float64Array.from(x.data, (_, i) => 3 * (up ? up[i] : 1))),
 * };
 * fgsm(model, [[1]], [1], { set: { kind: 'l2', radius: 0.5 }, loss: 'square' }).meanLoss; // 12.25
 * @see I. Goodfellow, J. Shlens, C. Szegedy (2015) "Explaining and Harnessing Adversarial Examples", arXiv:1412.6572
 * @remarks Since 0.1.0
 */
export function fgsm(model: DifferentiableModel, x: MatLike, y: VecLike, options: FgsmOptions): AttackResult {
  const prep = prepareAttack('fgsm', model, x, y, options);
  return attackLoop('fgsm', prep, {
    steps: 1,
    stepSize: prep.rho,
    restarts: 1,
    randomStart: false,
    seed: 0,
    schedule: () => 1,
  });
}
