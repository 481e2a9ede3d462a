/**
 * Boundary validation shared by the public functions. Every helper names the function and the argument
 * in its error, following HOUSE-STYLE.md §5.
 * @internal
 * @packageDocumentation
 */
import { ArgumentTypeError, DomainError, NonFiniteError, ShapeError } from '../errors.ts';
import type { Mat } from '../types.ts';

/** Short description of a value for an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (value instanceof Float64Array) return `Float64Array of length ${value.length}`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

/** Throws NonFiniteError naming the first NaN/±Infinity entry of `data`. */
export function assertFinite(fn: string, arg: string, data: ArrayLike<number>, cols = 0): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      const where = cols > 0 ? `[${Math.floor(i / cols)}, ${i % cols}]` : `[${i}]`;
      throw new NonFiniteError(`${arg} must be finite (got ${v} at ${where})`, {
        fn,
        arg,
        actual: String(v),
        index: i,
      });
    }
  }
}

/** Throws ShapeError unless `m` has at least one row and one column. */
export function assertNonEmpty(fn: string, arg: string, m: Mat): void {
  if (m.rows === 0 || m.cols === 0) {
    throw new ShapeError(`${arg} must have at least one row and one column (got [${m.rows}, ${m.cols}])`, {
      fn,
      arg,
      actual: [m.rows, m.cols],
    });
  }
}

/** Throws ShapeError unless `a.cols === b.cols`. */
export function assertSameCols(fn: string, argA: string, a: Mat, argB: string, b: Mat): void {
  if (a.cols !== b.cols) {
    throw new ShapeError(
      `${argA} and ${argB} must have the same number of columns (got ${a.cols} and ${b.cols})`,
      { fn, arg: argB, expected: a.cols, actual: b.cols },
    );
  }
}

/** Throws ShapeError unless `m` is square. */
export function assertSquare(fn: string, arg: string, m: Mat): void {
  if (m.rows !== m.cols) {
    throw new ShapeError(`${arg} must be square (got [${m.rows}, ${m.cols}])`, {
      fn,
      arg,
      actual: [m.rows, m.cols],
    });
  }
}

/** Throws ShapeError unless `length === expected`. */
export function assertLength(fn: string, arg: string, length: number, expected: number): void {
  if (length !== expected) {
    throw new ShapeError(`${arg} must have length ${expected} (got ${length})`, {
      fn,
      arg,
      expected,
      actual: length,
    });
  }
}

/** Validates a finite number, optionally within [min, max] (or (min, max) with `open`). Returns it. */
export function checkNumber(
  fn: string,
  arg: string,
  value: unknown,
  range: { min?: number; max?: number; exclusiveMin?: boolean } = {},
): number {
  if (typeof value !== 'number') {
    throw new ArgumentTypeError(`${arg} must be a number (got ${describe(value)})`, {
      fn,
      arg,
      expected: 'number',
      actual: typeof value,
    });
  }
  if (!Number.isFinite(value)) {
    throw new NonFiniteError(`${arg} must be finite (got ${value})`, { fn, arg, actual: String(value) });
  }
  const { min, max, exclusiveMin = false } = range;
  if (min !== undefined && (exclusiveMin ? value <= min : value < min)) {
    const req = exclusiveMin ? `> ${min}` : `>= ${min}`;
    throw new DomainError(`${arg} must be ${req} (got ${value})`, { fn, arg, expected: req, actual: value });
  }
  if (max !== undefined && value > max) {
    throw new DomainError(`${arg} must be <= ${max} (got ${value})`, {
      fn,
      arg,
      expected: `<= ${max}`,
      actual: value,
    });
  }
  return value;
}

/** Validates an integer >= `min` (default 0). Returns it. */
export function checkInteger(fn: string, arg: string, value: unknown, min = 0): number {
  checkNumber(fn, arg, value);
  if (!Number.isInteger(value) || (value as number) < min) {
    throw new DomainError(`${arg} must be an integer >= ${min} (got ${value})`, {
      fn,
      arg,
      expected: `integer >= ${min}`,
      actual: value as number,
    });
  }
  return value as number;
}

/** Validates that `value` is one of `allowed`. Returns it narrowed. */
export function checkOneOf<T extends string>(
  fn: string,
  arg: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new DomainError(
      `${arg} must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${describe(value)})`,
      {
        fn,
        arg,
        expected: allowed.join('|'),
        actual: describe(value),
      },
    );
  }
  return value as T;
}

/** Throws an ArgumentTypeError unless `value` is a function. */
export function checkFunction(fn: string, arg: string, value: unknown): void {
  if (typeof value !== 'function') {
    throw new ArgumentTypeError(`${arg} must be a function (got ${describe(value)})`, {
      fn,
      arg,
      expected: 'function',
      actual: describe(value),
    });
  }
}

/** Throws ArgumentTypeError unless `value` is a plain object (or undefined, which becomes `{}`). */
export function checkOptions<T extends object>(fn: string, value: T | undefined, arg = 'options'): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ArgumentTypeError(`${arg} must be an object (got ${describe(value)})`, {
      fn,
      arg,
      expected: 'object',
      actual: describe(value),
    });
  }
  return value;
}

/** Throws ArgumentTypeError unless `value` is undefined or an AbortSignal-like object (boolean `aborted`). */
export function checkSignal(fn: string, arg: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { aborted?: unknown }).aborted !== 'boolean'
  ) {
    throw new ArgumentTypeError(`${arg} must be an AbortSignal (got ${describe(value)})`, {
      fn,
      arg,
      expected: 'AbortSignal',
      actual: describe(value),
    });
  }
  return value as AbortSignal;
}
