/**
 * fast-check arbitrary: small finite-width networks.
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { Activation } from '../nn/activation.ts';
import { type FcReluNet, fcReluNet } from '../nn/fcReluNet.ts';
import { type TwoLayerNet, twoLayerNet } from '../nn/twoLayerNet.ts';

/** Options of {@link smallModel}. */
export interface SmallModelOptions {
  /** Input dimension d of every drawn model. */
  readonly inputDim: number;
  /** Architectures to draw. @defaultValue ['twoLayer', 'fcRelu'] */
  readonly kinds?: readonly ('twoLayer' | 'fcRelu')[];
  /** Width range (hidden neurons; rounded up to even for symmetric init). @defaultValue { min: 2, max: 32 } */
  readonly width?: { readonly min: number; readonly max: number };
  /** Two-layer activations to draw. @defaultValue ['relu', 'relu2', 'softplus'] */
  readonly activations?: readonly Activation[];
  /** Largest depth of `fcReluNet` (hidden layers). @defaultValue 2 */
  readonly maxDepth?: number;
}

/**
 * Arbitrary of small networks with random sizes and seeds: `twoLayerNet` (activation, gaussian or
 * symmetric init, first or both layers trained) and `fcReluNet` (depth 1..maxDepth, bStd 0 or 0.5). Both
 * are certified by `robustLossBracket`, so the model laws have a finite upper end to test.
 *
 * @param options - `inputDim` (required), `kinds`, `width`, `activations`, `maxDepth`
 * @returns an `fc.Arbitrary<TwoLayerNet | FcReluNet>`
 * @example
 * const nets = fc.sample(smallModel({ inputDim: 2, width: { min: 4, max: 8 } }), { numRuns: 3, seed: 7 });
 * nets.every((m) => m.inputDim === 2 && m.width >= 4); // true
 * @remarks Since 0.2.0
 */
export function smallModel(options: SmallModelOptions): fc.Arbitrary<TwoLayerNet | FcReluNet> {
  const d = options.inputDim;
  const kinds = options.kinds ?? ['twoLayer', 'fcRelu'];
  const width = fc.integer(options.width ?? { min: 2, max: 32 });
  const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
  const arbs: fc.Arbitrary<TwoLayerNet | FcReluNet>[] = [];
  if (kinds.includes('twoLayer')) {
    arbs.push(
      fc
        .record({
          width,
          seed,
          activation: fc.constantFrom(...(options.activations ?? (['relu', 'relu2', 'softplus'] as const))),
          init: fc.constantFrom('gaussian' as const, 'symmetric' as const),
          train: fc.constantFrom('first' as const, 'both' as const),
        })
        .map((o) =>
          twoLayerNet({
            inputDim: d,
            width: o.init === 'symmetric' ? 2 * Math.ceil(o.width / 2) : o.width,
            activation: o.activation,
            init: o.init,
            train: o.train,
            seed: o.seed,
          }),
        ),
    );
  }
  if (kinds.includes('fcRelu')) {
    arbs.push(
      fc
        .record({
          width,
          seed,
          depth: fc.integer({ min: 1, max: options.maxDepth ?? 2 }),
          bStd: fc.constantFrom(0, 0.5),
        })
        .map((o) => fcReluNet({ inputDim: d, width: o.width, depth: o.depth, bStd: o.bStd, seed: o.seed })),
    );
  }
  return fc.oneof(...arbs);
}
