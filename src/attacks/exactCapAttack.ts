import { ShapeError } from '../errors.ts';
import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
import type { LossName } from '../nn/loss.ts';
import type { DifferentiableModel, MatLike, VecLike } from '../types.ts';
import { finishResult } from './attackLoop.ts';
import { prepareAttack } from './prepareAttack.ts';
import type { AttackResult, AttackTargets } from './types.ts';

/** Options of {@link exactCapAttack}. */
export interface ExactCapAttackOptions {
  /**
   * What `y` holds: `'labels'` — classification labels, each exactly −1 or +1 (every loss here is the
   * paper's classification loss; anything else is a {@link DomainError} naming the entry); `'real'` — real
   * regression targets, allowed with the square loss only.
   * @defaultValue 'labels'
   */
  readonly targets?: AttackTargets;

  /** Cap half-width ρ in radians (≥ 0). */
  readonly radius: number;
  /**
   * Grid points per arc, evenly spaced over [θᵢ − ρ, θᵢ + ρ] with both ends included; with an odd number the
   * clean point is on the grid.
   * @defaultValue 201
   */
  readonly gridPoints?: number;
  /**
   * The loss to maximise.
   * @defaultValue 'square'
   */
  readonly loss?: LossName;
}

/** Rows per `predict` call, to bound memory for long grids. */
const CHUNK_ROWS = 65536;

/**
 * The exact attack for spherical caps in d = 2: evaluates the loss on a dense grid of each arc
 * {(cos φ, sin φ) : |φ − θᵢ| ≤ ρ} and returns the grid maximiser. It is the reference for the robust loss
 * L*(W) = (1/n)Σᵢ max_{x'∈B(xᵢ)} ℓ(f(x'), yᵢ) on the circle: for a model whose loss along the arc is
 * K-Lipschitz in the angle, the grid maximum is within K·ρ/(gridPoints − 1) of the true maximum (and
 * within O((ρ/gridPoints)²) near a smooth interior maximum).
 *
 * As an attack specification (`runAttack`, `adversarialTrain`) it is `{ kind: 'exact-cap', gridPoints }`
 * with `set: { kind: 'cap', radius }`.
 *
 * @param model - a differentiable model with `inputDim = 2` (only `predict` is used)
 * @param x - unit-norm inputs, shape [n, 2]
 * @param y - labels, shape [n]
 * @param options - `radius` (required), `gridPoints`, `loss`
 * @returns the same fields as {@link pgd}; `evaluations = n · gridPoints`
 * @throws {@link ShapeError} if `x.cols !== 2` or `y.length !== x.rows`
 * @throws {@link DomainError} for a negative radius, `gridPoints < 2`, rows that are not unit vectors, or a
 *   label other than ±1 (unless `targets: 'real'`)
 * @throws {@link NonFiniteError} for NaN/±Infinity in x or y, or a non-finite loss on the grid
 * @example
 * // f(x) = x₁ (cosine of the angle), square loss towards y = 2: the worst point of the arc around
 * // (1, 0) of half-width 0.5 is its end, loss (2 − cos 0.5)².
 * const model = {
 *   inputDim: 2,
 *   predict: (x) => Float64Array.from({ length: x.rows }, (_, i) => x.data[2 * i]),
 *   inputGradient: (x) => mat(x.rows, 2),
 * };
 * exactCapAttack(model, [[1, 0]], [2], { radius: 0.5, gridPoints: 11, targets: 'real' }).meanLoss; // 1.25982
 * @see R. Gao et al. (2019) arXiv:1906.07916 (robust loss L*)
 * @remarks Since 0.1.0
 */
export function exactCapAttack(
  model: DifferentiableModel,
  x: MatLike,
  y: VecLike,
  options: ExactCapAttackOptions,
): AttackResult {
  const fn = 'exactCapAttack';
  const opts = checkOptions(fn, options);
  const radius = checkNumber(fn, 'options.radius', opts.radius, { min: 0 });
  const gridPoints = checkInteger(fn, 'options.gridPoints', opts.gridPoints ?? 201, 2);
  const prep = prepareAttack(fn, model, x, y, {
    set: { kind: 'cap', radius },
    ...(opts.loss !== undefined ? { loss: opts.loss } : {}),
    ...(opts.targets !== undefined ? { targets: opts.targets } : {}),
  });
  const { x: xm, y: yv, lossFn } = prep;
  if (xm.cols !== 2) {
    throw new ShapeError(`x must have 2 columns (the circle) (got ${xm.cols})`, {
      fn,
      arg: 'x',
      expected: 2,
      actual: xm.cols,
    });
  }
  const n = xm.rows;
  const rho = Math.min(radius, Math.PI);
  const best = new Float64Array(2 * n);
  const bestLoss = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const bestPred = new Float64Array(n);
  const total = n * gridPoints;
  const chunk = Math.min(total, CHUNK_ROWS);
  const buf = new Float64Array(2 * chunk);
  for (let start = 0; start < total; start += chunk) {
    const rows = Math.min(chunk, total - start);
    for (let k = 0; k < rows; k++) {
      const idx = start + k;
      const i = Math.floor(idx / gridPoints);
      const g = idx - i * gridPoints;
      const theta = Math.atan2(xm.data[2 * i + 1], xm.data[2 * i]);
      // Symmetric grid t ∈ [−1, 1]; the middle point (odd gridPoints) is exactly x.
      const t = (2 * g - (gridPoints - 1)) / (gridPoints - 1);
      if (2 * g === gridPoints - 1) {
        buf[2 * k] = xm.data[2 * i];
        buf[2 * k + 1] = xm.data[2 * i + 1];
      } else {
        const phi = theta + rho * t;
        buf[2 * k] = Math.cos(phi);
        buf[2 * k + 1] = Math.sin(phi);
      }
    }
    const view = rows === chunk ? buf : buf.subarray(0, 2 * rows);
    const f = prep.model.predict({ rows, cols: 2, data: view });
    for (let k = 0; k < rows; k++) {
      const i = Math.floor((start + k) / gridPoints);
      const l = lossFn.value(f[k], yv[i]);
      if (!Number.isFinite(l)) {
        checkNumber(fn, `loss at grid point ${start + k}`, l);
      }
      if (l > bestLoss[i]) {
        bestLoss[i] = l;
        bestPred[i] = f[k];
        best[2 * i] = buf[2 * k];
        best[2 * i + 1] = buf[2 * k + 1];
      }
    }
  }
  return finishResult(prep, best, bestLoss, bestPred, total);
}
