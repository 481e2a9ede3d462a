/**
 * fast-check arbitrary: perturbation sets.
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { PerturbationSet } from '../types.ts';

/** Options of {@link perturbationSet}. */
export interface PerturbationSetOptions {
  /** Kinds to draw from. @defaultValue ['linf', 'l2', 'cap'] */
  readonly kinds?: readonly PerturbationSet['kind'][];
  /** Largest radius (caps: radians). @defaultValue 0.5 */
  readonly maxRadius?: number;
}

/**
 * Arbitrary of perturbation sets `{ kind, radius }` with radius in [0, maxRadius] (0 included: the clean
 * point). Caps need unit-norm inputs (use {@link unitSphereData}).
 *
 * @param options - `kinds`, `maxRadius`
 * @returns an `fc.Arbitrary<PerturbationSet>`
 * @example
 * const s = fc.sample(perturbationSet({ kinds: ['cap'], maxRadius: 0.3 }), { numRuns: 5, seed: 2 });
 * s.every((p) => p.kind === 'cap' && p.radius >= 0 && p.radius <= 0.3); // true
 * @remarks Since 0.2.0
 */
export function perturbationSet(options: PerturbationSetOptions = {}): fc.Arbitrary<PerturbationSet> {
  const kinds = options.kinds ?? (['linf', 'l2', 'cap'] as const);
  const maxRadius = options.maxRadius ?? 0.5;
  return fc.record({
    kind: fc.constantFrom(...kinds),
    radius: fc.oneof(fc.constant(0), fc.double({ min: 0, max: maxRadius, noNaN: true })),
  }) as fc.Arbitrary<PerturbationSet>;
}
