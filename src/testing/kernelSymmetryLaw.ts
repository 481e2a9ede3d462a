/**
 * Law: a kernel is symmetric, K(x1, x2) = K(x2, x1)ᵀ up to rounding.
 * @packageDocumentation
 */
import { checkNumber, checkOptions } from '../internal/assert.ts';
import { toMat } from '../linalg/mat.ts';
import type { MatLike } from '../types.ts';
import { entryRelTol } from './kernelTolerance.ts';
import { judge, type LawResult } from './lawResult.ts';
import { evalKernel, type UserKernel } from './userKernel.ts';

/** Options of {@link kernelSymmetryLaw}. */
export interface KernelSymmetryLawOptions {
  /** Which matrix of a `{ nngp, ntk }` kernel to test. @defaultValue 'ntk' */
  readonly which?: 'ntk' | 'nngp';
  /**
   * Relative accuracy of one entry, relative to √(K(x,x)K(z,z)).
   * @defaultValue (d + 64)·2⁻⁵³ (inner product of length d plus a bounded number of scalar operations)
   */
  readonly relTol?: number;
}

/**
 * Checks K(x1, x2) = K(x2, x1)ᵀ: for every pair, |K(x1,x2)_ij − K(x2,x1)_ji| ≤ 2·relTol·√(K(a_i,a_i)K(b_j,b_j))
 * (each side carries at most relTol of the Cauchy–Schwarz scale). Works on any user kernel, so it can run
 * inside `fc.assert` in another project's CI.
 *
 * @param kernel - `(x1, x2) → K` ([x1.rows, x2.rows]) or a toolkit kernel returning `{ nngp, ntk }`
 * @param x1 - inputs, shape [n1, d]
 * @param x2 - inputs, shape [n2, d]
 * @param options - `which`, `relTol`
 * @returns `{ law, value, bound }` with value = max_ij |difference| / scale_ij and bound = 2·relTol
 * @throws {@link LawViolationError} if some entry differs by more than the bound
 * @throws {@link ShapeError} if the kernel returns the wrong shape or x1, x2 differ in columns
 * @throws {@link NonFiniteError} if the kernel returns NaN or ±Infinity
 * @example
 * const k = twoLayerNtk({ activation: 'relu' });
 * kernelSymmetryLaw(k, [[1, 0], [0.6, 0.8]], [[0, 1]]).law; // 'kernelSymmetryLaw'
 * @remarks Since 0.2.0
 */
export function kernelSymmetryLaw(
  kernel: UserKernel,
  x1: MatLike,
  x2: MatLike,
  options: KernelSymmetryLawOptions = {},
): LawResult {
  const fn = 'kernelSymmetryLaw';
  const opts = checkOptions(fn, options);
  const a = toMat(x1, fn, 'x1');
  const b = toMat(x2, fn, 'x2');
  const which = opts.which ?? 'ntk';
  const relTol =
    opts.relTol === undefined
      ? entryRelTol(a.cols)
      : checkNumber(fn, 'options.relTol', opts.relTol, { min: 0 });
  const kab = evalKernel(fn, kernel, a, b, which);
  const kba = evalKernel(fn, kernel, b, a, which);
  const da = diagonal(fn, kernel, a, which);
  const db = diagonal(fn, kernel, b, which);
  let worst = 0;
  let at = [0, 0];
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.rows; j++) {
      const scale = Math.sqrt(Math.abs(da[i] * db[j])) || Number.MIN_VALUE;
      const diff = Math.abs(kab.data[i * b.rows + j] - kba.data[j * a.rows + i]) / scale;
      if (diff > worst) {
        worst = diff;
        at = [i, j];
      }
    }
  }
  return judge(fn, '|K(x1, x2)_ij − K(x2, x1)_ji| / √(K(x1_i, x1_i)K(x2_j, x2_j))', worst, '<=', 2 * relTol, {
    row: at[0],
    col: at[1],
  });
}

/** K(x_i, x_i) for every row (one kernel call per row, so user kernels need no diag method). */
function diagonal(fn: string, kernel: UserKernel, x: ReturnType<typeof toMat>, which: 'ntk' | 'nngp') {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    const row = { rows: 1, cols: x.cols, data: x.data.subarray(i * x.cols, (i + 1) * x.cols) };
    out[i] = evalKernel(fn, kernel, row, row, which).data[0];
  }
  return out;
}
