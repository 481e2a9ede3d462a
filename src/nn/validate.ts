/**
 * Boundary checks shared by the network methods.
 * @internal
 * @packageDocumentation
 */
import { ShapeError } from '../errors.ts';
import { assertLength } from '../internal/assert.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import type { Mat, MatLike, VecLike } from '../types.ts';

/** Validated inputs of shape [n, inputDim] (finite, non-empty). @internal */
export function checkInputs(fn: string, arg: string, x: MatLike | unknown, inputDim: number): Mat {
  const m = toMat(x, fn, arg);
  if (m.cols !== inputDim) {
    throw new ShapeError(`${arg} must have ${inputDim} columns (the network's inputDim) (got ${m.cols})`, {
      fn,
      arg,
      expected: inputDim,
      actual: m.cols,
    });
  }
  return m;
}

/** Validated per-sample vector of length n (finite). @internal */
export function checkPerSample(fn: string, arg: string, v: VecLike | unknown, n: number): Float64Array {
  const out = toVec(v, fn, arg);
  assertLength(fn, arg, out.length, n);
  return out;
}

/** Grows a scratch buffer to at least `n` entries (reuses it otherwise). @internal */
export function grow(buf: Float64Array, n: number): Float64Array {
  return buf.length >= n ? buf : new Float64Array(Math.max(n, Math.ceil(buf.length * 1.5)));
}
