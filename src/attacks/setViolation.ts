import { ShapeError } from '../errors.ts';
import { checkOptions } from '../internal/assert.ts';
import { toMat } from '../linalg/mat.ts';
import type { MatLike } from '../types.ts';
import { prepareAttack } from './prepareAttack.ts';
import { rowViolation } from './setGeometry.ts';
import type { DataBox, PerturbationSet } from './types.ts';

/** Options of {@link setViolation}. */
export interface SetViolationOptions {
  readonly set: PerturbationSet;
  readonly box?: DataBox;
}

/**
 * How far each candidate point lies outside the perturbation set of its input (0 inside): ℓ∞/ℓ₂ distance
 * beyond ρ, for caps max(|‖p‖ − 1|, angle − ρ), and any excess beyond the box. The attacks certify their
 * output with it (`maxSetViolation`); research code can check its own attacks the same way.
 *
 * @param x - inputs (centres), shape [n, d]; unit rows for caps
 * @param points - candidate points, shape [n, d]
 * @param options - `set` (required), `box`
 * @returns `{ perRow, max }`, perRow shape [n]
 * @throws {@link ShapeError} if the shapes differ
 * @throws {@link DomainError} for a negative radius or non-unit rows with caps
 * @example
 * setViolation([[0, 0]], [[0.3, -0.1]], { set: { kind: 'linf', radius: 0.2 } }).max; // 0.1
 * @remarks Since 0.1.0
 */
export function setViolation(
  x: MatLike,
  points: MatLike,
  options: SetViolationOptions,
): { perRow: Float64Array; max: number } {
  const fn = 'setViolation';
  const opts = checkOptions(fn, options);
  const xm = toMat(x, fn, 'x');
  const pm = toMat(points, fn, 'points');
  const dummy = { inputDim: xm.cols, predict: () => new Float64Array(0), inputGradient: () => xm };
  const prep = prepareAttack(fn, dummy, xm, new Float64Array(xm.rows), opts, 'unused');
  if (pm.rows !== xm.rows || pm.cols !== xm.cols) {
    throw new ShapeError(
      `points must have the shape of x [${xm.rows}, ${xm.cols}] (got [${pm.rows}, ${pm.cols}])`,
      { fn, arg: 'points', expected: [xm.rows, xm.cols], actual: [pm.rows, pm.cols] },
    );
  }
  const d = xm.cols;
  const tmp = new Float64Array(d);
  const perRow = new Float64Array(xm.rows);
  let max = 0;
  for (let i = 0; i < xm.rows; i++) {
    perRow[i] = rowViolation(prep.kind, prep.rho, pm.data, i * d, prep.x.data, d, prep.box, tmp);
    max = Math.max(max, perRow[i]);
  }
  return { perRow, max };
}
