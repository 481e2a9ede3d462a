/**
 * Defaults and validation of the PGD settings (steps, step size, restarts, schedule).
 * @internal
 * @packageDocumentation
 */
import { ArgumentTypeError } from '../errors.ts';
import { checkInteger, checkNumber, checkOneOf, describe } from '../internal/assert.ts';
import type { LoopSettings } from './attackLoop.ts';
import type { PgdSettings } from './types.ts';

const SCHEDULES = {
  constant: () => 1,
  linear: (s: number, steps: number) => 1 - s / steps,
  cosine: (s: number, steps: number) => 0.5 * (1 + Math.cos((Math.PI * s) / steps)),
} as const;

/** Resolves `PgdSettings` (plus seed) for a set of radius `rho`. */
export function resolvePgdSettings(
  fn: string,
  o: PgdSettings & { readonly seed?: number },
  rho: number,
  prefix = 'options',
): LoopSettings {
  const steps = checkInteger(fn, `${prefix}.steps`, o.steps ?? 10, 0);
  const stepSize =
    o.stepSize === undefined
      ? steps > 0
        ? (2.5 * rho) / steps
        : 0
      : checkNumber(fn, `${prefix}.stepSize`, o.stepSize, { min: 0 });
  const restarts = checkInteger(fn, `${prefix}.restarts`, o.restarts ?? 1, 1);
  const randomStart = o.randomStart ?? false;
  if (typeof randomStart !== 'boolean') {
    throw new ArgumentTypeError(`${prefix}.randomStart must be a boolean (got ${describe(randomStart)})`, {
      fn,
      arg: `${prefix}.randomStart`,
      expected: 'boolean',
      actual: describe(randomStart),
    });
  }
  const seed = checkInteger(fn, 'options.seed', o.seed ?? 0, Number.MIN_SAFE_INTEGER);
  const sch = o.schedule ?? 'constant';
  const schedule =
    typeof sch === 'function'
      ? (s: number, n: number) => checkNumber(fn, `${prefix}.schedule(${s}, ${n})`, sch(s, n), { min: 0 })
      : SCHEDULES[checkOneOf(fn, `${prefix}.schedule`, sch, ['constant', 'linear', 'cosine'] as const)];
  return { steps, stepSize, restarts, randomStart, seed, schedule };
}
