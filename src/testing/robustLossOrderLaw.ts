/**
 * Law (a) of the convergence card: L_A ≤ L* ≤ the certified upper end, for every attack.
 * @packageDocumentation
 */
import { runAttack } from '../attacks/runAttack.ts';
import { setViolation } from '../attacks/setViolation.ts';
import type { AttackSpec, PerturbationSet } from '../attacks/types.ts';
import { ArgumentTypeError, ShapeError } from '../errors.ts';
import { checkInteger, checkOptions, describe } from '../internal/assert.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import { type LossName, loss as lossOf } from '../nn/loss.ts';
import { robustLossBracket } from '../robust/robustLossBracket.ts';
import type { DifferentiableModel, Mat, MatLike, VecLike } from '../types.ts';
import { judge, type LawResult } from './lawResult.ts';

/**
 * A certificate: per-sample upper ends u_i ≥ max_{x' ∈ B(x_i)} ℓ(f(x'), y_i), shape [n]
 * (+∞ where nothing is certified).
 */
export type RobustLossCertificate = (
  model: DifferentiableModel,
  x: Mat,
  y: Float64Array,
  options: { readonly set: PerturbationSet; readonly loss: LossName },
) => Float64Array;

/** A user's own attack: the attacked points A(x_i), shape [n, d], which must lie in B(x_i). */
export type UserAttack = (
  model: DifferentiableModel,
  x: Mat,
  y: Float64Array,
  options: { readonly set: PerturbationSet; readonly loss: LossName; readonly seed: number },
) => Mat;

/** Options of {@link robustLossOrderLaw}. */
export interface RobustLossOrderLawOptions {
  /** The perturbation set. */
  readonly set: PerturbationSet;
  /** @defaultValue 'logistic' */
  readonly loss?: LossName;
  /**
   * The attacks A to test.
   * @defaultValue FGSM, PGD (10 steps, 2 restarts, random start), and for d = 2 caps the exact cap attack
   */
  readonly attacks?: readonly AttackSpec[];
  /** The user's own attacks, tested next to `attacks` (their points are checked against the set too). */
  readonly customAttacks?: readonly UserAttack[];
  /** Seed of the attacks. @defaultValue 0 */
  readonly seed?: number;
  /**
   * The certificate under test.
   * @defaultValue the upper end of {@link robustLossBracket} (grid certificate for d = 2 caps, IBP otherwise)
   */
  readonly certify?: RobustLossCertificate;
}

/** Largest admissible distance of an attack point from its set (rounding of the projections). */
const SET_TOLERANCE = 1e-12;

/**
 * Law (a): for every attack A and every sample, L_A ≤ L* ≤ U (the certified upper end). L* itself is not
 * computable; the law checks what implies the chain: every attack point lies in its set (set violation
 * ≤ 1e-12, so its loss is ≤ L*), the loss recomputed at the attack point with `model.predict` (not the
 * attack's own bookkeeping) is ≤ u_i·(1 + 1e-12) + 1e-12, and the attack's reported loss equals the
 * recomputed one to 1e-12 relative. A certificate that is too small (u_i below a loss attained in the set)
 * or an attack that leaves its set fails. `customAttacks` tests the user's own attacks (functions returning
 * the attacked points) the same way.
 *
 * @param model - any differentiable model (the user's own too; without a certificate u = +∞)
 * @param x - inputs, shape [n, d] (unit rows for caps)
 * @param y - labels, shape [n]
 * @param options - `set`, `loss`, `attacks`, `customAttacks`, `seed`, `certify`
 * @returns `{ law, value: max_{A,i} (ℓ_i^A − u_i), bound: 0, details: { maxSetViolation, meanUpper, maxSurrogate } }`
 * @throws {@link LawViolationError} if an attack point leaves its set, or an attained loss exceeds the certificate
 * @throws {@link ShapeError} if shapes disagree or the certificate has the wrong length
 * @example
 * const net = twoLayerNet({ inputDim: 2, width: 8, activation: 'softplus', seed: 3 });
 * const r = robustLossOrderLaw(net, [[1, 0], [0, 1]], [1, -1], { set: { kind: 'cap', radius: 0.2 } });
 * r.value <= 0; // true
 * @remarks Since 0.2.0
 */
export function robustLossOrderLaw(
  model: DifferentiableModel,
  x: MatLike,
  y: VecLike,
  options: RobustLossOrderLawOptions,
): LawResult {
  const fn = 'robustLossOrderLaw';
  const opts = checkOptions(fn, options);
  const xm = toMat(x, fn, 'x');
  const yv = toVec(y, fn, 'y');
  const n = xm.rows;
  const loss = opts.loss ?? 'logistic';
  const lossFn = lossOf(loss);
  const seed = checkInteger(fn, 'options.seed', opts.seed ?? 0, Number.MIN_SAFE_INTEGER);
  const isArc = opts.set.kind === 'cap' && xm.cols === 2;
  const attacks: readonly AttackSpec[] = opts.attacks ?? [
    { kind: 'fgsm' },
    { kind: 'pgd', steps: 10, restarts: 2, randomStart: true },
    ...(isArc ? [{ kind: 'exact-cap' as const, gridPoints: 101 }] : []),
  ];
  if (opts.certify !== undefined && typeof opts.certify !== 'function') {
    throw new ArgumentTypeError(`options.certify must be a function (got ${describe(opts.certify)})`, {
      fn,
      arg: 'options.certify',
    });
  }
  const upper =
    opts.certify !== undefined
      ? opts.certify(model, xm, yv, { set: opts.set, loss })
      : robustLossBracket(model, xm, yv, { set: opts.set, loss, seed }).upper;
  if (upper.length !== n) {
    throw new ShapeError(`the certificate must have length ${n} (got ${upper.length})`, {
      fn,
      arg: 'options.certify',
      expected: n,
      actual: upper.length,
    });
  }
  let worstExcess = Number.NEGATIVE_INFINITY;
  let worstViolation = 0;
  let worstBookkeeping = 0;
  let maxSurrogate = Number.NEGATIVE_INFINITY;
  let at = { attack: 0, sample: 0 };
  const custom = opts.customAttacks ?? [];
  for (const [k, c] of custom.entries()) {
    if (typeof c !== 'function') {
      throw new ArgumentTypeError(`options.customAttacks[${k}] must be a function (got ${describe(c)})`, {
        fn,
        arg: 'options.customAttacks',
      });
    }
  }
  const runs: { points: Mat; losses?: Float64Array }[] = [
    ...attacks.map((attack, a) => runAttack(model, xm, yv, { attack, set: opts.set, loss, seed: seed + a })),
    ...custom.map((c, k) => ({
      points: toMat(c(model, xm, yv, { set: opts.set, loss, seed: seed + attacks.length + k }), fn, 'points'),
    })),
  ];
  runs.forEach((r, a) => {
    const v = setViolation(xm, r.points, { set: opts.set });
    worstViolation = Math.max(worstViolation, v.max);
    const f = model.predict(r.points);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const li = lossFn.value(f[i], yv[i]);
      mean += li / n;
      if (r.losses !== undefined)
        worstBookkeeping = Math.max(worstBookkeeping, Math.abs(li - r.losses[i]) / (1 + Math.abs(li)));
      const excess = li - (upper[i] * (1 + 1e-12) + 1e-12);
      if (excess > worstExcess) {
        worstExcess = excess;
        at = { attack: a, sample: i };
      }
    }
    maxSurrogate = Math.max(maxSurrogate, mean);
  });
  let meanUpper = 0;
  for (let i = 0; i < n; i++) meanUpper += upper[i] / n;
  const details = { maxSetViolation: worstViolation, meanUpper, maxSurrogate, ...at };
  judge(fn, 'max distance of an attack point outside its set', worstViolation, '<=', SET_TOLERANCE, details);
  judge(
    fn,
    "attack's reported loss vs the loss recomputed at its point (relative)",
    worstBookkeeping,
    '<=',
    1e-12,
    details,
  );
  return judge(
    fn,
    'max over attacks and samples of ℓ(f(A(x_i)), y_i) − u_i (L_A ≤ L* ≤ U)',
    worstExcess,
    '<=',
    0,
    details,
  );
}
