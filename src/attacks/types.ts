/**
 * Types shared by the attacks: perturbation sets, attack specifications and the attack result.
 * @packageDocumentation
 */
import type { LossName } from '../nn/loss.ts';
import type { DataBox, Mat, PerturbationSet } from '../types.ts';

export type { DataBox, PerturbationSet } from '../types.ts';

/**
 * Step-size schedule: a multiplier of `stepSize` at step `s` (0-based) out of `steps`.
 * `'constant'` (1), `'linear'` (1 − s/steps), `'cosine'` ((1 + cos(πs/steps))/2), or a function.
 */
export type StepSchedule = 'constant' | 'linear' | 'cosine' | ((step: number, steps: number) => number);

/** Options of a PGD attack (everything except the set, loss, seed and box). */
export interface PgdSettings {
  /**
   * Gradient steps per restart.
   * @defaultValue 10
   */
  readonly steps?: number;
  /**
   * Step length: ℓ∞ step ηsign(g), ℓ₂ step ηg/‖g‖, cap: geodesic rotation by angle η toward the tangent
   * gradient.
   * @defaultValue 2.5 · radius / steps
   */
  readonly stepSize?: number;
  /**
   * Number of restarts. Restart 0 starts at x (or at a random point with `randomStart`); later restarts
   * always start at a random point of the set.
   * @defaultValue 1
   */
  readonly restarts?: number;
  /**
   * Whether restart 0 starts at a random point of the set.
   * @defaultValue false
   */
  readonly randomStart?: boolean;
  /**
   * Step-size schedule.
   * @defaultValue 'constant'
   */
  readonly schedule?: StepSchedule;
}

/**
 * Which attack to run, for {@link runAttack} and adversarial training.
 *
 * - `{ kind: 'pgd', … }`: projected gradient ascent ({@link pgd});
 * - `{ kind: 'fgsm' }`: one signed/normalised step of size ρ ({@link fgsm});
 * - `{ kind: 'exact-cap', gridPoints }`: dense grid of each arc, d = 2 caps only ({@link exactCapAttack});
 * - `{ kind: 'none' }`: no attack (the clean points; clean training).
 */
export type AttackSpec =
  | ({ readonly kind: 'pgd' } & PgdSettings)
  | { readonly kind: 'fgsm' }
  | { readonly kind: 'exact-cap'; readonly gridPoints?: number }
  | { readonly kind: 'none' };

/** Result of an attack on n samples. */
export interface AttackResult {
  /** The highest-loss point found per sample, shape [n, d]; each row lies in its perturbation set. */
  readonly points: Mat;
  /** points − x, shape [n, d]. */
  readonly perturbations: Mat;
  /** ℓ(f(points_i), y_i), shape [n]: the maximum over every evaluated candidate of sample i. */
  readonly losses: Float64Array;
  /** f(points_i), shape [n]. */
  readonly predictions: Float64Array;
  /** Mean of `losses`: the surrogate loss L_A. */
  readonly meanLoss: number;
  /** Largest set-membership violation of the returned points (0 up to rounding, always ≤ 1e-12). */
  readonly maxSetViolation: number;
  /** Model evaluations (rows passed to `predict`) spent, for cost accounting. */
  readonly evaluations: number;
}

/**
 * What the `y` of an attack holds: ±1 classification labels, or real targets (square loss only).
 * @remarks Since 0.2.0
 */
export type AttackTargets = 'labels' | 'real';

/** Options common to every attack entry point. */
export interface AttackCommonOptions {
  /**
   * What `y` holds: `'labels'` — classification labels, each exactly −1 or +1 (every loss here is the
   * paper's classification loss; anything else is a {@link DomainError} naming the entry); `'real'` — real
   * regression targets, allowed with the square loss only.
   * @defaultValue 'labels'
   */
  readonly targets?: AttackTargets;

  /** The perturbation set. */
  readonly set: PerturbationSet;
  /**
   * The loss to maximise.
   * @defaultValue 'square'
   */
  readonly loss?: LossName;
  /**
   * Seed for random starts.
   * @defaultValue 0
   */
  readonly seed?: number;
  /** Optional data-domain box (not with caps). */
  readonly box?: DataBox;
}
