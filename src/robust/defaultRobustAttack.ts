/**
 * The default stronger attack used to estimate the robust loss during adversarial training.
 * @internal
 * @packageDocumentation
 */
import { CAP, type KindCode } from '../attacks/setGeometry.ts';
import type { AttackSpec } from '../attacks/types.ts';

/**
 * Exact grid attack (1001 points per arc) for caps in d = 2; otherwise PGD with 4× the training attack's
 * steps (at least 20), 5 restarts and random starts.
 */
export function defaultRobustAttack(train: AttackSpec, kind: KindCode, d: number): AttackSpec {
  if (kind === CAP && d === 2) return { kind: 'exact-cap', gridPoints: 1001 };
  const steps = Math.max(20, 4 * (train?.kind === 'pgd' ? (train.steps ?? 10) : 1));
  return { kind: 'pgd', steps, restarts: 5, randomStart: true };
}
