/**
 * Boundary validation of an optional data box for a perturbation set: one place for the attacks and the
 * output-bound capabilities of networks and kernel predictors.
 * @internal
 * @packageDocumentation
 */
import { DomainError } from '../errors.ts';
import { toBroadcastVec } from '../linalg/mat.ts';
import type { DataBox, Mat } from '../types.ts';
import { checkOptions } from './assert.ts';

/** A data box expanded to per-coordinate bounds of length d. @internal */
export interface CheckedBox {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

/**
 * Checks `box` (`options.box`) for inputs `x` [n, d]: not allowed with a cap set, bounds a scalar or a length-d
 * vector, and every input inside it. Returns the expanded bounds, or null without a box.
 * @internal
 */
export function checkDataBox(
  fn: string,
  box: DataBox | undefined,
  isCap: boolean,
  x: Mat,
): CheckedBox | null {
  if (box === undefined) return null;
  if (isCap) {
    throw new DomainError("options.box must be omitted for set.kind 'cap' (got a box)", {
      fn,
      arg: 'options.box',
    });
  }
  const b = checkOptions(fn, box, 'options.box');
  const d = x.cols;
  const lo = toBroadcastVec(b.lower, d, fn, 'options.box.lower');
  const hi = toBroadcastVec(b.upper, d, fn, 'options.box.upper');
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < d; j++) {
      const v = x.data[i * d + j];
      if (!(v >= lo[j] && v <= hi[j])) {
        throw new DomainError(
          `x must lie inside options.box (got x[${i}, ${j}] = ${v} outside [${lo[j]}, ${hi[j]}])`,
          { fn, arg: 'x', actual: v, index: i * d + j },
        );
      }
    }
  }
  return { lo, hi };
}
