import {
  AbortError,
  ArgumentTypeError,
  DomainError,
  NotPositiveDefiniteError,
  ShapeError,
} from '../errors.ts';
import { checkInteger, checkNumber, checkOneOf, checkOptions } from '../internal/assert.ts';
import { cholesky } from '../linalg/cholesky.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import { createRng } from '../random/rng.ts';
import { choleskyDiagnostics, RELATIVE_RESIDUAL_LIMIT } from '../regression/solveDiagnostics.ts';
import type { DifferentiableModel, KernelPair, Mat, MatLike, VecLike } from '../types.ts';
import { ascentStep, projectInto, type RobustSet, samplePoint, setDistance } from './robustSetGeometry.ts';

/**
 * A kernel function in the `fcReluKernel` / `twoLayerNtk` shape: `x2` omitted means `x2 = x1`. When it also
 * has the closed-form `inputGradient(x, z, alpha, { get })` of the toolkit's kernels, that gradient is used.
 */
export type KernelFunction = ((x1: Mat, x2?: Mat) => KernelPair) & {
  readonly inputGradient?: (
    x: Mat,
    z: Mat,
    alpha?: Float64Array | null,
    options?: { readonly get?: 'nngp' | 'ntk' },
  ) => Mat;
};

/**
 * Closed-form input gradient of a kernel expansion: row i of the result is
 * ∂/∂x_i Σ_j coef_j k(x_i, c_j), shape [x.rows, d].
 */
export type KernelExpansionGradient = (x: Mat, centers: Mat, coef: Float64Array) => Mat;

/** Options of {@link robustInterpolate}. */
export interface RobustInterpolateOptions {
  /** The kernel function, e.g. `fcReluKernel({ depth: 1, bStd: 1 })`. */
  readonly kernel: KernelFunction;
  /** Which kernel of the pair to interpolate with. @defaultValue 'ntk' */
  readonly which?: 'ntk' | 'nngp';
  /** The perturbation set around every input (`cap` needs unit-norm rows). */
  readonly set: RobustSet;
  /** Target for the sup error max_i sup_{x' ∈ B(x_i)} |f(x') − y_i|. @defaultValue 1e-3 */
  readonly tolerance?: number;
  /** Maximal number of exchange rounds (each adds worst-case points and refits). @defaultValue 50 */
  readonly maxIterations?: number;
  /**
   * Initial points per set: the centre x_i, plus for `cap` sets in d = 2 an evenly spaced arc grid of this
   * many points (both ends included; with an odd count the middle one is the centre itself), otherwise
   * this many − 1 random points of the set.
   * @defaultValue 3
   */
  readonly initialPoints?: number;
  /** Points per arc of the dense search grid for `cap` sets in d = 2 (exact search). @defaultValue 401 */
  readonly searchGrid?: number;
  /** Most points added per set per round. @defaultValue 2 */
  readonly maxAddPerSet?: number;
  /** Search by gradient ascent (all kinds except d = 2 caps): random starts per set. @defaultValue 6 */
  readonly restarts?: number;
  /** Gradient-ascent steps per start. @defaultValue 15 */
  readonly steps?: number;
  /**
   * Input gradient of the expansion. Default: `kernel.inputGradient` when the kernel has one (the toolkit's
   * kernels do), else central finite differences of `kernel` (step 1e-6·max(1, |x|)).
   */
  readonly gradient?: KernelExpansionGradient;
  /** Seed for the random starts and samples. @defaultValue 0 */
  readonly seed?: number;
  /** Cancels the iteration between rounds. */
  readonly signal?: AbortSignal;
}

/** One exchange round. */
export interface RobustInterpolateStep {
  readonly iteration: number;
  readonly centers: number;
  readonly maxViolation: number;
  readonly rkhsNorm: number;
}

/** Result of {@link robustInterpolate}. */
export interface RobustInterpolateResult {
  /** Coefficients of f = Σ_j α_j k(·, c_j), length m. */
  readonly alpha: Float64Array;
  /** The interpolation points c_j, shape [m, d]. */
  readonly centers: Mat;
  /** Target value of each centre (the label of its set), length m. */
  readonly centerLabels: Float64Array;
  /** Index of the set (input row) each centre belongs to, length m. */
  readonly centerSet: Int32Array;
  /** √(αᵀKα): the RKHS norm of f (the kernel analogue of the distance from initialisation). */
  readonly rkhsNorm: number;
  /** True iff the sup error found is ≤ tolerance. */
  readonly converged: boolean;
  /** Why the iteration stopped. */
  readonly reason: 'converged' | 'max-iterations' | 'sets-overlap' | 'not-positive-definite';
  /** Exchange rounds performed. */
  readonly iterations: number;
  /** Largest |f(x') − y_i| found over all sets (exact on d = 2 arcs up to the grid; an attack's lower bound otherwise). */
  readonly maxViolation: number;
  /** Worst |f(x') − y_i| found per set, length n. */
  readonly setViolations: Float64Array;
  /** The worst point found per set, shape [n, d]. */
  readonly worstPoints: Mat;
  /** Diagonal jitter the Cholesky factorisation needed (0 if none). */
  readonly jitterUsed: number;
  /** Per-round progress. */
  readonly history: readonly RobustInterpolateStep[];
  /** f as a model the attacks and robust-loss estimators accept. */
  readonly predictor: DifferentiableModel;
}

const FN = 'robustInterpolate';

/** f(x) = K(x, C)·α, shape [x.rows]. */
function expansion(kernel: KernelFunction, which: 'ntk' | 'nngp', x: Mat, centers: Mat, alpha: Float64Array) {
  if (centers.rows === 0) return new Float64Array(x.rows);
  const k = kernel(x, centers)[which];
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    const o = i * k.cols;
    for (let j = 0; j < k.cols; j++) s += k.data[o + j] * alpha[j];
    out[i] = s;
  }
  return out;
}

/** Central finite differences of the expansion in x (one batched kernel call). */
function fdGradient(
  kernel: KernelFunction,
  which: 'ntk' | 'nngp',
  x: Mat,
  centers: Mat,
  alpha: Float64Array,
): Mat {
  const { rows: n, cols: d } = x;
  const pert = new Float64Array(2 * n * d * d);
  const hs = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x.data[i * d + j];
      const h = 1e-6 * Math.max(1, Math.abs(v));
      hs[i * d + j] = h;
      for (const [s, sign] of [
        [0, 1],
        [1, -1],
      ] as const) {
        const r = ((i * d + j) * 2 + s) * d;
        pert.set(x.data.subarray(i * d, i * d + d), r);
        pert[r + j] = v + sign * h;
      }
    }
  }
  const f = expansion(kernel, which, { rows: 2 * n * d, cols: d, data: pert }, centers, alpha);
  const g = new Float64Array(n * d);
  for (let q = 0; q < n * d; q++) g[q] = (f[2 * q] - f[2 * q + 1]) / (2 * hs[q]);
  return { rows: n, cols: d, data: g };
}

function makePredictor(
  kernel: KernelFunction,
  which: 'ntk' | 'nngp',
  centers: Mat,
  alpha: Float64Array,
  gradient: KernelExpansionGradient | undefined,
): DifferentiableModel {
  const d = centers.cols;
  const checkX = (x: Mat | MatLike, fn: string): Mat => {
    const m = toMat(x, fn, 'x');
    if (m.cols !== d) {
      throw new ShapeError(`x must have ${d} columns (got ${m.cols})`, {
        fn,
        arg: 'x',
        expected: d,
        actual: m.cols,
      });
    }
    return m;
  };
  return {
    inputDim: d,
    predict(x: Mat): Float64Array {
      return expansion(kernel, which, checkX(x, 'robustInterpolate.predictor.predict'), centers, alpha);
    },
    inputGradient(x: Mat, upstream?: Float64Array): Mat {
      const fn = 'robustInterpolate.predictor.inputGradient';
      const m = checkX(x, fn);
      const g = gradient ? gradient(m, centers, alpha) : fdGradient(kernel, which, m, centers, alpha);
      if (upstream === undefined) return g;
      const u = toVec(upstream, fn, 'upstream');
      if (u.length !== m.rows) {
        throw new ShapeError(`upstream must have length ${m.rows} (got ${u.length})`, {
          fn,
          arg: 'upstream',
          expected: m.rows,
          actual: u.length,
        });
      }
      const out = new Float64Array(g.data.length);
      for (let i = 0; i < m.rows; i++) for (let j = 0; j < d; j++) out[i * d + j] = u[i] * g.data[i * d + j];
      return { rows: m.rows, cols: d, data: out };
    },
  };
}

/**
 * Robust kernel interpolation: a function f in the RKHS of a kernel that fits y_i on the whole perturbation
 * set B(x_i), found by an exchange (cutting-plane) method. Start from the centres x_i (plus a few points of
 * each set), interpolate the current points exactly (Cholesky, α = K⁻¹y_C), search every set for the point
 * where |f(x') − y_i| is largest, add the worst points as new interpolation constraints, and repeat until the
 * sup error is below `tolerance`.
 *
 * Numerics: for spherical caps in d = 2 (arcs) the search evaluates a dense grid of every arc, which is exact
 * up to the grid spacing; otherwise it runs projected gradient ascent on (f(x') − y_i)² with random starts,
 * whose result is a lower bound on the true sup (the reported `maxViolation` is then what the attack found).
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
  const which = checkOneOf(FN, 'options.which', opts.which ?? 'ntk', ['ntk', 'nngp'] as const);
  const set = checkOptions(FN, opts.set, 'options.set');
  const kind = checkOneOf(FN, 'options.set.kind', set.kind, ['linf', 'l2', 'cap'] as const);
  const radius = checkNumber(FN, 'options.set.radius', set.radius, { min: 0 });
  const geom: RobustSet = { kind, radius };
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
  const tmp = new Float64Array(3 * d);
  const arcMode = kind === 'cap' && d === 2;

  // Do differently labelled sets intersect? (then no robust interpolant exists)
  let overlap = false;
  for (let i = 0; i < n && !overlap; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Y[i] !== Y[j] && setDistance(kind, X.data, i * d, X.data, j * d, d) <= 2 * radius) {
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
        samplePoint(geom, X.data, i * d, d, rng, pt, 0, tmp);
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
          setDistance(
            'l2',
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
  let setViol = new Float64Array(n);
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

    // Search every set for its worst points.
    setViol = new Float64Array(n);
    const additions: { set: number; point: Float64Array; v: number }[][] = Array.from(
      { length: n },
      () => [],
    );
    if (radius === 0) {
      const f = expansion(kernel, which, X, centers, alpha);
      for (let i = 0; i < n; i++) {
        setViol[i] = Math.abs(f[i] - Y[i]);
        worst.set(X.data.subarray(i * d, i * d + d), i * d);
      }
    } else if (arcMode) {
      const G = searchGrid;
      const P = new Float64Array(n * G * 2);
      for (let i = 0; i < n; i++)
        for (let g = 0; g < G; g++) arcPoint(i, -radius + (2 * radius * g) / (G - 1), P, (i * G + g) * 2);
      const f = expansion(kernel, which, { rows: n * G, cols: 2, data: P }, centers, alpha);
      for (let i = 0; i < n; i++) {
        const v = (g: number) => Math.abs(f[i * G + g] - Y[i]);
        let best = 0;
        for (let g = 1; g < G; g++) if (v(g) > v(best)) best = g;
        setViol[i] = v(best);
        worst.set(P.subarray((i * G + best) * 2, (i * G + best) * 2 + 2), i * 2);
        const peaks: number[] = [];
        for (let g = 0; g < G; g++) {
          const left = g === 0 ? -1 : v(g - 1);
          const right = g === G - 1 ? -1 : v(g + 1);
          if (v(g) > tolerance && v(g) >= left && v(g) >= right) peaks.push(g);
        }
        peaks.sort((a, b) => v(b) - v(a));
        for (const g of peaks.slice(0, maxAddPerSet)) {
          additions[i].push({ set: i, point: P.slice((i * G + g) * 2, (i * G + g) * 2 + 2), v: v(g) });
        }
      }
    } else {
      // Projected gradient ascent on (f(x') − y_i)² from random starts (the first start is the centre).
      const R = restarts;
      const N = n * R;
      const P = new Float64Array(N * d);
      for (let i = 0; i < n; i++) {
        for (let r = 0; r < R; r++) {
          const off = (i * R + r) * d;
          if (r === 0) P.set(X.data.subarray(i * d, i * d + d), off);
          else samplePoint(geom, X.data, i * d, d, rng, P, off, tmp);
        }
      }
      const bestP = P.slice();
      const bestV = new Float64Array(N).fill(-1);
      const stepLen = (2.5 * radius) / Math.max(1, steps);
      const pm: Mat = { rows: N, cols: d, data: P };
      for (let s = 0; s <= steps; s++) {
        const f = expansion(kernel, which, pm, centers, alpha);
        for (let k = 0; k < N; k++) {
          const v = Math.abs(f[k] - Y[Math.floor(k / R)]);
          if (v > bestV[k]) {
            bestV[k] = v;
            bestP.set(P.subarray(k * d, k * d + d), k * d);
          }
        }
        if (s === steps) break;
        const g = gradient ? gradient(pm, centers, alpha) : fdGradient(kernel, which, pm, centers, alpha);
        const scale = 1 - s / (steps + 1);
        for (let k = 0; k < N; k++) {
          const i = Math.floor(k / R);
          const sgn = f[k] - Y[i];
          for (let j = 0; j < d; j++) g.data[k * d + j] *= sgn;
          ascentStep(geom, P, k * d, g.data, k * d, d, stepLen * scale, tmp);
          projectInto(geom, X.data, i * d, P, k * d, d, tmp);
        }
      }
      for (let i = 0; i < n; i++) {
        const order = Array.from({ length: R }, (_, r) => i * R + r).sort((a, b) => bestV[b] - bestV[a]);
        setViol[i] = bestV[order[0]];
        worst.set(bestP.subarray(order[0] * d, order[0] * d + d), i * d);
        for (const k of order) {
          if (bestV[k] <= tolerance || additions[i].length >= maxAddPerSet) break;
          const p = bestP.slice(k * d, k * d + d);
          if (additions[i].every((a) => setDistance(kind, a.point, 0, p, 0, d) > radius / 4)) {
            additions[i].push({ set: i, point: p, v: bestV[k] });
          }
        }
      }
    }
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
    predictor: makePredictor(kernel, which, centers, alpha, gradient),
  };
}
