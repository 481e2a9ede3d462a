/**
 * The result shape shared by the laws of `ntk-toolkit/testing`.
 * @packageDocumentation
 */
import { LawViolationError } from '../errors.ts';

/** What a law returns when it holds: the measured value next to its bound, for logs and reports. */
export interface LawResult {
  /** Name of the law, e.g. `'kernelSymmetry'`. */
  readonly law: string;
  /** The measured quantity (worst case over the inputs). */
  readonly value: number;
  /** The bound it was compared with. */
  readonly bound: number;
  /** Extra measured facts (per-law). */
  readonly details?: Readonly<Record<string, number>>;
}

/** @internal Returns the result, or throws LawViolationError with message "<law>: <what> must … (got …)". */
export function judge(
  law: string,
  what: string,
  value: number,
  relation: '<=' | '>=',
  bound: number,
  details?: Record<string, number>,
): LawResult {
  const ok = relation === '<=' ? value <= bound : value >= bound;
  if (!ok || Number.isNaN(value)) {
    throw new LawViolationError(
      `${what} must be ${relation === '<=' ? '≤' : '≥'} ${bound} (got ${value}${
        details === undefined
          ? ''
          : `; ${Object.entries(details)
              .map(([k, v]) => `${k} = ${v}`)
              .join(', ')}`
      })`,
      { fn: law, actual: value, expected: bound, ...(details ?? {}) },
    );
  }
  return { law, value, bound, ...(details !== undefined ? { details } : {}) };
}
