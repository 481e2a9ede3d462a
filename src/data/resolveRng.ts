import { checkInteger } from '../internal/assert.ts';
import type { Rng } from '../random/rng.ts';
import { createRng } from '../random/rng.ts';

/** The `seed` / `rng` pair every random generator accepts; `rng` wins when both are given. @internal */
export function resolveRng(fn: string, options: { readonly seed?: number; readonly rng?: Rng }): Rng {
  if (options.rng !== undefined) return options.rng;
  return createRng(checkInteger(fn, 'options.seed', options.seed ?? 0, Number.MIN_SAFE_INTEGER));
}
