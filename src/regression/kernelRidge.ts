import { checkBoolean } from '../backend/checkBoolean.ts';
import type { BackendName } from '../backend/registry.ts';
import { checkOneOf, checkOptions } from '../internal/assert.ts';
import { dgemm } from '../linalg/blas.ts';
import type { Mat, MatLike } from '../types.ts';
import {
  addDiagonal,
  type DiagReg,
  factorSpd,
  resolveDiagReg,
  resolveSolverBackend,
  type TargetsLike,
  toCrossKernel,
  toKernel,
  toTargets,
} from './internal.ts';
import { choleskyDiagnostics, minNormSolve, type SolveDiagnostics } from './solveDiagnostics.ts';

/** Options of {@link kernelRidge}. */
export interface KernelRidgeOptions {
  /**
   * Ridge λ with its unit; 0 gives kernel interpolation.
   * @defaultValue { value: 0, scale: 'trace' }
   */
  readonly diagReg?: DiagReg;
  /**
   * If K + λI does not factor, retry with the reported jitter schedule of {@link cholesky} (`'auto'`) or fail (`'none'`).
   * @defaultValue 'auto'
   */
  readonly jitter?: 'auto' | 'none';
  /**
   * Backend of the Cholesky factorisation: `'js'` (pure TypeScript) or `'wasm-simd'` (blocked, WASM-SIMD
   * GEMM/SYRK updates; a 2000-point fit ≈ 3.5× faster). Results agree to rounding and the jitter retries see
   * the same pivots up to rounding, so `jitterUsed` differs only for kernels at the edge of definiteness.
   * Unset: `process.env.NTK_BACKEND` if set, else `'wasm-simd'` when this runtime supports it, else `'js'`
   * (silent fallback); an explicit `'wasm-simd'` that cannot run throws {@link BackendUnavailableError}.
   * @defaultValue `NTK_BACKEND`, else `'wasm-simd'` if available, else `'js'`
   */
  readonly backend?: BackendName;
  /**
   * Solve by the minimum-norm pseudo-inverse (K + λI)⁺·y through the eigendecomposition instead of the
   * Cholesky factorisation: the answer for singular kernels (duplicate or antipodal points), O(n³) with a
   * larger constant. No jitter is added.
   * @defaultValue false
   */
  readonly minNorm?: boolean;
}

/**
 * Result of {@link kernelRidge}: the coefficients with the diagnostics of their solve. `accurate: false`
 * flags a solve whose residual or condition exceeds {@link RELATIVE_RESIDUAL_LIMIT} / {@link CONDITION_LIMIT}
 * (e.g. a singular kernel without `minNorm`): its numbers must not be trusted.
 */
export interface KernelRidgeResult extends SolveDiagnostics {
  /** Dual coefficients α = (K + λI)⁻¹·y, shape [n, k]. */
  readonly alpha: Mat;
  /** The absolute ridge λ added to the diagonal (after resolving `diagReg.scale`). */
  readonly ridge: number;
  /** Training-set fit K·α, shape [n, k]. */
  readonly fxTrain: Mat;
  /** Predictions K(x*, X)·α, shape [m, k], for kTestTrain of shape [m, n]. */
  predict(kTestTrain: MatLike): Mat;
}

/**
 * Kernel ridge regression (kernel interpolation for λ = 0): α = (K + λI)⁻¹·y, f(x*) = K(x*, X)·α.
 * Equals the GP posterior mean and the t = ∞ limit of {@link gradientDescentMse} with the same `diagReg`.
 *
 * @param kTrainTrain - symmetric kernel on the training inputs, shape [n, n]
 * @param yTrain - targets, shape [n] or [n, k]
 * @param options - `diagReg`, `jitter`, `backend`, `minNorm`
 * @returns `{ alpha, ridge, fxTrain, predict }` and the {@link SolveDiagnostics} (`method`, `jitterUsed`,
 *   `relativeResidual`, `conditionEstimate`, `rank`, `accurate`)
 * @throws {@link ShapeError} if shapes disagree
 * @throws {@link DomainError} if `kTrainTrain` is not symmetric or `diagReg.value < 0`
 * @throws {@link NonFiniteError} on NaN/±Infinity
 * @throws {@link NotPositiveDefiniteError} if K + λI is not positive definite even after jitter
 * @throws {@link BackendUnavailableError} if `options.backend` is `'wasm-simd'` and WebAssembly SIMD is unavailable
 * @example
 * const fit = kernelRidge([[2, 1], [1, 2]], [1, -1]);
 * Array.from(fit.alpha.data); // [1.0000, -1.0000]
 * Array.from(fit.predict([[1, 0]]).data); // [1.0000]
 * fit.accurate; // true
 * // A singular kernel: the Cholesky answer is flagged, the minimum-norm one is exact.
 * kernelRidge([[1, 1], [1, 1]], [1, -1]).accurate; // false
 * Array.from(kernelRidge([[1, 1], [1, 1]], [1, 1], { minNorm: true }).alpha.data); // [0.5000, 0.5000]
 * @see neural-tangents `predict.gp_inference`; Rasmussen, Williams, "Gaussian Processes for ML" (2006), §2.2
 * @remarks Since 0.1.0
 */
export function kernelRidge(
  kTrainTrain: MatLike,
  yTrain: TargetsLike,
  options?: KernelRidgeOptions,
): KernelRidgeResult {
  const fn = 'kernelRidge';
  const opts = checkOptions(fn, options);
  const K = toKernel(kTrainTrain, fn, 'kTrainTrain');
  const n = K.rows;
  const Y = toTargets(yTrain, fn, 'yTrain', n);
  const ridge = resolveDiagReg(opts.diagReg, K, fn);
  const jitter = checkOneOf(fn, 'options.jitter', opts.jitter ?? 'auto', ['auto', 'none'] as const);
  const backend = resolveSolverBackend(fn, opts.backend);
  const minNorm = checkBoolean(fn, 'options.minNorm', opts.minNorm ?? false);
  const A = addDiagonal(K, ridge);
  const k = Y.cols;
  let alpha: Mat;
  let diagnostics: SolveDiagnostics;
  if (minNorm) ({ X: alpha, diagnostics } = minNormSolve(A, Y));
  else {
    const { solve, jitterUsed, L } = factorSpd(A, jitter, fn, 'kTrainTrain', backend);
    alpha = solve(Y);
    diagnostics = choleskyDiagnostics(A, L, jitterUsed, alpha, Y);
  }
  const fxTrain = new Float64Array(n * k);
  dgemm(false, false, n, k, n, 1, K.data, 0, n, alpha.data, 0, k, 0, fxTrain, 0, k);
  const predict = (kTestTrain: MatLike): Mat => {
    const Kt = toCrossKernel(kTestTrain, `${fn}.predict`, 'kTestTrain', n);
    const out = new Float64Array(Kt.rows * k);
    dgemm(false, false, Kt.rows, k, n, 1, Kt.data, 0, n, alpha.data, 0, k, 0, out, 0, k);
    return { rows: Kt.rows, cols: k, data: out };
  };
  return {
    alpha,
    ridge,
    ...diagnostics,
    fxTrain: { rows: n, cols: k, data: fxTrain },
    predict,
  };
}
