/**
 * Law (b) of the convergence card: the exact cap attack is within the grid's proven resolution of L*.
 * @packageDocumentation
 */
import { runAttack } from '../attacks/runAttack.ts';
import { DomainError, ShapeError } from '../errors.ts';
import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import type { LossName } from '../nn/loss.ts';
import { robustLossBracket } from '../robust/robustLossBracket.ts';
import type { DifferentiableModel, Mat, MatLike, PerturbationSet, VecLike } from '../types.ts';
import { judge, type LawResult } from './lawResult.ts';

/** Options of {@link exactAttackResolutionLaw}. */
export interface ExactAttackResolutionLawOptions {
  /** Half-width ρ of the arcs (caps in d = 2). */
  readonly radius: number;
  /** @defaultValue 'logistic' */
  readonly loss?: LossName;
  /** Grid points per arc of the exact attack (odd, so the centre is on the grid). @defaultValue 41 */
  readonly gridPoints?: number;
  /** Grid points per arc of the independent fine bracket. @defaultValue 8·(gridPoints − 1) + 1 */
  readonly fineGridPoints?: number;
  /**
   * The exact attack under test: per-sample losses ℓ(f(A(x_i)), y_i), shape [n], of the attack's points.
   * @defaultValue the toolkit's `runAttack` with `{ kind: 'exact-cap', gridPoints }`
   */
  readonly exactAttack?: (
    model: DifferentiableModel,
    x: Mat,
    y: Float64Array,
    options: { readonly set: PerturbationSet; readonly loss: LossName; readonly gridPoints: number },
  ) => Float64Array;
}

/**
 * Law (b), d = 2 caps: the exact cap attack with a G-point arc grid attains every sample's robust loss
 * L*_i = max_{x' ∈ arc} ℓ(f(x'), y_i) up to the proven resolution of a G-point grid.
 *
 * The resolution r_i = U_G,i − ℓ_G,i is the gap of {@link robustLossBracket} on the same G-point grid
 * (its upper end is the grid maximum plus a proven Lipschitz/curvature remainder per cell), so
 * L*_i ≤ gridmax_G,i + r_i. An independent bracket on a finer grid gives L*_i ∈ [ℓ_F,i, U_F,i]. The law
 * checks ℓ_F,i − r_i ≤ exact_i ≤ U_F,i (both to 1e-12 relative): an "exact" attack that returns the clean
 * points, or evaluates a coarser grid, falls below ℓ_F,i − r_i as soon as the loss varies on the arc by
 * more than the resolution.
 *
 * @param model - a model the bracket certifies (`twoLayerNet`, `fcReluNet`, or a `CertifiableModel`)
 * @param x - unit inputs, shape [n, 2]
 * @param y - labels, shape [n]
 * @param options - `radius`, `loss`, `gridPoints`, `fineGridPoints`, `exactAttack`
 * @returns `{ law, value: max_i (ℓ_F,i − r_i − exact_i), bound: 0, details: { maxResolution, meanExact, meanFineLower } }`
 * @throws {@link LawViolationError} if the exact attack is further than the resolution below L*, or above the certificate
 * @throws {@link DomainError} for non-unit rows, d ≠ 2, an even `gridPoints` or a negative radius
 * @example
 * const net = twoLayerNet({ inputDim: 2, width: 8, activation: 'softplus', seed: 3 });
 * exactAttackResolutionLaw(net, [[1, 0], [0, 1]], [1, -1], { radius: 0.3 }).value <= 0; // true
 * @remarks Since 0.2.0
 */
export function exactAttackResolutionLaw(
  model: DifferentiableModel,
  x: MatLike,
  y: VecLike,
  options: ExactAttackResolutionLawOptions,
): LawResult {
  const fn = 'exactAttackResolutionLaw';
  const opts = checkOptions(fn, options);
  const xm = toMat(x, fn, 'x');
  const yv = toVec(y, fn, 'y');
  const radius = checkNumber(fn, 'options.radius', opts.radius, { min: 0 });
  const G = checkInteger(fn, 'options.gridPoints', opts.gridPoints ?? 41, 3);
  if (G % 2 === 0) {
    // An even grid misses the centre; the bracket's lower end would then not be the grid maximum.
    throw new DomainError(`options.gridPoints must be odd (got ${G})`, {
      fn,
      arg: 'options.gridPoints',
      actual: G,
    });
  }
  const F = checkInteger(fn, 'options.fineGridPoints', opts.fineGridPoints ?? 8 * (G - 1) + 1, G);
  const loss = opts.loss ?? 'logistic';
  const set = { kind: 'cap' as const, radius };
  const exactLosses =
    opts.exactAttack !== undefined
      ? opts.exactAttack(model, xm, yv, { set, loss, gridPoints: G })
      : runAttack(model, xm, yv, { attack: { kind: 'exact-cap', gridPoints: G }, set, loss }).losses;
  if (exactLosses.length !== xm.rows) {
    throw new ShapeError(`options.exactAttack must return ${xm.rows} losses (got ${exactLosses.length})`, {
      fn,
      arg: 'options.exactAttack',
      expected: xm.rows,
      actual: exactLosses.length,
    });
  }
  const none = { kind: 'none' as const };
  const coarse = robustLossBracket(model, xm, yv, { set, loss, attack: none, gridPoints: G });
  const fine = robustLossBracket(model, xm, yv, { set, loss, attack: none, gridPoints: F });
  const n = xm.rows;
  let below = Number.NEGATIVE_INFINITY;
  let above = Number.NEGATIVE_INFINITY;
  let maxRes = 0;
  let sample = 0;
  for (let i = 0; i < n; i++) {
    const res = coarse.upper[i] - coarse.lower[i];
    maxRes = Math.max(maxRes, res);
    const e = exactLosses[i];
    const tol = 1e-12 * (1 + Math.abs(e));
    const b = fine.lower[i] - res - e - tol;
    if (b > below) {
      below = b;
      sample = i;
    }
    above = Math.max(above, e - fine.upper[i] - tol);
  }
  const details = {
    maxResolution: maxRes,
    meanExact: exactLosses.reduce((a, b) => a + b, 0) / n,
    meanFineLower: fine.meanLower,
    meanFineUpper: fine.meanUpper,
    sample,
  };
  judge(
    fn,
    'max_i (exact_i − U_F,i) (exact attack above the certified robust loss)',
    above,
    '<=',
    0,
    details,
  );
  return judge(
    fn,
    'max_i (ℓ_F,i − r_i − exact_i) (exact attack further than the grid resolution below L*)',
    below,
    '<=',
    0,
    details,
  );
}
