import { DomainError } from '../errors.ts';
import { checkNumber } from '../internal/assert.ts';
import type { Dataset } from './dataset.ts';

/**
 * Restricts a classification data set to two classes and relabels them ±1: rows of class `pos` get
 * y = +1, rows of class `neg` get y = −1, other rows are dropped (order kept).
 *
 * @param dataset - `{ x, y }` with y holding class values, x shape [n, d]
 * @param pos - the class value that becomes +1
 * @param neg - the class value that becomes −1
 * @returns a new data set with x shape [m, d], y shape [m] in {+1, −1}, classNames [neg, pos]
 * @throws {@link DomainError} if pos = neg or either class has no rows
 * @example
 * const ds = { x: from2D([[0], [1], [2]]), y: new Float64Array([3, 8, 5]), source: 'toy' };
 * binaryLabels(ds, 3, 8).y; // [1, -1]
 * @remarks Since 0.1.0
 */
export function binaryLabels(dataset: Dataset, pos: number, neg: number): Dataset {
  const fn = 'binaryLabels';
  checkNumber(fn, 'pos', pos);
  checkNumber(fn, 'neg', neg);
  if (pos === neg) {
    throw new DomainError(`pos and neg must differ (got ${pos} and ${neg})`, { fn, arg: 'neg', actual: neg });
  }
  const { x, y } = dataset;
  const keep: number[] = [];
  let nPos = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === pos) nPos++;
    if (y[i] === pos || y[i] === neg) keep.push(i);
  }
  for (const [arg, cls, count] of [
    ['pos', pos, nPos],
    ['neg', neg, keep.length - nPos],
  ] as const) {
    if (count === 0) {
      throw new DomainError(`${arg} must be a class present in dataset.y (got ${cls}, which has no rows)`, {
        fn,
        arg,
        actual: cls,
      });
    }
  }
  const d = x.cols;
  const data = new Float64Array(keep.length * d);
  const labels = new Float64Array(keep.length);
  keep.forEach((i, r) => {
    data.set(x.data.subarray(i * d, (i + 1) * d), r * d);
    labels[r] = y[i] === pos ? 1 : -1;
  });
  const name = (c: number): string => dataset.classNames?.[c] ?? String(c);
  return {
    x: { rows: keep.length, cols: d, data },
    y: labels,
    classNames: [name(neg), name(pos)],
    source: `${dataset.source} (classes ${name(pos)} → +1, ${name(neg)} → −1)`,
  };
}
