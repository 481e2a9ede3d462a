/**
 * Serialisable kernel specifications for {@link parallelGram}: plain objects that cross the worker
 * boundary by structured clone and are resolved to the same kernel code in every thread.
 * @packageDocumentation
 */
import { DomainError } from '../errors.ts';
import { checkOneOf, checkOptions, describe } from '../internal/assert.ts';
import { type FcReluKernelOptions, fcReluPlan } from '../kernels/fcReluKernel.ts';
import { type TwoLayerNtkOptions, twoLayerNtk } from '../kernels/twoLayerNtk.ts';

/** {@link fcReluKernel} as data: `{ kind: 'fc-relu', depth, wStd, bStd, parameterization, width }`. */
export interface FcReluGramSpec extends FcReluKernelOptions {
  readonly kind: 'fc-relu';
}

/** {@link twoLayerNtk} as data: `{ kind: 'two-layer', activation, train }`. */
export interface TwoLayerGramSpec extends TwoLayerNtkOptions {
  readonly kind: 'two-layer';
}

/** A kernel that {@link parallelGram} can evaluate on workers. */
export type GramSpec = FcReluGramSpec | TwoLayerGramSpec;

/** Kinds of {@link GramSpec}. */
export const GRAM_KINDS: readonly GramSpec['kind'][] = ['fc-relu', 'two-layer'];

/** The options part of a spec (everything but `kind`). @internal */
export function specOptions(spec: GramSpec): FcReluKernelOptions | TwoLayerNtkOptions {
  const { kind: _kind, ...rest } = spec;
  return rest;
}

/**
 * Validates a spec (kind, then the kernel's own option checks, whose errors name `options.<key>` of the
 * kernel factory) and returns a plain copy safe to send to workers.
 * @internal
 */
export function checkGramSpec(fn: string, spec: unknown): GramSpec {
  const s = checkOptions(fn, spec as GramSpec | undefined, 'spec');
  if (spec === undefined) {
    throw new DomainError(`spec must be a kernel spec object (got ${describe(spec)})`, { fn, arg: 'spec' });
  }
  const kind = checkOneOf(fn, 'spec.kind', s.kind, GRAM_KINDS);
  const opts = specOptions(s);
  if (kind === 'fc-relu') fcReluPlan(opts as FcReluKernelOptions);
  else twoLayerNtk(opts as TwoLayerNtkOptions);
  return { ...s } as GramSpec;
}
