import { DomainError } from '../errors.ts';
import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
import { toVec } from '../linalg/mat.ts';
import type { Mat, VecLike } from '../types.ts';

/** Options of {@link oneHot}. */
export interface OneHotOptions {
  /**
   * Number of classes C.
   * @defaultValue max(labels) + 1
   */
  readonly numClasses?: number;
  /**
   * Target value of the true class.
   * @defaultValue 1
   */
  readonly positive?: number;
  /**
   * Target value of the other classes.
   * @defaultValue -1
   */
  readonly negative?: number;
}

/**
 * One-hot regression targets for classification by kernel regression: row i has `positive` in column
 * labels[i] and `negative` elsewhere (±1 by default, so every output is a centred binary problem).
 *
 * @param labels - integer class labels in [0, C), length n
 * @param options - `numClasses`, `positive`, `negative`
 * @returns targets, shape [n, C]
 * @throws {@link DomainError} if a label is not an integer in [0, C)
 * @throws {@link NonFiniteError} on NaN/±Infinity labels
 * @example
 * Array.from(oneHot([0, 2], { numClasses: 3 }).data); // [1, -1, -1, -1, -1, 1]
 * @remarks Since 0.1.0
 */
export function oneHot(labels: VecLike, options?: OneHotOptions): Mat {
  const fn = 'oneHot';
  const opts = checkOptions(fn, options);
  const y = toVec(labels, fn, 'labels');
  let maxLabel = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0) {
      throw new DomainError(`labels must be non-negative integers (got ${v} at [${i}])`, {
        fn,
        arg: 'labels',
        expected: 'integer >= 0',
        actual: v,
        index: i,
      });
    }
    maxLabel = Math.max(maxLabel, v);
  }
  const c = checkInteger(fn, 'options.numClasses', opts.numClasses ?? maxLabel + 1, 1);
  if (maxLabel >= c) {
    throw new DomainError(`labels must be < options.numClasses = ${c} (got ${maxLabel})`, {
      fn,
      arg: 'labels',
      expected: `< ${c}`,
      actual: maxLabel,
    });
  }
  const pos = checkNumber(fn, 'options.positive', opts.positive ?? 1);
  const neg = checkNumber(fn, 'options.negative', opts.negative ?? -1);
  const data = new Float64Array(y.length * c).fill(neg);
  for (let i = 0; i < y.length; i++) data[i * c + y[i]] = pos;
  return { rows: y.length, cols: c, data };
}
