import { ArgumentTypeError } from '../errors.ts';
import { describe } from '../internal/assert.ts';

/** Throws ArgumentTypeError unless `value` is a boolean. @internal */
export function checkBoolean(fn: string, arg: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ArgumentTypeError(`${arg} must be a boolean (got ${describe(value)})`, {
      fn,
      arg,
      expected: 'boolean',
      actual: describe(value),
    });
  }
  return value;
}
