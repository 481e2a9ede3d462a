import { ShapeError } from '../errors.ts';
import { assertFinite, assertNonEmpty, checkOptions } from '../internal/assert.ts';
import { toMat } from '../linalg/mat.ts';
import type { Mat, MatLike } from '../types.ts';

/** Options of {@link standardize}: reuse statistics (e.g. the training set's on a test set). */
export interface StandardizeOptions {
  /** Column means to subtract, length d. @defaultValue the column means of x */
  readonly mean?: Float64Array;
  /** Column scales to divide by, length d. @defaultValue the column standard deviations of x (1 where 0) */
  readonly std?: Float64Array;
}

/** What {@link standardize} returns. */
export interface StandardizeResult {
  /** (x − mean) / std, shape [n, d]. */
  readonly x: Mat;
  /** The means used, length d. */
  readonly mean: Float64Array;
  /** The scales used, length d. */
  readonly std: Float64Array;
}

/**
 * Standardises columns: x'_{ij} = (x_{ij} − mean_j) / std_j, with the population standard deviation
 * (divide by n, as NumPy's default). Constant columns get std 1 (centred, not scaled).
 * Pass the returned `mean` and `std` to standardise test data with the training statistics.
 *
 * Numerics: two passes (mean, then squared deviations), so no cancellation from Σx² − n·mean².
 *
 * @param x - data, shape [n, d]
 * @param options - statistics to reuse; see {@link StandardizeOptions}
 * @returns `{ x, mean, std }`
 * @throws {@link ShapeError} for an empty x or statistics of the wrong length
 * @throws {@link NonFiniteError} for NaN/±Infinity in x
 * @example
 * const s = standardize([[1, 5], [3, 5]]);
 * s.x.data; // [-1, 0, 1, 0]
 * s.std; // [1, 1]
 * @remarks Since 0.1.0
 */
export function standardize(x: Mat | MatLike, options?: StandardizeOptions): StandardizeResult {
  const fn = 'standardize';
  const opts = checkOptions(fn, options);
  const m = toMat(x, fn, 'x');
  assertNonEmpty(fn, 'x', m);
  assertFinite(fn, 'x', m.data, m.cols);
  const { rows: n, cols: d, data } = m;
  for (const key of ['mean', 'std'] as const) {
    const v = opts[key];
    if (v !== undefined && v.length !== d) {
      throw new ShapeError(`options.${key} must have length ${d} (got ${v.length})`, {
        fn,
        arg: `options.${key}`,
        expected: d,
        actual: v.length,
      });
    }
  }
  const mean = opts.mean ?? new Float64Array(d);
  if (opts.mean === undefined) {
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
    for (let j = 0; j < d; j++) mean[j] /= n;
  }
  let std = opts.std;
  if (std === undefined) {
    std = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) std[j] += (data[i * d + j] - mean[j]) ** 2;
    for (let j = 0; j < d; j++) std[j] = std[j] > 0 ? Math.sqrt(std[j] / n) : 1;
  }
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = (data[i * d + j] - mean[j]) / (std[j] === 0 ? 1 : std[j]);
  }
  return { x: { rows: n, cols: d, data: out }, mean, std };
}
