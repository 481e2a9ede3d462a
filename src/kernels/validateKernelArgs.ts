/**
 * Boundary validation shared by the kernel functions.
 * @internal
 * @packageDocumentation
 */
import { DomainError, NonFiniteError } from '../errors.ts';
import { assertLength, assertSameCols, checkOneOf, checkOptions } from '../internal/assert.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import type { Mat, MatLike, VecLike } from '../types.ts';

/**
 * Throws NonFiniteError if a row's squared norm overflows float64 (‖x‖ > ~1.3e154): every kernel here is
 * built from ‖x‖² and x·z, so such inputs would give ±Infinity/NaN entries instead of a result.
 */
export function assertNormsRepresentable(fn: string, arg: string, m: Mat): void {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[i * cols + j] * data[i * cols + j];
    if (!Number.isFinite(s)) {
      let big = 0;
      for (let j = 0; j < cols; j++) big = Math.max(big, Math.abs(data[i * cols + j]));
      throw new NonFiniteError(
        `${arg} must have rows whose squared norm is finite in float64, i.e. norms below 1.3e154 (got row ${i} with an entry of magnitude ${big.toExponential(3)}); rescale the inputs`,
        { fn, arg, actual: big, index: i },
      );
    }
  }
}

/** Validates x1 and the optional x2; returns x2 = null for the symmetric case (omitted, null or x1 itself). */
export function kernelInputs(
  fn: string,
  x1: MatLike,
  x2: MatLike | null | undefined,
): { a: Mat; b: Mat | null } {
  const a = toMat(x1, fn, 'x1');
  assertNormsRepresentable(fn, 'x1', a);
  if (x2 === undefined || x2 === null || x2 === x1) return { a, b: null };
  const b = toMat(x2, fn, 'x2');
  assertSameCols(fn, 'x1', a, 'x2', b);
  assertNormsRepresentable(fn, 'x2', b);
  return { a, b };
}

/** Validates the arguments of an `inputGradient` call. */
export function gradientInputs(
  fn: string,
  x: MatLike,
  z: MatLike,
  alpha: VecLike | null | undefined,
): { xm: Mat; zm: Mat; w: Float64Array } {
  const xm = toMat(x, fn, 'x');
  const zm = toMat(z, fn, 'z');
  assertSameCols(fn, 'x', xm, 'z', zm);
  let w: Float64Array;
  if (alpha === undefined || alpha === null) w = new Float64Array(zm.rows).fill(1);
  else {
    w = toVec(alpha, fn, 'alpha');
    assertLength(fn, 'alpha', w.length, zm.rows);
  }
  return { xm, zm, w };
}

/** Resolves `options.get` of an input gradient ('ntk' by default). */
export function gradientGet(fn: string, options: { readonly get?: 'nngp' | 'ntk' } | undefined): boolean {
  const o = checkOptions(fn, options);
  const get = o.get === undefined ? 'ntk' : checkOneOf(fn, 'options.get', o.get, ['nngp', 'ntk'] as const);
  return get === 'ntk';
}

/** Throws DomainError for option keys outside `known` (catches typos such as `wstd`). */
export function rejectUnknownKeys(fn: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new DomainError(
        `options.${key} must be one of the known options ${known.join(', ')} (got unknown key '${key}')`,
        { fn, arg: `options.${key}`, expected: known.join('|'), actual: key },
      );
    }
  }
}
