/**
 * The comparator of the convergence theorem: the minimiser of the linearised robust loss over the ball
 * around initialisation, with a certified lower bound on the minimum.
 * @packageDocumentation
 */
import { prepareAttack } from '../attacks/prepareAttack.ts';
import { CAP } from '../attacks/setGeometry.ts';
import type { PerturbationSet } from '../attacks/types.ts';
import { DomainError, ShapeError } from '../errors.ts';
import { checkInteger, checkNumber, checkOneOf, checkOptions } from '../internal/assert.ts';
import { dgemm } from '../linalg/blas.ts';
import { eighUnchecked } from '../linalg/eigh.ts';
import { toVec } from '../linalg/mat.ts';
import { checkTrainable, jacobian } from '../nn/jacobian.ts';
import { type Loss, loss as lossByName } from '../nn/loss.ts';
import { checkSignLabels } from '../nn/projectedGradientLoop.ts';
import { projectToBallUnchecked } from '../nn/projectToBall.ts';
import type { MatLike, TrainableModel, VecLike } from '../types.ts';

/** Options of {@link minimizeLinearizedRobustLoss}. */
export interface MinimizeLinearizedRobustLossOptions {
  /** The perturbation set: a cap `{ kind: 'cap', radius: ρ }` (d = 2, unit rows). */
  readonly set: PerturbationSet;
  /** R: the radius of the ball B(W₀, R) (Frobenius norm of the single trained layer). */
  readonly ballRadius: number;
  /** The loss. @defaultValue `'logistic'` */
  readonly loss?: 'logistic' | 'square';
  /** Grid points per arc (both ends included, integer ≥ 2). @defaultValue 41 */
  readonly gridPoints?: number;
  /** Accelerated-gradient iterations (integer ≥ 1). @defaultValue 3000 */
  readonly iterations?: number;
  /** W₀, the linearisation point and centre of the ball. @defaultValue `model.params` */
  readonly center?: Float64Array;
}

/** Result of {@link minimizeLinearizedRobustLoss}. */
export interface MinimizeLinearizedRobustLossResult {
  /** A clone of the model with parameters W′_lin (the comparator), ‖W′ − W₀‖_F ≤ R. */
  readonly model: TrainableModel;
  /** W′_lin (the comparator's parameters). */
  readonly params: Float64Array;
  /** F_G(W′): the grid-discretised linearised robust loss at W′ (a lower estimate of L*_lin(W′)). */
  readonly value: number;
  /** Certified: lowerBound ≤ min_{W∈B(W₀,R)} F_G(W) ≤ min_{W∈B(W₀,R)} L*_lin(W). */
  readonly lowerBound: number;
  /** value − lowerBound ≥ 0: W′ is optimal for the grid problem up to this gap. */
  readonly gap: number;
  /**
   * Proven bound on sup_{W∈B(W₀,R)} [L*_lin(W) − F_G(W)] (the grid's discretisation error of the continuous
   * inner maximum), for a softplus `twoLayerNet` with `train: 'first'` and the logistic loss; +∞ otherwise.
   * Hence min_B L*_lin ∈ [lowerBound, value + discretisation].
   */
  readonly discretisation: number;
  /** ‖W′ − W₀‖_F. */
  readonly distance: number;
  /** Number of grid points per arc and in total (n·gridPoints). */
  readonly gridPoints: number;
}

/** Rounding margin on the certified lower bound (relative; float64 sums of a few thousand terms). */
const LB_MARGIN = 1e-10;

/**
 * Minimises the convex linearised robust loss of a model around W₀ over the ball B(W₀, R), for caps on the
 * circle (d = 2):
 *
 * L*_lin(W) = (1/n) Σ_i max_{x′∈B(x_i)} ℓ(f(W₀, x′) + ⟨∇_W f(W₀, x′), W − W₀⟩, y_i),
 *
 * a maximum of convex functions of an affine map of W, hence convex. It is the comparator W′_lin of the
 * convergence theorem of Gao et al. (2019): an independent, near-optimal point of the ball that does not
 * come from adversarial training.
 *
 * Method. The inner maximum is taken over G evenly spaced angles of each arc (the grid problem F_G ≤
 * L*_lin). With J the Jacobian at the N = nG grid points, F_G depends on W only through J(W − W₀), so the
 * minimiser lies in the row space of J; with J Jᵀ = U Λ Uᵀ the problem becomes min_{‖z‖≤R} F(f₀ + U Λ^{1/2} z),
 * solved by accelerated projected gradient (FISTA, backtracking) on the log-sum-exp smoothing of the
 * maxima, with the temperature lowered from 0.1 to 1e-4 in stages. W′ = W₀ + Jᵀ U Λ^{-1/2} z, projected
 * exactly onto the ball; its value is recomputed in parameter space.
 *
 * Certificate. For any per-sample weights p_i in the simplex over the grid (here the soft-max weights at
 * W′ for several temperatures, and the arg-max), convexity gives for every W in the ball
 * F_G(W) ≥ A + ⟨g, W − W′⟩ ≥ A − ⟨g, W′ − W₀⟩ − R‖g‖, with A = (1/n)Σ_i Σ_k p_ik ℓ_ik(W′) and
 * g = (1/n)Σ_i Σ_k p_ik ℓ′_ik(W′) ∇_W f(W₀, x_ik); the largest such bound, lowered by a relative 1e-10 for
 * rounding, is `lowerBound`. It is valid for the continuous problem too, since F_G ≤ L*_lin.
 *
 * Discretisation. For a softplus two-layer net (first layer trained, logistic loss) the angular slope of
 * ℓ(f_lin(W, x(φ))) is at most K = m^{-1/2}[Σ_r |a_r|‖w_r‖ + R(‖a‖₂ + β max|a_r| ‖W₀‖_F)] with β = 1/4
 * (σ′ ≤ 1, |σ″| ≤ 1/4, the tangent is a unit vector, |ℓ′| ≤ 1), so the continuous maximum exceeds the
 * grid maximum by at most K h/2, h = 2ρ/(G − 1).
 *
 * @param model - a `TrainableModel` with one trained layer and `inputDim = 2` (e.g. `twoLayerNet`); not modified
 * @param x - unit inputs, shape [n, 2]
 * @param y - labels, shape [n] (±1 for logistic)
 * @param options - `set`, `ballRadius` (required), `loss`, `gridPoints`, `iterations`, `center`
 * @returns `{ model, params, value, lowerBound, gap, discretisation, distance, gridPoints }`
 * @throws {@link ShapeError} if x.cols ≠ 2 or ≠ model.inputDim, y.length ≠ n, or center has the wrong length
 * @throws {@link DomainError} for a set that is not a cap, R < 0, gridPoints < 2, iterations < 1, a model
 *   with more than one trained layer, non-unit rows, an unsupported loss, or labels not in {−1, +1} (logistic)
 * @throws {@link NonFiniteError} for NaN/±Infinity in x, y or center
 * @example
 * const net = twoLayerNet({ inputDim: 2, width: 16, activation: 'softplus', init: 'symmetric', seed: 1 });
 * const r = minimizeLinearizedRobustLoss(net, [[1, 0], [-1, 0]], [1, -1], {
 *   set: { kind: 'cap', radius: 0.2 }, ballRadius: 1, iterations: 500,
 * });
 * r.lowerBound <= r.value; // true
 * r.value < Math.log(2); // true
 * r.distance <= 1; // true
 * @see R. Gao et al. (2019) "Convergence of Adversarial Training in Overparametrized Neural Networks", NeurIPS, arXiv:1906.07916
 * @see A. Beck, M. Teboulle (2009) "A Fast Iterative Shrinkage-Thresholding Algorithm for Linear Inverse Problems" (FISTA)
 * @remarks Since 0.2.0
 */
export function minimizeLinearizedRobustLoss(
  model: TrainableModel,
  x: MatLike,
  y: VecLike,
  options: MinimizeLinearizedRobustLossOptions,
): MinimizeLinearizedRobustLossResult {
  const fn = 'minimizeLinearizedRobustLoss';
  const base = checkTrainable(fn, model);
  const o = checkOptions(fn, options);
  const lossName = checkOneOf(fn, 'options.loss', o.loss ?? 'logistic', ['logistic', 'square'] as const);
  const prep = prepareAttack(fn, base, x, y, { set: o.set, loss: lossName });
  if (prep.kind !== CAP) {
    throw new DomainError(`options.set.kind must be 'cap' (got '${o.set.kind}')`, {
      fn,
      arg: 'options.set.kind',
    });
  }
  const xm = prep.x;
  const yv = prep.y;
  if (xm.cols !== 2) {
    throw new ShapeError(`x must have 2 columns (caps on the circle) (got ${xm.cols})`, {
      fn,
      arg: 'x',
      expected: 2,
      actual: xm.cols,
    });
  }
  checkSignLabels(fn, lossName, yv);
  const R = checkNumber(fn, 'options.ballRadius', o.ballRadius, { min: 0 });
  const G = checkInteger(fn, 'options.gridPoints', o.gridPoints ?? 41, 2);
  const iterations = checkInteger(fn, 'options.iterations', o.iterations ?? 3000, 1);
  if (base.layers.length !== 1) {
    throw new DomainError(
      `model must have exactly one trained layer (the ball is a single Frobenius ball) (got ${base.layers.length})`,
      { fn, arg: 'model.layers' },
    );
  }
  const net0 = base.clone();
  const P = net0.params.length;
  if (o.center !== undefined) {
    const c = toVec(o.center, fn, 'options.center');
    if (c.length !== P) {
      throw new ShapeError(`options.center must have length ${P} (got ${c.length})`, {
        fn,
        arg: 'options.center',
        expected: P,
        actual: c.length,
      });
    }
    net0.params.set(c);
  }
  const w0 = net0.params.slice();
  const lossFn = lossByName(lossName);
  const n = xm.rows;
  const N = n * G;
  const rho = Math.min(prep.rho, Math.PI);

  // Grid of every arc and the linearisation there: f₀ = f(W₀, x_j), J = ∂f(W₀, x_j)/∂W.
  const grid = new Float64Array(2 * N);
  for (let i = 0; i < n; i++) {
    const theta = Math.atan2(xm.data[2 * i + 1], xm.data[2 * i]);
    for (let k = 0; k < G; k++) {
      const phi = theta + rho * ((2 * k - (G - 1)) / (G - 1));
      grid[2 * (i * G + k)] = Math.cos(phi);
      grid[2 * (i * G + k) + 1] = Math.sin(phi);
    }
  }
  const gridMat = { rows: N, cols: 2, data: grid };
  const f0 = net0.predict(gridMat);
  const J = jacobian(net0, gridMat).data;
  const K = new Float64Array(N * N);
  dgemm(false, true, N, N, P, 1, J, 0, P, J, 0, P, 0, K, 0, N);
  for (let a = 0; a < N; a++) for (let b = a + 1; b < N; b++) K[b * N + a] = K[a * N + b];

  // Orthonormal coordinates of the row space of J: B = U_p Λ_p^{1/2} (N × p), kept λ > 1e-12 λ_max.
  const eig = eighUnchecked({ rows: N, cols: N, data: K });
  const lmax = Math.max(eig.values[N - 1], 0);
  const keep: number[] = [];
  for (let j = N - 1; j >= 0; j--) if (eig.values[j] > 1e-12 * lmax && lmax > 0) keep.push(j);
  const p = keep.length;
  const B = new Float64Array(N * p);
  for (let a = 0; a < N; a++)
    for (let c = 0; c < p; c++)
      B[a * p + c] = eig.vectors.data[a * N + keep[c]] * Math.sqrt(eig.values[keep[c]]);

  // Smoothed objective F_τ(z) = (1/n) Σ_i τ log Σ_k exp(ℓ_ik/τ) and its gradient.
  const s = new Float64Array(N);
  const up = new Float64Array(N);
  const lv = new Float64Array(N);
  const predictOn = (z: Float64Array): void => {
    for (let a = 0; a < N; a++) {
      let t = f0[a];
      for (let c = 0; c < p; c++) t += B[a * p + c] * z[c];
      s[a] = t;
    }
  };
  const smoothed = (z: Float64Array, tau: number, grad: Float64Array | null): number => {
    predictOn(z);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let mx = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < G; k++) {
        const l = lossFn.value(s[i * G + k], yv[i]);
        lv[i * G + k] = l;
        if (l > mx) mx = l;
      }
      let se = 0;
      for (let k = 0; k < G; k++) se += Math.exp((lv[i * G + k] - mx) / tau);
      total += mx + tau * Math.log(se);
      if (grad !== null) {
        for (let k = 0; k < G; k++) {
          const a = i * G + k;
          up[a] = (Math.exp((lv[a] - mx) / tau) / se) * lossFn.derivative(s[a], yv[i]);
        }
      }
    }
    if (grad !== null) {
      grad.fill(0);
      for (let a = 0; a < N; a++) {
        const u = up[a] / n;
        if (u !== 0) for (let c = 0; c < p; c++) grad[c] += u * B[a * p + c];
      }
    }
    return total / n;
  };
  const project = (z: Float64Array): void => {
    let nn = 0;
    for (let c = 0; c < p; c++) nn += z[c] * z[c];
    const norm = Math.sqrt(nn);
    if (norm > R) for (let c = 0; c < p; c++) z[c] *= R / norm;
  };

  // FISTA with backtracking, in temperature stages (warm started).
  const z = new Float64Array(p);
  const zPrev = new Float64Array(p);
  const v = new Float64Array(p);
  const gv = new Float64Array(p);
  const zNew = new Float64Array(p);
  const taus = [0.1, 0.03, 0.01, 3e-3, 1e-3, 3e-4, 1e-4];
  const perStage = Math.max(1, Math.ceil(iterations / taus.length));
  let L = 1;
  for (const tau of taus) {
    v.set(z);
    zPrev.set(z);
    let tk = 1;
    L = Math.max(L / 4, 1e-8);
    for (let it = 0; it < perStage; it++) {
      const fv = smoothed(v, tau, gv);
      for (;;) {
        for (let c = 0; c < p; c++) zNew[c] = v[c] - gv[c] / L;
        project(zNew);
        const fz = smoothed(zNew, tau, null);
        let lin = 0;
        let sq = 0;
        for (let c = 0; c < p; c++) {
          const dlt = zNew[c] - v[c];
          lin += gv[c] * dlt;
          sq += dlt * dlt;
        }
        if (fz <= fv + lin + (L / 2) * sq + 1e-15 * (1 + Math.abs(fv)) || L > 1e15) break;
        L *= 2;
      }
      const tNext = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
      for (let c = 0; c < p; c++) {
        v[c] = zNew[c] + ((tk - 1) / tNext) * (zNew[c] - z[c]);
        zPrev[c] = z[c];
        z[c] = zNew[c];
      }
      tk = tNext;
    }
  }

  // W′ = W₀ + Jᵀ c, c = U_p Λ_p^{-1/2} z = B Λ_p^{-1} z; projected exactly onto the ball.
  const cvec = new Float64Array(N);
  for (let a = 0; a < N; a++) {
    let t = 0;
    for (let c = 0; c < p; c++) t += (B[a * p + c] / eig.values[keep[c]]) * z[c];
    cvec[a] = t;
  }
  const wPrime = w0.slice();
  for (let a = 0; a < N; a++) {
    const ca = cvec[a];
    if (ca !== 0) for (let q = 0; q < P; q++) wPrime[q] += ca * J[a * P + q];
  }
  projectToBallUnchecked(wPrime, w0, net0.layers, R);
  const delta = new Float64Array(P);
  let dist2 = 0;
  for (let q = 0; q < P; q++) {
    delta[q] = wPrime[q] - w0[q];
    dist2 += delta[q] * delta[q];
  }
  // Everything below is recomputed in parameter space at W′.
  for (let a = 0; a < N; a++) {
    let t = 0;
    for (let q = 0; q < P; q++) t += J[a * P + q] * delta[q];
    s[a] = f0[a] + t;
  }
  const value = gridObjective(s, yv, n, G, lossFn);
  let lowerBound = Number.NEGATIVE_INFINITY;
  const g = new Float64Array(P);
  for (const tau of [0, 1e-4, 1e-3, 1e-2]) {
    let A = 0;
    let us = 0;
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let mx = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let k = 0; k < G; k++) {
        const l = lossFn.value(s[i * G + k], yv[i]);
        lv[i * G + k] = l;
        if (l > mx) {
          mx = l;
          arg = k;
        }
      }
      let se = 0;
      for (let k = 0; k < G; k++)
        se += tau === 0 ? (k === arg ? 1 : 0) : Math.exp((lv[i * G + k] - mx) / tau);
      for (let k = 0; k < G; k++) {
        const a = i * G + k;
        const w = (tau === 0 ? (k === arg ? 1 : 0) : Math.exp((lv[a] - mx) / tau)) / se;
        if (w === 0) continue;
        const u = (w * lossFn.derivative(s[a], yv[i])) / n;
        A += (w * lv[a]) / n;
        us += u * (s[a] - f0[a]);
        for (let q = 0; q < P; q++) g[q] += u * J[a * P + q];
      }
    }
    let gg = 0;
    for (let q = 0; q < P; q++) gg += g[q] * g[q];
    const lb = A - us - R * Math.sqrt(gg);
    if (lb > lowerBound) lowerBound = lb;
  }
  lowerBound -= LB_MARGIN * (1 + Math.abs(lowerBound));
  const out = net0.clone();
  out.params.set(wPrime);
  return {
    model: out,
    params: wPrime,
    value,
    lowerBound,
    gap: value - lowerBound,
    discretisation: discretisationBound(net0, lossName, R, rho, G),
    distance: Math.sqrt(dist2),
    gridPoints: G,
  };
}

/** (1/n) Σ_i max_k ℓ(s_ik, y_i). */
function gridObjective(s: Float64Array, y: Float64Array, n: number, G: number, lossFn: Loss): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let mx = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < G; k++) mx = Math.max(mx, lossFn.value(s[i * G + k], y[i]));
    total += mx;
  }
  return total / n;
}

/** K h/2 for a softplus twoLayerNet with W trained and the logistic loss (see the TSDoc); +∞ otherwise. */
function discretisationBound(
  net: TrainableModel,
  lossName: 'logistic' | 'square',
  R: number,
  rho: number,
  G: number,
): number {
  const t = net as TrainableModel & {
    kind?: string;
    activation?: string;
    train?: string;
    width?: number;
    a?: Float64Array;
  };
  if (t.kind !== 'twoLayer' || t.activation !== 'softplus' || t.train !== 'first' || lossName !== 'logistic')
    return Number.POSITIVE_INFINITY;
  const m = t.width ?? 0;
  const a = t.a ?? new Float64Array(0);
  const d = net.inputDim;
  const w = net.params;
  const norm = (r: number): number => {
    let nr = 0;
    for (let j = 0; j < d; j++) nr += w[r * d + j] ** 2;
    return Math.sqrt(nr);
  };
  let a2 = 0;
  let amax = 0;
  let w2 = 0;
  for (let r = 0; r < m; r++) {
    const nr = norm(r);
    w2 += nr * nr;
    a2 += a[r] * a[r];
    amax = Math.max(amax, Math.abs(a[r]));
  }
  // |d f(W₀, x(φ))/dφ| ≤ m^{-1/2} Σ_r |a_r|‖w_r‖, with neurons r and r + m/2 grouped when their weights are
  // equal (the symmetric initialisation): the pair contributes |a_r + a_{r+m/2}|‖w_r‖ (0 for opposite a).
  const half = Math.floor(m / 2);
  let sumAw = m % 2 === 1 ? Math.abs(a[m - 1]) * norm(m - 1) : 0;
  for (let r = 0; r < half; r++) {
    let same = true;
    for (let j = 0; j < d && same; j++) same = w[r * d + j] === w[(r + half) * d + j];
    sumAw += same
      ? Math.abs(a[r] + a[r + half]) * norm(r)
      : Math.abs(a[r]) * norm(r) + Math.abs(a[r + half]) * norm(r + half);
  }
  const K = (sumAw + R * (Math.sqrt(a2) + 0.25 * amax * Math.sqrt(w2))) / Math.sqrt(m);
  const h = (2 * rho) / (G - 1);
  return ((K * h) / 2) * (1 + 1e-12);
}
