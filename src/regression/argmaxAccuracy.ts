import { DomainError } from '../errors.ts';
import { assertLength } from '../internal/assert.ts';
import { toVec } from '../linalg/mat.ts';
import type { MatLike, VecLike } from '../types.ts';
import { toTargets } from './internal.ts';

/**
 * Classification accuracy of regression outputs: the predicted class of row i is the argmax over its k
 * outputs (first index on ties); with a single output column (binary ±1 targets) it is 1 if the output
 * is > 0 and 0 otherwise.
 *
 * @param predictions - outputs, shape [m, k] (or [m] for one output)
 * @param labels - true integer classes, length m
 * @returns fraction of correct predictions in [0, 1]
 * @throws {@link ShapeError} if lengths differ
 * @throws {@link DomainError} if a label is not a non-negative integer
 * @example
 * argmaxAccuracy([[0.9, -1], [0.2, 0.1], [-1, 1]], [0, 1, 1]); // 0.6667
 * @remarks Since 0.1.0
 */
export function argmaxAccuracy(predictions: VecLike | MatLike, labels: VecLike): number {
  const fn = 'argmaxAccuracy';
  const P = toTargets(predictions, fn, 'predictions');
  const y = toVec(labels, fn, 'labels');
  assertLength(fn, 'labels', y.length, P.rows);
  const k = P.cols;
  let correct = 0;
  for (let i = 0; i < P.rows; i++) {
    if (!Number.isInteger(y[i]) || y[i] < 0) {
      throw new DomainError(`labels must be non-negative integers (got ${y[i]} at [${i}])`, {
        fn,
        arg: 'labels',
        expected: 'integer >= 0',
        actual: y[i],
        index: i,
      });
    }
    let cls: number;
    if (k === 1) cls = P.data[i] > 0 ? 1 : 0;
    else {
      cls = 0;
      for (let j = 1; j < k; j++) if (P.data[i * k + j] > P.data[i * k + cls]) cls = j;
    }
    if (cls === y[i]) correct++;
  }
  return correct / P.rows;
}
