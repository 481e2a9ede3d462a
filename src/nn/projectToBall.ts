/**
 * Euclidean projection onto B(W₀, R) = {W : ‖W_h − W_{0,h}‖_F ≤ R for every trained layer h}.
 * @packageDocumentation
 */
import { DomainError, ShapeError } from '../errors.ts';
import { assertFinite, checkNumber } from '../internal/assert.ts';
import type { TrainableModel } from '../types.ts';

/** A trained block of a flat parameter vector. */
export type ParamLayer = TrainableModel['layers'][number];

/**
 * Projects `params` in place onto B(params0, radius), one Frobenius ball per layer block: a block whose
 * distance from its initial value exceeds R is pulled radially back to distance R; blocks already inside
 * are unchanged. Entries outside every block are left alone. Since the constraint is a product of balls,
 * this blockwise radial shrink is the exact Euclidean projection onto the product set.
 *
 * Numerics: an outside block is scaled to distance R·(1 − 2⁻⁴⁶) (a relative 1.4e-14 inside), then the
 * distance is recomputed and the scale nudged down until it is below that target, so a norm computed in any
 * summation order never exceeds R. Distances use a plain sum of squares (entries beyond ~1e150 overflow).
 *
 * @param params - parameters to project, modified in place, length P
 * @param params0 - the centre W₀, length P
 * @param layers - the blocks `{ name, offset, length }` (e.g. `model.layers`)
 * @param radius - R ≥ 0 (`Infinity` leaves params unchanged)
 * @returns the per-layer distances ‖W_h − W_{0,h}‖_F after projection, in the order of `layers`
 * @throws {@link ShapeError} if lengths differ or a block lies outside the buffer
 * @throws {@link DomainError} if radius < 0 or NaN
 * @throws {@link NonFiniteError} if params or params0 contain NaN/±Infinity
 * @example
 * const p = new Float64Array([3, 4, 1]);
 * projectToBall(p, new Float64Array(3), [{ name: "W", offset: 0, length: 2 }], 1); // [1.000000]
 * Array.from(p); // [0.6, 0.8, 1]
 * @see R. Gao et al., NeurIPS 2019, arXiv:1906.07916 (projected adversarial training)
 * @remarks Since 0.1.0
 */
export function projectToBall(
  params: Float64Array,
  params0: Float64Array,
  layers: readonly ParamLayer[],
  radius: number,
): number[] {
  const fn = 'projectToBall';
  if (typeof radius === 'number' && radius === Number.POSITIVE_INFINITY) {
    // allowed: no constraint
  } else checkNumber(fn, 'radius', radius, { min: 0 });
  if (!(params instanceof Float64Array) || !(params0 instanceof Float64Array)) {
    throw new ShapeError('params and params0 must be Float64Arrays', { fn, arg: 'params' });
  }
  if (params.length !== params0.length) {
    throw new ShapeError(`params0 must have length ${params.length} (got ${params0.length})`, {
      fn,
      arg: 'params0',
      expected: params.length,
      actual: params0.length,
    });
  }
  for (const l of layers) {
    if (!Number.isInteger(l.offset) || !Number.isInteger(l.length) || l.offset < 0 || l.length < 0) {
      throw new DomainError(`layers must have non-negative integer offset and length (got ${l.name})`, {
        fn,
        arg: 'layers',
      });
    }
    if (l.offset + l.length > params.length) {
      throw new ShapeError(
        `layers must lie inside params (layer ${l.name} ends at ${l.offset + l.length}, params has ${params.length})`,
        { fn, arg: 'layers', expected: params.length, actual: l.offset + l.length },
      );
    }
  }
  assertFinite(fn, 'params', params);
  assertFinite(fn, 'params0', params0);
  return projectToBallUnchecked(params, params0, layers, radius);
}

/** Frobenius distance of one block (plain sum of squares, in index order). @internal */
export function blockDistance(p: Float64Array, p0: Float64Array, offset: number, length: number): number {
  let ss = 0;
  for (let i = offset; i < offset + length; i++) {
    const t = p[i] - p0[i];
    ss += t * t;
  }
  return Math.sqrt(ss);
}

/** {@link projectToBall} without validation. @internal */
export function projectToBallUnchecked(
  params: Float64Array,
  params0: Float64Array,
  layers: readonly ParamLayer[],
  radius: number,
): number[] {
  const out: number[] = [];
  for (const { offset, length } of layers) {
    const dist = blockDistance(params, params0, offset, length);
    if (dist <= radius) {
      out.push(dist);
      continue;
    }
    // Aim a hair inside (relative 2^-46 ≈ 1.4e-14) so that any summation order gives a norm ≤ R.
    const target = radius * (1 - 2 ** -46);
    let s = target / dist;
    const diff = new Float64Array(length);
    for (let i = 0; i < length; i++) diff[i] = params[offset + i] - params0[offset + i];
    let d = dist;
    for (let attempt = 0; attempt < 60; attempt++) {
      for (let i = 0; i < length; i++) params[offset + i] = params0[offset + i] + s * diff[i];
      d = blockDistance(params, params0, offset, length);
      if (d <= target) break;
      s *= 1 - 2 ** -50 * 2 ** attempt;
    }
    out.push(d);
  }
  return out;
}
