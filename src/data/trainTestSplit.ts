import { checkNumber, checkOptions } from '../internal/assert.ts';
import type { Rng } from '../random/rng.ts';
import type { Dataset } from './dataset.ts';
import { resolveRng } from './resolveRng.ts';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Fraction of rows in the test part, in [0, 1]; the test size is round(fraction·n). @defaultValue 0.25 */
  readonly testFraction?: number;
  /** Seed of the shuffle. @defaultValue 0 */
  readonly seed?: number;
  /** A random stream to shuffle with instead of `seed`. @defaultValue none */
  readonly rng?: Rng;
}

const take = (ds: Dataset, idx: readonly number[], part: string): Dataset => {
  const d = ds.x.cols;
  const x = new Float64Array(idx.length * d);
  const y = new Float64Array(idx.length);
  idx.forEach((i, r) => {
    x.set(ds.x.data.subarray(i * d, (i + 1) * d), r * d);
    y[r] = ds.y[i];
  });
  const base = { x: { rows: idx.length, cols: d, data: x }, y, source: `${ds.source} [${part}]` };
  return ds.classNames === undefined ? base : { ...base, classNames: ds.classNames };
};

/**
 * Splits a data set into a seeded random train and test part (Fisher–Yates shuffle of the row indices;
 * each part keeps the shuffled order).
 *
 * @param dataset - `{ x, y }`, x shape [n, d], y shape [n]
 * @param options - test fraction and seed; see {@link TrainTestSplitOptions}
 * @returns `{ train, test }` with n − round(f·n) and round(f·n) rows
 * @throws {@link DomainError} for a fraction outside [0, 1] or a non-integer seed
 * @example
 * const ds = circlePoints(8);
 * const { train, test } = trainTestSplit(ds, { testFraction: 0.25, seed: 1 });
 * [train.x.rows, test.x.rows]; // [6, 2]
 * @remarks Since 0.1.0
 */
export function trainTestSplit(
  dataset: Dataset,
  options?: TrainTestSplitOptions,
): { train: Dataset; test: Dataset } {
  const fn = 'trainTestSplit';
  const opts = checkOptions(fn, options);
  const testFraction = checkNumber(fn, 'options.testFraction', opts.testFraction ?? 0.25, { min: 0, max: 1 });
  const rng = resolveRng(fn, opts);
  const n = dataset.x.rows;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const nTest = Math.round(testFraction * n);
  return {
    train: take(dataset, order.slice(nTest), 'train'),
    test: take(dataset, order.slice(0, nTest), 'test'),
  };
}
