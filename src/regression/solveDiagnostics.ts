/**
 * Numerical diagnostics of the linear solve behind every regression result, and the thresholds above which
 * a result is flagged (`accurate: false`) and the CLI warns (`--strict`: exit 1).
 * @packageDocumentation
 */
import { getKernel, resolveBackend } from '../backend/registry.ts';
import { dgemm } from '../linalg/blas.ts';
import { type EighResult, eighUnchecked } from '../linalg/eigh.ts';
import type { Mat } from '../types.ts';

/**
 * Largest accepted relative residual ‖A·α − y‖_F / ‖y‖_F of a (K + λI)·α = y solve.
 *
 * A backward-stable Cholesky solve leaves a relative residual of order n·ε·‖A‖‖α‖/‖y‖ ≤ n·ε·κ(A); 1e-6 is
 * reached only when that amplification exceeds ~10⁹ for n ≤ 10⁴, i.e. when at most six of sixteen digits
 * of α survive. Above it the coefficients do not solve the system they claim to solve.
 * @remarks Since 0.2.0
 */
export const RELATIVE_RESIDUAL_LIMIT = 1e-6;

/**
 * Largest accepted condition estimate of K + λI: with κ > 10¹² the relative error bound κ·ε of the
 * coefficients exceeds 2·10⁻⁴, so printed predictions can be wrong from the fourth digit on.
 * @remarks Since 0.2.0
 */
export const CONDITION_LIMIT = 1e12;

/**
 * How a kernel system was solved and how well (carried by every regression solver's result).
 * @remarks Since 0.2.0
 */
export interface SolveDiagnostics {
  /** `'cholesky'` (with the jitter retries) or `'min-norm'` (pseudo-inverse through the eigendecomposition). */
  readonly method: 'cholesky' | 'min-norm';
  /** Extra diagonal jitter the Cholesky retries added (0 if none; always 0 for `'min-norm'`). */
  readonly jitterUsed: number;
  /**
   * ‖(K + (λ + jitter)I)·α − y‖_F / ‖y‖_F, recomputed from α. For `'min-norm'` this is the least-squares
   * residual, legitimately > 0 when y has a component outside the range of K + λI.
   */
  readonly relativeResidual: number;
  /**
   * Condition estimate of K + λI. Cholesky: (max Lᵢᵢ / min Lᵢᵢ)², a lower bound on κ₂ (cost O(n)).
   * Min-norm: λ_max / λ_min from the eigenvalues (∞ when λ_min ≤ 0).
   */
  readonly conditionEstimate: number;
  /** Min-norm: eigenvalues kept (> n·ε·λ_max); Cholesky: n. */
  readonly rank: number;
  /**
   * False when the result must not be trusted: a non-finite coefficient, or (Cholesky) a relative residual
   * above {@link RELATIVE_RESIDUAL_LIMIT} or a condition estimate above {@link CONDITION_LIMIT}, or
   * (min-norm) a normal-equation residual ‖A·r‖/(λ_max‖y‖) above {@link RELATIVE_RESIDUAL_LIMIT}.
   */
  readonly accurate: boolean;
}

/** ‖A·X − B‖_F / ‖B‖_F (‖A·X − B‖_F if B = 0), plus the residual itself. @internal */
function residualOf(A: Mat, X: Mat, B: Mat): { rel: number; r: Float64Array } {
  const n = A.rows;
  const k = B.cols;
  const r = B.data.slice();
  // A diagnostic, not a result: the backend GEMM (native/WASM) rather than the scalar JavaScript one.
  getKernel('dgemm', resolveBackend('solveDiagnostics'))(
    false,
    false,
    n,
    k,
    n,
    1,
    A.data,
    0,
    n,
    X.data,
    0,
    k,
    -1,
    r,
    0,
    k,
  );
  let rn = 0;
  let bn = 0;
  for (let i = 0; i < r.length; i++) {
    rn += r[i] * r[i];
    bn += B.data[i] * B.data[i];
  }
  return { rel: bn > 0 ? Math.sqrt(rn / bn) : Math.sqrt(rn), r };
}

const allFinite = (x: Float64Array): boolean => x.every(Number.isFinite);

/**
 * Diagnostics of a Cholesky solve of (A + jitter·I)·X = B, where L is the factor that was used.
 * @internal
 */
export function choleskyDiagnostics(A: Mat, L: Mat, jitterUsed: number, X: Mat, B: Mat): SolveDiagnostics {
  const n = A.rows;
  const Aj: Mat =
    jitterUsed === 0
      ? A
      : {
          rows: n,
          cols: n,
          data: A.data.map((v, idx) => (Math.floor(idx / n) === idx % n ? v + jitterUsed : v)),
        };
  const { rel } = residualOf(Aj, X, B);
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(L.data[i * n + i]);
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
  }
  const conditionEstimate = lo > 0 ? (hi / lo) ** 2 : Number.POSITIVE_INFINITY;
  const accurate =
    allFinite(X.data) &&
    Number.isFinite(rel) &&
    rel <= RELATIVE_RESIDUAL_LIMIT &&
    conditionEstimate <= CONDITION_LIMIT;
  return { method: 'cholesky', jitterUsed, relativeResidual: rel, conditionEstimate, rank: n, accurate };
}

/**
 * Minimum-norm least-squares solution X = A⁺·B of a symmetric A through its eigendecomposition, keeping the
 * eigenvalues above n·ε·λ_max (the rank rule of LAPACK's `dgelsd`/NumPy's `lstsq`), with its diagnostics.
 * @internal
 */
export function minNormSolve(
  A: Mat,
  B: Mat,
  eig: EighResult = eighUnchecked(A),
): { X: Mat; diagnostics: SolveDiagnostics } {
  const n = A.rows;
  const k = B.cols;
  const { values, vectors } = eig;
  const V = vectors.data;
  let lmax = 0;
  for (const v of values) lmax = Math.max(lmax, Math.abs(v));
  const tol = n * Number.EPSILON * lmax;
  const c = new Float64Array(n * k);
  dgemm(true, false, n, k, n, 1, V, 0, n, B.data, 0, k, 0, c, 0, k);
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const keep = values[i] > tol;
    if (keep) rank++;
    for (let j = 0; j < k; j++) c[i * k + j] = keep ? c[i * k + j] / values[i] : 0;
  }
  const x = new Float64Array(n * k);
  dgemm(false, false, n, k, n, 1, V, 0, n, c, 0, k, 0, x, 0, k);
  const X: Mat = { rows: n, cols: k, data: x };
  const { rel, r } = residualOf(A, X, B);
  // Normal-equation residual A·r (zero at the exact least-squares solution), relative to λ_max‖B‖.
  const ar = new Float64Array(n * k);
  dgemm(false, false, n, k, n, 1, A.data, 0, n, r, 0, k, 0, ar, 0, k);
  let arn = 0;
  let bn = 0;
  for (let i = 0; i < ar.length; i++) {
    arn += ar[i] * ar[i];
    bn += B.data[i] * B.data[i];
  }
  const normal = lmax > 0 && bn > 0 ? Math.sqrt(arn / bn) / lmax : 0;
  const lmin = values[0];
  const conditionEstimate = lmin > 0 ? lmax / lmin : Number.POSITIVE_INFINITY;
  const accurate = allFinite(x) && Number.isFinite(rel) && normal <= RELATIVE_RESIDUAL_LIMIT;
  return {
    X,
    diagnostics: {
      method: 'min-norm',
      jitterUsed: 0,
      relativeResidual: rel,
      conditionEstimate,
      rank,
      accurate,
    },
  };
}
