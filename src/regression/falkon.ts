import type { DtrsmFn } from '../backend/js/dtrsm.ts';
import type { BackendName } from '../backend/registry.ts';
import { getKernel } from '../backend/registry.ts';
import { AbortError, ShapeError } from '../errors.ts';
import { checkFunction, checkInteger, checkNumber, checkOneOf, checkOptions } from '../internal/assert.ts';
import { toMat } from '../linalg/mat.ts';
import { createRng } from '../random/rng.ts';
import type { Mat, MatLike } from '../types.ts';
import type { KernelPairFn } from './fitKernelRegression.ts';
import { factorSpd, resolveSolverBackend, type TargetsLike, toTargets } from './internal.ts';

/** Progress of {@link falkon}: kernel rows done in the current pass, and the CG state. */
export interface FalkonProgress {
  /** `'centres'` (K_MM and the preconditioner), `'pass'` (a sweep over K_nM), `'predict'`. */
  readonly phase: 'centres' | 'pass' | 'predict';
  /** Rows of K_nM done in this pass. */
  readonly done: number;
  /** Rows of K_nM in a pass. */
  readonly total: number;
  /** Conjugate-gradient iterations completed. */
  readonly iteration: number;
  /** Largest relative residual of the preconditioned system over the target columns (NaN before CG). */
  readonly residual: number;
}

/** Options of {@link falkon}. */
export interface FalkonOptions {
  /**
   * Number of Nyström centres M (M = n uses every training point and reproduces {@link kernelRidge}).
   * @defaultValue min(n, 1000)
   */
  readonly centers?: number;
  /**
   * Centre sampling: `'uniform'` without replacement, or `'leverage'` (approximate ridge leverage scores
   * from a uniform pilot set of M points, then sampling without replacement proportionally to them).
   * @defaultValue 'uniform'
   */
  readonly sampling?: 'uniform' | 'leverage';
  /**
   * Absolute ridge r added to the kernel diagonal, as in `kernelRidge({ diagReg: { value: r, scale:
   * 'absolute' } })`: FALKON minimises (1/n)‖K_nM·α − y‖² + (r/n)·αᵀK_MM·α. Must be > 0.
   * @defaultValue 1e-6·n
   */
  readonly diagReg?: number;
  /**
   * Which kernel: `'ntk'` or `'nngp'`.
   * @defaultValue 'ntk'
   */
  readonly get?: 'ntk' | 'nngp';
  /**
   * Stop when every column's preconditioned residual ‖r‖/‖r₀‖ ≤ tol.
   * @defaultValue 1e-8
   */
  readonly tol?: number;
  /**
   * Maximum conjugate-gradient iterations.
   * @defaultValue 100
   */
  readonly maxIterations?: number;
  /**
   * Rows of K_nM per kernel block (memory of a block: blockRows·M doubles).
   * @defaultValue 2048
   */
  readonly blockRows?: number;
  /**
   * Keep K_nM in memory when it needs at most this many bytes (and the allocation succeeds); otherwise
   * every CG iteration recomputes it block by block (memory O(n + M² + blockRows·M)).
   * @defaultValue 2³¹ (2 GiB)
   */
  readonly cacheBytes?: number;
  /**
   * Seed of the centre sampling.
   * @defaultValue 0
   */
  readonly seed?: number;
  /** Called after every block of kernel rows and every CG iteration. */
  readonly onProgress?: (p: FalkonProgress) => void;
  /** Checked between blocks: an aborted signal stops the solver with {@link AbortError}. */
  readonly signal?: AbortSignal;
  /**
   * Backend of the factorisations and block products.
   * @defaultValue `NTK_BACKEND`, else `'wasm-simd'` if available, else `'js'`
   */
  readonly backend?: BackendName;
}

/** A model fitted by {@link falkon}. */
export interface FalkonModel {
  /** The Nyström centres, shape [M, d]. */
  readonly centers: Mat;
  /** Indices of the centres in the training set. */
  readonly centerIndex: Int32Array;
  /** Coefficients α, shape [M, k]: f(x) = K(x, centres)·α. */
  readonly alpha: Mat;
  /** The absolute ridge r. */
  readonly ridge: number;
  /** Jitter the Cholesky of K_MM needed (0 if none). */
  readonly jitterUsed: number;
  /** Conjugate-gradient iterations run. */
  readonly iterations: number;
  /** Final largest relative residual of the preconditioned system. */
  readonly residual: number;
  /** Whether every column reached `tol`. */
  readonly converged: boolean;
  /** Whether K_nM was kept in memory. */
  readonly cached: boolean;
  /** Predictions K(x, centres)·α, shape [m, k], computed in row blocks. */
  predict(x: MatLike): Mat;
}

/**
 * FALKON (Rudi, Carratino, Rosasco 2017): kernel ridge regression on n points through M Nyström centres,
 * solved by conjugate gradients with the preconditioner built from two M×M Cholesky factors,
 * T = chol(K_MM) and A = chol(T·Tᵀ/M + λI). It solves the normal equations of
 * min_α (1/n)‖K_nM·α − y‖² + λ·αᵀK_MM·α with λ = r/n; every CG iteration is one streamed pass over K_nM in
 * row blocks, K_nMᵀ(K_nM·u) with each kernel row read once (a fused kernel, on both cores natively), the
 * rows computed with the kernel's Gram path (both cores) and kept in memory when they fit in
 * `cacheBytes`. Memory beyond the M×M factors is O(n·k + blockRows·M) when not cached. With M = n
 * (all points as centres) the minimiser is α = (K + rI)⁻¹·y, exactly kernel ridge regression.
 *
 * Multi-output targets [n, k] run k independent CG recursions on the same passes.
 *
 * @param kernelFn - `(x1, x2?) => { nngp, ntk }`, e.g. {@link fcReluKernel}(…)
 * @param xTrain - inputs, shape [n, d]
 * @param yTrain - targets, shape [n] or [n, k]
 * @param options - centres, sampling, ridge, tolerance, block size, cache, progress, signal
 * @returns a {@link FalkonModel} with `predict`, the iterations and the final residual
 * @throws {@link ArgumentTypeError} if `kernelFn` is not a function
 * @throws {@link ShapeError} if targets and inputs disagree
 * @throws {@link DomainError} for an invalid option (centres outside 1…n, ridge ≤ 0, …)
 * @throws {@link NotPositiveDefiniteError} if K_MM does not factor with the reported jitter schedule
 * @throws {@link AbortError} if `options.signal` is aborted
 * @example
 * const k = fcReluKernel({ depth: 1 });
 * const x = [[1, 0], [0, 1], [0.6, 0.8], [-1, 0.2]];
 * const m = falkon(k, x, [1, -1, 0.5, 2], { centers: 4, diagReg: 1e-3 });
 * m.converged; // true
 * m.centers.rows; // 4
 * @see Rudi, Carratino, Rosasco (2017) "FALKON: An Optimal Large Scale Kernel Method", arXiv:1705.10958
 * @remarks Since 0.2.0
 */
export function falkon(
  kernelFn: KernelPairFn,
  xTrain: MatLike,
  yTrain: TargetsLike,
  options?: FalkonOptions,
): FalkonModel {
  const fn = 'falkon';
  checkFunction(fn, 'kernelFn', kernelFn);
  const o = checkOptions(fn, options);
  const X = toMat(xTrain, fn, 'xTrain');
  const Y = toTargets(yTrain, fn, 'yTrain', X.rows);
  const n = X.rows;
  const d = X.cols;
  const k = Y.cols;
  const M = o.centers === undefined ? Math.min(n, 1000) : checkInteger(fn, 'options.centers', o.centers, 1);
  if (M > n) {
    throw new ShapeError(`options.centers must be at most n = ${n} (got ${M})`, {
      fn,
      arg: 'options.centers',
      expected: n,
      actual: M,
    });
  }
  const sampling = checkOneOf(fn, 'options.sampling', o.sampling ?? 'uniform', [
    'uniform',
    'leverage',
  ] as const);
  const ridge =
    o.diagReg === undefined
      ? 1e-6 * n
      : checkNumber(fn, 'options.diagReg', o.diagReg, { min: 0, exclusiveMin: true });
  const get = checkOneOf(fn, 'options.get', o.get ?? 'ntk', ['ntk', 'nngp'] as const);
  const tol = o.tol === undefined ? 1e-8 : checkNumber(fn, 'options.tol', o.tol, { min: 0 });
  const maxIt =
    o.maxIterations === undefined ? 100 : checkInteger(fn, 'options.maxIterations', o.maxIterations, 0);
  const blockRows = o.blockRows === undefined ? 2048 : checkInteger(fn, 'options.blockRows', o.blockRows, 1);
  const cacheBytes =
    o.cacheBytes === undefined ? 2 ** 31 : checkNumber(fn, 'options.cacheBytes', o.cacheBytes, { min: 0 });
  const seed = o.seed === undefined ? 0 : checkInteger(fn, 'options.seed', o.seed, 0);
  const backend = resolveSolverBackend(fn, o.backend);
  const { onProgress, signal } = o;
  const gemm = getKernel('dgemm', backend);
  const dtrsm = getKernel('dtrsm', backend);
  const falkonPass = getKernel('falkonPass', backend);
  const lambda = ridge / n;
  const checkAbort = (): void => {
    if (signal?.aborted) {
      throw new AbortError('signal must not be aborted (got an aborted signal)', {
        fn,
        arg: 'options.signal',
      });
    }
  };
  let iteration = 0;
  let residual = Number.NaN;
  const report = (phase: FalkonProgress['phase'], done: number, total: number): void => {
    onProgress?.({ phase, done, total, iteration, residual });
  };

  // ---- centres
  checkAbort();
  const rng = createRng(seed);
  const centerIndex =
    sampling === 'uniform'
      ? sampleUniform(n, M, rng)
      : sampleLeverage(kernelFn, X, M, ridge, get, rng, blockRows, checkAbort, backend, dtrsm);
  const C = rowsOf(X, centerIndex);
  const Kmm = kernelFn(C)[get];
  report('centres', 0, n);
  // T = chol(K_MM) (lower L, K_MM = L·Lᵀ, T = Lᵀ), with the reported jitter schedule.
  const { L, jitterUsed } = factorSpd(Kmm, 'auto', fn, 'K_MM', backend);
  // A: B·Bᵀ = Lᵀ·L/M + λI (A = Bᵀ).
  const LtL = new Float64Array(M * M);
  gemm(true, false, M, M, M, 1 / M, L.data, 0, M, L.data, 0, M, 0, LtL, 0, M);
  for (let i = 0; i < M; i++) LtL[i * M + i] += lambda;
  // SPD for λ > 0; the jitter schedule only guards rounding (it changes the preconditioner, not the solution).
  const B = factorSpd({ rows: M, cols: M, data: LtL }, 'auto', fn, 'preconditioner', backend).L.data;
  // z ← T⁻¹A⁻¹z = L⁻ᵀB⁻ᵀz and z ← A⁻ᵀT⁻ᵀz = B⁻¹L⁻¹z, on [M, k] blocks.
  const applyInv = (z: Float64Array): void => {
    dtrsm(true, M, k, B, 0, M, z, 0, k);
    dtrsm(true, M, k, L.data, 0, M, z, 0, k);
  };
  const applyInvT = (z: Float64Array): void => {
    dtrsm(false, M, k, L.data, 0, M, z, 0, k);
    dtrsm(false, M, k, B, 0, M, z, 0, k);
  };
  report('centres', n, n);

  // ---- K_nM in row blocks (cached when it fits in cacheBytes and the allocation succeeds)
  const cache = n * M * 8 <= cacheBytes ? tryAllocate(n * M) : null;
  const cached = cache !== null;
  let filled = false;
  const block = (r0: number, r1: number): Float64Array => {
    if (cache !== null && filled) return cache.subarray(r0 * M, r1 * M);
    const xb = { rows: r1 - r0, cols: d, data: X.data.subarray(r0 * d, r1 * d) };
    const kb = kernelFn(xb, C)[get].data;
    if (cache !== null) cache.set(kb, r0 * M);
    return kb;
  };
  /**
   * w ← K_nMᵀ(K_nM·u + v) / n for u [M, k] and v [n, k] (either may be null = 0): per row block, the fused
   * `falkonPass` kernel of the solver backend (src/backend/js/falkonPass.ts), which reads each kernel row
   * once (T_r = (K_r·u + v_r)/n, w += K_rᵀ·T_r) on fixed row parts, natively on every core; its sums have a
   * fixed order, so the pass gives the same bits for any thread count.
   */
  const pass = (u: Float64Array | null, v: Float64Array | null): Float64Array => {
    const w = new Float64Array(M * k);
    for (let r0 = 0; r0 < n; r0 += blockRows) {
      checkAbort();
      const r1 = Math.min(n, r0 + blockRows);
      const vb = v === null ? null : v.subarray(r0 * k, r1 * k);
      falkonPass(r1 - r0, M, k, block(r0, r1), u, vb, 1 / n, w);
      report('pass', r1, n);
    }
    filled = cache !== null;
    return w;
  };

  // ---- preconditioned CG on (A⁻ᵀT⁻ᵀ(K_nMᵀK_nM/n + λK_MM)T⁻¹A⁻¹)·β = A⁻ᵀT⁻ᵀK_nMᵀy/n
  const op = (p: Float64Array): Float64Array => {
    const z = p.slice();
    dtrsm(true, M, k, B, 0, M, z, 0, k); // A⁻¹p
    const ainv = z.slice();
    dtrsm(true, M, k, L.data, 0, M, z, 0, k); // T⁻¹A⁻¹p
    const w = pass(z, null);
    dtrsm(false, M, k, L.data, 0, M, w, 0, k); // T⁻ᵀ·
    for (let i = 0; i < M * k; i++) w[i] += lambda * ainv[i];
    dtrsm(false, M, k, B, 0, M, w, 0, k); // A⁻ᵀ·
    return w;
  };
  const r = pass(null, Y.data);
  applyInvT(r);
  const beta = new Float64Array(M * k);
  const p = r.slice();
  const rr = colDots(r, r, M, k);
  const r0 = rr.map(Math.sqrt);
  const active = r0.map((v) => v > 0);
  residual = r0.every((v) => v === 0) ? 0 : 1;
  let converged = residual <= tol;
  while (!converged && iteration < maxIt) {
    const ap = op(p);
    const pap = colDots(p, ap, M, k);
    for (let c = 0; c < k; c++) {
      if (!active[c] || !(pap[c] > 0)) {
        active[c] = false;
        continue;
      }
      const a = rr[c] / pap[c];
      for (let i = 0; i < M; i++) {
        beta[i * k + c] += a * p[i * k + c];
        r[i * k + c] -= a * ap[i * k + c];
      }
    }
    const rrNew = colDots(r, r, M, k);
    iteration++;
    residual = 0;
    for (let c = 0; c < k; c++) {
      if (r0[c] > 0) residual = Math.max(residual, Math.sqrt(rrNew[c]) / r0[c]);
      if (!active[c]) continue;
      const b = rrNew[c] / rr[c];
      for (let i = 0; i < M; i++) p[i * k + c] = r[i * k + c] + b * p[i * k + c];
      rr[c] = rrNew[c];
    }
    converged = residual <= tol;
    report('pass', n, n);
  }
  applyInv(beta);
  const alpha: Mat = { rows: M, cols: k, data: beta };
  const predict = (x: MatLike): Mat => {
    const Xt = toMat(x, `${fn}.predict`, 'x');
    if (Xt.cols !== d) {
      throw new ShapeError(`x must have ${d} columns like xTrain (got ${Xt.cols})`, {
        fn: `${fn}.predict`,
        arg: 'x',
        expected: d,
        actual: Xt.cols,
      });
    }
    const m = Xt.rows;
    const out = new Float64Array(m * k);
    for (let r0b = 0; r0b < m; r0b += blockRows) {
      checkAbort();
      const r1 = Math.min(m, r0b + blockRows);
      const kb = kernelFn({ rows: r1 - r0b, cols: d, data: Xt.data.subarray(r0b * d, r1 * d) }, C)[get].data;
      gemm(false, false, r1 - r0b, k, M, 1, kb, 0, M, beta, 0, k, 0, out, r0b * k, k);
      report('predict', r1, m);
    }
    return { rows: m, cols: k, data: out };
  };
  return {
    centers: C,
    centerIndex,
    alpha,
    ridge,
    jitterUsed,
    iterations: iteration,
    residual,
    converged,
    cached,
    predict,
  };
}

/**
 * A zeroed Float64Array of `length`, or null when the engine refuses it (RangeError: beyond the maximum
 * typed-array length, or the allocation failed): FALKON then streams K_nM instead of caching it.
 * @internal
 */
export function tryAllocate(length: number): Float64Array | null {
  try {
    return new Float64Array(length);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/** Column-wise dot products of two [M, k] row-major blocks. */
function colDots(a: Float64Array, b: Float64Array, m: number, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) out[c] += a[i * k + c] * b[i * k + c];
  return out;
}

/** The rows `idx` of X. */
function rowsOf(X: Mat, idx: Int32Array): Mat {
  const d = X.cols;
  const data = new Float64Array(idx.length * d);
  for (let i = 0; i < idx.length; i++) data.set(X.data.subarray(idx[i] * d, idx[i] * d + d), i * d);
  return { rows: idx.length, cols: d, data };
}

/** M distinct indices of [0, n), uniformly (partial Fisher–Yates), sorted. */
function sampleUniform(n: number, m: number, rng: { int(n: number): number }): Int32Array {
  if (m === n) return Int32Array.from({ length: n }, (_, i) => i);
  const perm = new Map<number, number>();
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const vi = perm.get(i) ?? i;
    const vj = perm.get(j) ?? j;
    perm.set(j, vi);
    out[i] = vj;
  }
  return out.sort();
}

/**
 * M indices sampled without replacement with probabilities ∝ approximate ridge leverage scores
 * ℓ_i = (k_ii − k_iJ·(K_JJ + rI)⁻¹·k_Ji)/r on a uniform pilot set J of M points (Alaoui & Mahoney 2015;
 * Rudi et al. 2018 "On fast leverage score sampling"). k_ii comes from one-row kernel calls.
 */
function sampleLeverage(
  kernelFn: KernelPairFn,
  X: Mat,
  m: number,
  ridge: number,
  get: 'ntk' | 'nngp',
  rng: { int(n: number): number; uniform(): number },
  blockRows: number,
  checkAbort: () => void,
  backend: BackendName,
  dtrsm: DtrsmFn,
): Int32Array {
  const n = X.rows;
  const d = X.cols;
  if (m === n) return Int32Array.from({ length: n }, (_, i) => i);
  const J = sampleUniform(n, m, rng);
  const XJ = rowsOf(X, J);
  const Kjj = kernelFn(XJ)[get];
  for (let i = 0; i < m; i++) Kjj.data[i * m + i] += ridge;
  const { L } = factorSpd(Kjj, 'auto', 'falkon', 'K_JJ', backend);
  const score = new Float64Array(n);
  for (let r0 = 0; r0 < n; r0 += blockRows) {
    checkAbort();
    const r1 = Math.min(n, r0 + blockRows);
    const xb = { rows: r1 - r0, cols: d, data: X.data.subarray(r0 * d, r1 * d) };
    const kb = kernelFn(xb, XJ)[get];
    // rows of kb as right-hand sides: solve L·Z = kbᵀ, score = (k_ii − ‖z_i‖²)/r
    const z = new Float64Array(m * (r1 - r0));
    for (let i = 0; i < r1 - r0; i++) for (let j = 0; j < m; j++) z[j * (r1 - r0) + i] = kb.data[i * m + j];
    dtrsm(false, m, r1 - r0, L.data, 0, m, z, 0, r1 - r0);
    const diag = kernelDiag(kernelFn, xb, get);
    for (let i = 0; i < r1 - r0; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += z[j * (r1 - r0) + i] ** 2;
      score[r0 + i] = Math.max(0, diag[i] - s) / ridge + 1e-12;
    }
  }
  // Sequential weighted sampling without replacement (Efraimidis–Spirakis keys u^(1/w)), top m keys.
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Math.log(Math.max(rng.uniform(), Number.MIN_VALUE)) / score[i];
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => keys[b] - keys[a] || a - b);
  return idx.slice(0, m).sort();
}

/** k(x_i, x_i) for the rows of x: the kernel's own `diag` when it has one, else one-row calls. */
function kernelDiag(kernelFn: KernelPairFn, x: Mat, get: 'ntk' | 'nngp'): Float64Array {
  const withDiag = kernelFn as KernelPairFn & {
    diag?: (x: Mat) => { nngp: Float64Array; ntk: Float64Array };
  };
  if (typeof withDiag.diag === 'function') return withDiag.diag(x)[get];
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    out[i] = kernelFn({ rows: 1, cols: x.cols, data: x.data.subarray(i * x.cols, (i + 1) * x.cols) })[
      get
    ].data[0];
  }
  return out;
}
