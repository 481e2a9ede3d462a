/**
 * fast-check arbitrary: small robust-loss problems on the circle (d = 2 caps).
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { FcReluNet } from '../nn/fcReluNet.ts';
import type { LossName } from '../nn/loss.ts';
import type { TwoLayerNet } from '../nn/twoLayerNet.ts';
import type { Mat, PerturbationSet } from '../types.ts';
import { smallModel } from './smallModel.ts';
import { unitSphereData } from './unitSphereData.ts';

/** A drawn d = 2 cap problem. */
export interface CapProblem {
  /** Unit inputs, shape [n, 2]. */
  readonly x: Mat;
  /** Labels ±1, shape [n]. */
  readonly y: Float64Array;
  /** `{ kind: 'cap', radius }`. */
  readonly set: PerturbationSet;
  readonly loss: LossName;
  readonly model: TwoLayerNet | FcReluNet;
}

/** Options of {@link capProblem}. */
export interface CapProblemOptions {
  /** Range of n. @defaultValue { min: 1, max: 6 } */
  readonly points?: { readonly min: number; readonly max: number };
  /** Width range of the model. @defaultValue { min: 2, max: 24 } */
  readonly width?: { readonly min: number; readonly max: number };
  /** Largest arc half-width ρ (radians). @defaultValue 0.6 */
  readonly maxRadius?: number;
  /** Losses to draw. @defaultValue ['square', 'logistic', 'hinge'] */
  readonly losses?: readonly LossName[];
}

/**
 * Arbitrary of random small d = 2 cap problems: unit data on the circle with labels ±1, an arc radius,
 * a loss and a small network ({@link smallModel}) — the inputs of the card's laws (a) and (b).
 *
 * @param options - `points`, `width`, `maxRadius`, `losses`
 * @returns an `fc.Arbitrary<CapProblem>`
 * @example
 * const [p] = fc.sample(capProblem(), { numRuns: 1, seed: 4 });
 * p.x.cols === 2 && p.set.kind === 'cap'; // true
 * @remarks Since 0.2.0
 */
export function capProblem(options: CapProblemOptions = {}): fc.Arbitrary<CapProblem> {
  return fc
    .record({
      data: unitSphereData({ dim: 2, points: options.points ?? { min: 1, max: 6 } }),
      radius: fc.double({ min: 0.01, max: options.maxRadius ?? 0.6, noNaN: true }),
      loss: fc.constantFrom(...(options.losses ?? (['square', 'logistic', 'hinge'] as const))),
      model: smallModel({ inputDim: 2, width: options.width ?? { min: 2, max: 24 } }),
    })
    .map(({ data, radius, loss, model }) => ({
      x: data.x,
      y: data.y,
      set: { kind: 'cap' as const, radius },
      loss,
      model,
    }));
}
