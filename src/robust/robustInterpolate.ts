/**
 * Robust kernel interpolation by an exchange method: attack-module search, exact refits, optional
 * certificate of the final sup error.
 * @packageDocumentation
 */

import { CAP, type KindCode, L2, LINF, samplePointRow, setMetricDistance } from '../attacks/setGeometry.ts';
import {
  AbortError,
  ArgumentTypeError,
  DomainError,
  NotPositiveDefiniteError,
  ShapeError,
} from '../errors.ts';
import { checkInteger, checkNumber, checkOneOf, checkOptions } from '../internal/assert.ts';
import type { KernelFn } from '../kernels/types.ts';
import { cholesky } from '../linalg/cholesky.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import { createRng } from '../random/rng.ts';
import { type KernelPredictor, kernelPredictor } from '../regression/kernelPredictor.ts';
import { choleskyDiagnostics, RELATIVE_RESIDUAL_LIMIT } from '../regression/solveDiagnostics.ts';
import type { Mat, MatLike, VecLike } from '../types.ts';
import { type CertifiedSupError, type CertifyBudget, certifySupError } from './certifyInterpolant.ts';
import { searchWorstPoints } from './exchangeSearch.ts';
import { makePredictor } from './kernelExpansionModel.ts';
import type {
  KernelExpansionGradient,
  RobustInterpolateOptions,
  RobustInterpolateResult,
  RobustInterpolateStep,
} from './robustInterpolateTypes.ts';

export type {
  KernelExpansionGradient,
  KernelFunction,
  RobustInterpolateOptions,
  RobustInterpolateResult,
  RobustInterpolateStep,
  RobustSet,
} from './robustInterpolateTypes.ts';

const FN = 'robustInterpolate';

/**
 * Robust kernel interpolation: a function f in the RKHS of a kernel that fits y_i on the whole perturbation
 * set B(x_i), found by an exchange (cutting-plane) method. Start from the centres x_i (plus a few points of
 * each set), interpolate the current points exactly (Cholesky, α = K⁻¹y_C), search every set for the point
 * where |f(x') − y_i| is largest, add the worst points as new interpolation constraints, and repeat until the
 * sup error is below `tolerance`.
 *
 * Numerics: for spherical caps in d = 2 (arcs) the search evaluates a dense grid of every arc, which is exact
 * up to the grid spacing; otherwise it runs the attack module's PGD ({@link pgd}, square loss, `restarts` runs of
 * `steps` steps, the first from the centre) on the current interpolant, whose result is a lower bound on the
 * true sup (the reported `maxViolation` is then what the attack found). With `certify` the final sup error is
 * also bounded from above by the kernel predictor's certificate (`certifiedViolation`, `verified`).
 * The RKHS norm √(αᵀKα) of the interpolant on a finite subset is a lower bound on the norm of the
 * minimum-norm robust interpolant and increases towards it as constraints are added. If differently labelled
 * sets intersect, no robust interpolant exists: the result has `converged: false`, `reason: 'sets-overlap'`.
 * A Gram matrix that does not factor even with jitter, or whose jittered solve leaves the interpolation
 * conditions violated (relative residual ‖K·α − y‖/‖y‖ > {@link RELATIVE_RESIDUAL_LIMIT}: a singular Gram
 * matrix), stops the iteration with `reason: 'not-positive-definite'`.
 *
 * @param x - centres of the perturbation sets, shape [n, d] (unit rows for `cap` sets)
 * @param y - targets, shape [n]
 * @param options - kernel, set, tolerance and search settings
 * @returns `{ alpha, centers, rkhsNorm, converged, iterations, maxViolation, predictor, … }`
 * @throws {@link ShapeError} if `y.length !== x.rows`
 * @throws {@link DomainError} for a negative radius, non-unit rows with a `cap` set, or bad option values
 * @throws {@link ArgumentTypeError} if `options.kernel` is not a function
 * @throws {@link NonFiniteError} if `x` or `y` has NaN or ±Infinity
 * @throws {@link AbortError} if `options.signal` aborts
 * @example
 * // Linear kernel k(a, b) = 1 + a·b on the line: f must be 1 on [−0.6, −0.4] and 1 on [0.4, 0.6].
 * const kernel = (x1, x2 = x1) => {
 *   const data = new Float64Array(x1.rows * x2.rows);
 *   for (let i = 0; i < x1.rows; i++) for (let j = 0; j < x2.rows; j++) data[i * x2.rows + j] = 1 + x1.data[i] * x2.data[j];
 *   const k = { rows: x1.rows, cols: x2.rows, data };
 *   return { nngp: k, ntk: k };
 * };
 * const r = robustInterpolate([[-0.5], [0.5]], [1, 1], { kernel, set: { kind: 'l2', radius: 0.1 } });
 * r.converged; // true
 * @see R. Gao et al., "Convergence of Adversarial Training in Overparametrized Neural Networks", NeurIPS 2019 (claim 2)
 * @see R. Hettich, K. O. Kortanek, "Semi-infinite programming: theory, methods, and applications", SIAM Review 35 (1993)
 * @remarks Since 0.1.0
 */
export function robustInterpolate(
  x: MatLike,
  y: VecLike,
  options: RobustInterpolateOptions,
): RobustInterpolateResult {
  const opts = checkOptions(FN, options);
  const X = toMat(x, FN, 'x');
  const Y = toVec(y, FN, 'y');
  const { rows: n, cols: d } = X;
  if (Y.length !== n) {
    throw new ShapeError(`y must have length ${n} (got ${Y.length})`, {
      fn: FN,
      arg: 'y',
      expected: n,
      actual: Y.length,
    });
  }
  if (typeof opts.kernel !== 'function') {
    throw new ArgumentTypeError(`options.kernel must be a function (got ${typeof opts.kernel})`, {
      fn: FN,
      arg: 'options.kernel',
      expected: 'function',
      actual: typeof opts.kernel,
    });
  }
  const which = checkOneOf(
    FN,
    opts.get !== undefined ? 'options.get' : 'options.which',
    opts.get ?? opts.which ?? 'ntk',
    ['ntk', 'nngp'] as const,
  );
  const set = checkOptions(FN, opts.set, 'options.set');
  const kind = checkOneOf(FN, 'options.set.kind', set.kind, ['linf', 'l2', 'cap'] as const);
  const radius = checkNumber(FN, 'options.set.radius', set.radius, { min: 0 });
  const kindCode: KindCode = kind === 'linf' ? LINF : kind === 'l2' ? L2 : CAP;
  const tolerance = checkNumber(FN, 'options.tolerance', opts.tolerance ?? 1e-3, {
    min: 0,
    exclusiveMin: true,
  });
  const maxIterations = checkInteger(FN, 'options.maxIterations', opts.maxIterations ?? 50, 0);
  const initialPoints = checkInteger(FN, 'options.initialPoints', opts.initialPoints ?? 3, 1);
  const searchGrid = checkInteger(FN, 'options.searchGrid', opts.searchGrid ?? 401, 2);
  const maxAddPerSet = checkInteger(FN, 'options.maxAddPerSet', opts.maxAddPerSet ?? 2, 1);
  const restarts = checkInteger(FN, 'options.restarts', opts.restarts ?? 6, 1);
  const steps = checkInteger(FN, 'options.steps', opts.steps ?? 15, 0);
  const seed = checkInteger(FN, 'options.seed', opts.seed ?? 0, Number.MIN_SAFE_INTEGER);
  const certify: false | CertifyBudget =
    opts.certify === undefined || opts.certify === false
      ? false
      : opts.certify === true
        ? {}
        : checkOptions(FN, opts.certify, 'options.certify');
  if (opts.gradient !== undefined && typeof opts.gradient !== 'function') {
    throw new ArgumentTypeError(`options.gradient must be a function (got ${typeof opts.gradient})`, {
      fn: FN,
      arg: 'options.gradient',
      expected: 'function',
      actual: typeof opts.gradient,
    });
  }
  if (kind === 'cap') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += X.data[i * d + j] ** 2;
      if (Math.abs(Math.sqrt(s) - 1) > 1e-8) {
        throw new DomainError(
          `x must have unit-norm rows for a 'cap' set (got norm ${Math.sqrt(s)} in row ${i})`,
          {
            fn: FN,
            arg: 'x',
            actual: Math.sqrt(s),
            index: i,
          },
        );
      }
    }
  }
  const kernel = opts.kernel;
  const closedForm = kernel.inputGradient;
  const gradient: KernelExpansionGradient | undefined =
    opts.gradient ??
    (typeof closedForm === 'function'
      ? (p: Mat, c: Mat, coef: Float64Array) => closedForm.call(kernel, p, c, coef, { get: which })
      : undefined);
  const rng = createRng(seed);
  const tmp = new Float64Array(4 * d);
  const arcMode = kind === 'cap' && d === 2;

  // Do differently labelled sets intersect? (then no robust interpolant exists)
  let overlap = false;
  for (let i = 0; i < n && !overlap; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Y[i] !== Y[j] && setMetricDistance(kindCode, X.data, i * d, X.data, j * d, d) <= 2 * radius) {
        overlap = true;
        break;
      }
    }
  }

  // Growing list of constraint points.
  let cData: number[] = [];
  const cLabel: number[] = [];
  const cSet: number[] = [];
  const push = (p: ArrayLike<number>, off: number, setIdx: number) => {
    for (let j = 0; j < d; j++) cData.push(p[off + j]);
    cLabel.push(Y[setIdx]);
    cSet.push(setIdx);
  };
  const arcPoint = (i: number, t: number, out: Float64Array, off: number) => {
    const phi = Math.atan2(X.data[i * d + 1], X.data[i * d]) + t;
    out[off] = Math.cos(phi);
    out[off + 1] = Math.sin(phi);
  };
  const pt = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    push(X.data, i * d, i);
    if (radius === 0 || initialPoints < 2) continue;
    if (arcMode) {
      // evenly spaced grid of the arc, both ends included (a grid point at the centre is deduplicated)
      for (let g = 0; g < initialPoints; g++) {
        arcPoint(i, -radius + (2 * radius * g) / (initialPoints - 1), pt, 0);
        push(pt, 0, i);
      }
    } else {
      for (let g = 0; g < initialPoints - 1; g++) {
        samplePointRow(kindCode, radius, X.data, i * d, pt, 0, d, rng, tmp);
        push(pt, 0, i);
      }
    }
  }
  // Remove exact duplicates within a set (e.g. grid point at the centre).
  const dedupe = () => {
    const keep: number[] = [];
    const m = cLabel.length;
    for (let a = 0; a < m; a++) {
      let dup = false;
      for (const b of keep) {
        if (
          cSet[a] === cSet[b] &&
          setMetricDistance(
            L2,
            Float64Array.from(cData.slice(a * d, a * d + d)),
            0,
            Float64Array.from(cData.slice(b * d, b * d + d)),
            0,
            d,
          ) < 1e-12
        ) {
          dup = true;
          break;
        }
      }
      if (!dup) keep.push(a);
    }
    if (keep.length === m) return;
    cData = keep.flatMap((a) => cData.slice(a * d, a * d + d));
    const l = keep.map((a) => cLabel[a]);
    const s = keep.map((a) => cSet[a]);
    cLabel.length = 0;
    cSet.length = 0;
    cLabel.push(...l);
    cSet.push(...s);
  };
  dedupe();

  const history: RobustInterpolateStep[] = [];
  let alpha: Float64Array = new Float64Array(0);
  let centers: Mat = { rows: 0, cols: d, data: new Float64Array(0) };
  let rkhsNorm = Number.NaN;
  let jitterUsed = 0;
  let setViol: Float64Array = new Float64Array(n);
  const worst = new Float64Array(n * d);
  let maxViolation = Number.POSITIVE_INFINITY;
  let reason: RobustInterpolateResult['reason'] = 'max-iterations';
  let iterations = 0;
  let pdFailed = false;

  for (let iter = 0; ; iter++) {
    if (opts.signal?.aborted)
      throw new AbortError('options.signal must not be aborted (got an abort)', { fn: FN });
    const m = cLabel.length;
    const cand: Mat = { rows: m, cols: d, data: Float64Array.from(cData) };
    const K = kernel(cand)[which];
    const yC = Float64Array.from(cLabel);
    let newAlpha: Float64Array;
    try {
      const ch = cholesky(K, { jitter: 'auto', symmetryTol: 1e-8 });
      newAlpha = ch.solve(yC);
      jitterUsed = ch.jitterUsed;
      // A jittered factor of a singular Gram matrix can "solve" with garbage: the interpolation conditions
      // K·α = y must hold (relative residual ≤ RELATIVE_RESIDUAL_LIMIT), else the Gram matrix is singular.
      const yM: Mat = { rows: m, cols: 1, data: yC };
      const check = choleskyDiagnostics(K, ch.L, 0, { rows: m, cols: 1, data: newAlpha }, yM);
      if (!(check.relativeResidual <= RELATIVE_RESIDUAL_LIMIT)) {
        pdFailed = true;
        break;
      }
    } catch (e) {
      if (e instanceof NotPositiveDefiniteError) {
        pdFailed = true;
        break;
      }
      throw e;
    }
    alpha = newAlpha;
    centers = cand;
    let q = 0;
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let b = 0; b < m; b++) s += K.data[a * m + b] * alpha[b];
      q += alpha[a] * s;
    }
    rkhsNorm = Math.sqrt(Math.max(0, q));

    // Search every set for its worst points with the attack module.
    const current =
      opts.gradient === undefined && typeof closedForm === 'function'
        ? kernelPredictor(kernel as KernelFn, centers, alpha, { get: which })
        : makePredictor(kernel, which, centers, alpha, gradient);
    const found = searchWorstPoints(current, X, Y, {
      set: { kind, radius },
      kindCode,
      tolerance,
      maxAddPerSet,
      arcGrid: arcMode ? searchGrid : 0,
      restarts,
      steps,
      seed: seed + 7919 * iter,
    });
    setViol = found.setViolations;
    worst.set(found.worst);
    const additions = found.additions;
    maxViolation = setViol.reduce((a, b) => Math.max(a, b), 0);
    history.push({ iteration: iter, centers: m, maxViolation, rkhsNorm });
    if (maxViolation <= tolerance) {
      reason = 'converged';
      break;
    }
    if (iter >= maxIterations) break;
    let added = 0;
    for (const list of additions) {
      for (const a of list) {
        // skip points that coincide with an existing constraint of the same set
        let dup = false;
        for (let c = 0; c < cLabel.length && !dup; c++) {
          if (cSet[c] !== a.set) continue;
          let s = 0;
          for (let j = 0; j < d; j++) s += (cData[c * d + j] - a.point[j]) ** 2;
          if (Math.sqrt(s) < 1e-10) dup = true;
        }
        if (dup) continue;
        push(a.point, 0, a.set);
        added++;
      }
    }
    iterations++;
    if (added === 0) break;
  }
  const converged = reason === 'converged' && !overlap && !pdFailed;
  if (overlap) reason = 'sets-overlap';
  else if (pdFailed) reason = 'not-positive-definite';
  const m = alpha.length;
  const predictor =
    opts.gradient === undefined && typeof closedForm === 'function' && m > 0
      ? kernelPredictor(kernel as KernelFn, centers, alpha, { get: which })
      : makePredictor(kernel, which, centers, alpha, gradient);
  let certified: CertifiedSupError | undefined;
  if (certify !== false) {
    if (!('boundOutput' in predictor) || (predictor as KernelPredictor).spec === undefined) {
      throw new ArgumentTypeError(
        'options.kernel must be a toolkit kernel (with spec and inputGradient) for options.certify (got a user kernel)',
        { fn: FN, arg: 'options.certify' },
      );
    }
    const fWorst = predictor.predict({ rows: n, cols: d, data: worst });
    certified = certifySupError(predictor as KernelPredictor, X, Y, { kind, radius }, fWorst, {
      ...certify,
      ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
    });
  }
  return {
    alpha,
    centers,
    centerLabels: Float64Array.from(cLabel.slice(0, m)),
    centerSet: Int32Array.from(cSet.slice(0, m)),
    rkhsNorm,
    converged,
    reason,
    iterations,
    maxViolation,
    setViolations: setViol,
    worstPoints: { rows: n, cols: d, data: worst },
    jitterUsed,
    history,
    predictor,
    ...(certified !== undefined
      ? {
          certifiedViolation: certified.max,
          certifiedSetViolations: certified.setBounds,
          verified: converged && certified.max <= tolerance,
        }
      : {}),
  };
}
