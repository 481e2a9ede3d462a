/**
 * Laws: a kernel's Gram matrix is positive semidefinite (λ_min ≥ −tol), or strictly positive definite.
 * @packageDocumentation
 */
import { checkNumber, checkOptions } from '../internal/assert.ts';
import { eigh } from '../linalg/eigh.ts';
import { toMat } from '../linalg/mat.ts';
import type { MatLike } from '../types.ts';
import { entryRelTol, UNIT_ROUNDOFF } from './kernelTolerance.ts';
import { judge, type LawResult } from './lawResult.ts';
import { evalKernel, maxAbs, type UserKernel } from './userKernel.ts';

/** Options of {@link kernelPsdLaw}. */
export interface KernelPsdLawOptions {
  /** Which matrix of a `{ nngp, ntk }` kernel to test. @defaultValue 'ntk' */
  readonly which?: 'ntk' | 'nngp';
  /** Relative accuracy of one entry (see {@link kernelSymmetryLaw}). @defaultValue (d + 64)·2⁻⁵³ */
  readonly relTol?: number;
  /**
   * Strict positive definiteness: require λ_min ≥ this (> the rounding tolerance) instead of λ_min ≥ −tol.
   * Use it where the kernel promises strict PD, e.g. a bias coordinate on distinct points.
   */
  readonly strict?: boolean;
  /** With `strict`, the smallest acceptable λ_min in units of max|K|. @defaultValue 0 (beyond rounding only) */
  readonly minRelativeEigenvalue?: number;
}

/**
 * Checks the Gram matrix K = K(x, x) of a kernel for positive semidefiniteness, λ_min(K) ≥ −tol, with the
 * tolerance derived from rounding: each entry carries an error ≤ relTol·max|K|, which moves every
 * eigenvalue by ≤ ‖E‖₂ ≤ n·relTol·max|K| (Weyl), and the symmetric eigensolver (Householder + QL,
 * backward stable) adds ≤ 8n·u·‖K‖₂ ≤ 8n²·u·max|K|; tol = n·max|K|·(relTol + 8n·u).
 * With `strict: true` it checks strict positive definiteness: λ_min ≥ tol + minRelativeEigenvalue·max|K|.
 *
 * @param kernel - `(x1, x2) → K` or a toolkit kernel returning `{ nngp, ntk }`
 * @param x - inputs, shape [n, d]
 * @param options - `which`, `relTol`, `strict`, `minRelativeEigenvalue`
 * @returns `{ law, value: λ_min, bound, details: { tol, maxAbs } }`
 * @throws {@link LawViolationError} if λ_min is below the bound
 * @throws {@link ShapeError} / {@link NonFiniteError} for a malformed kernel output
 * @example
 * const k = twoLayerNtk({ activation: 'relu' });
 * kernelPsdLaw(k, [[1, 0], [0, 1], [-1, 0]]).value >= 0; // true
 * kernelPsdLaw(k, appendBias([[1, 0], [0, 1], [-1, 0], [0, -1]]), { strict: true }).value > 0; // true
 * @remarks Since 0.2.0
 */
export function kernelPsdLaw(kernel: UserKernel, x: MatLike, options: KernelPsdLawOptions = {}): LawResult {
  const fn = 'kernelPsdLaw';
  const opts = checkOptions(fn, options);
  const xm = toMat(x, fn, 'x');
  const which = opts.which ?? 'ntk';
  const relTol =
    opts.relTol === undefined
      ? entryRelTol(xm.cols)
      : checkNumber(fn, 'options.relTol', opts.relTol, { min: 0 });
  const margin = checkNumber(fn, 'options.minRelativeEigenvalue', opts.minRelativeEigenvalue ?? 0, {
    min: 0,
  });
  const k = evalKernel(fn, kernel, xm, xm, which);
  const n = xm.rows;
  const scale = maxAbs(k.data);
  // Symmetrise (asymmetry is the symmetry law's business; the spectrum of (K + Kᵀ)/2 is the quadratic
  // form's), scale to max |K| = 1 and flush entries below 1e-300 (subnormals stall the QL iteration; they are
  // far below the n·u resolution).
  const sym = new Float64Array(n * n);
  // A matrix below 1e-290 everywhere is zero at float64 resolution (and 1/scale would overflow).
  const zero = scale < 1e-290;
  const inv = zero ? 1 : 1 / scale;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = 0.5 * (k.data[i * n + j] * inv + k.data[j * n + i] * inv);
      sym[i * n + j] = Math.abs(v) < 1e-300 ? 0 : v;
    }
  const lambdaMin = n === 0 || zero ? 0 : scale * eigh({ rows: n, cols: n, data: sym }).values[0];
  const tol = n * scale * (relTol + 8 * n * UNIT_ROUNDOFF);
  if (opts.strict === true) {
    return judge(fn, 'λ_min(K) (strict positive definiteness)', lambdaMin, '>=', tol + margin * scale, {
      tol,
      maxAbs: scale,
    });
  }
  return judge(fn, 'λ_min(K)', lambdaMin, '>=', -tol, { tol, maxAbs: scale });
}
