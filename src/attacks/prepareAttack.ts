/**
 * Boundary validation shared by the attack entry points: the model, inputs, labels, set, loss and box.
 * @internal
 * @packageDocumentation
 */
import { ArgumentTypeError, DomainError, ShapeError } from '../errors.ts';
import { assertLength, checkNumber, checkOneOf, checkOptions, describe } from '../internal/assert.ts';
import { checkDataBox } from '../internal/checkDataBox.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import { type Loss, type LossName, loss as lossByName } from '../nn/loss.ts';
import type { DifferentiableModel, Mat, MatLike, VecLike } from '../types.ts';
import { type BoxBounds, CAP, type KindCode, L2, LINF } from './setGeometry.ts';
import type { AttackTargets, DataBox, PerturbationSet } from './types.ts';

/** Validated, normalised attack inputs. */
export interface PreparedAttack {
  readonly model: DifferentiableModel;
  /** Inputs; for caps, rows renormalised to exactly unit norm. */
  readonly x: Mat;
  readonly y: Float64Array;
  readonly kind: KindCode;
  readonly rho: number;
  readonly lossFn: Loss;
  readonly box: BoxBounds | null;
}

/** Unit-norm tolerance for cap centres. */
export const UNIT_TOL = 1e-6;

/** Throws ArgumentTypeError unless `model` looks like a DifferentiableModel. */
export function checkModel(fn: string, model: unknown): DifferentiableModel {
  const m = model as Partial<DifferentiableModel> | null;
  if (
    m === null ||
    typeof m !== 'object' ||
    typeof m.predict !== 'function' ||
    typeof m.inputGradient !== 'function' ||
    typeof m.inputDim !== 'number'
  ) {
    throw new ArgumentTypeError(
      `model must implement DifferentiableModel (inputDim, predict, inputGradient) (got ${describe(model)})`,
      { fn, arg: 'model', expected: 'DifferentiableModel', actual: describe(model) },
    );
  }
  return m as DifferentiableModel;
}

/** Validates a perturbation set argument. */
export function checkSet(fn: string, set: unknown, arg = 'options.set'): { kind: KindCode; rho: number } {
  if (set === null || typeof set !== 'object') {
    throw new ArgumentTypeError(`${arg} must be an object { kind, radius } (got ${describe(set)})`, {
      fn,
      arg,
      expected: '{ kind, radius }',
      actual: describe(set),
    });
  }
  const s = set as Partial<PerturbationSet>;
  const kind = checkOneOf(fn, `${arg}.kind`, s.kind, ['linf', 'l2', 'cap'] as const);
  const rho = checkNumber(fn, `${arg}.radius`, s.radius, { min: 0 });
  return { kind: kind === 'linf' ? LINF : kind === 'l2' ? L2 : CAP, rho };
}

/**
 * Throws a DomainError naming the first label that is not exactly −1 or +1: every attack loss here (square
 * (ŷ − y)², logistic, hinge) is the classification loss of the paper, defined for labels y ∈ {−1, +1}.
 */
export function checkPlusMinusOneLabels(fn: string, arg: string, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 && y[i] !== -1) {
      throw new DomainError(`${arg} must contain only labels −1 and +1 (got ${arg}[${i}] = ${y[i]})`, {
        fn,
        arg,
        expected: '±1',
        actual: y[i],
        index: i,
      });
    }
  }
}

/**
 * Validates the common attack inputs and returns them normalised. `y` must hold ±1 labels (see
 * {@link checkPlusMinusOneLabels}) unless `options.targets` is `'real'` (square loss only), or `labels` is
 * `'unused'` (callers that only need the geometry).
 */
export function prepareAttack(
  fn: string,
  model: unknown,
  x: MatLike,
  y: VecLike,
  options: { set?: unknown; loss?: LossName; box?: DataBox; targets?: AttackTargets } | undefined,
  labels: 'checked' | 'unused' = 'checked',
): PreparedAttack {
  const mdl = checkModel(fn, model);
  const opts = checkOptions(fn, options);
  const xm = toMat(x, fn, 'x');
  const yv = toVec(y, fn, 'y');
  assertLength(fn, 'y', yv.length, xm.rows);
  if (labels === 'checked') {
    const targets = checkOneOf(fn, 'options.targets', opts.targets ?? 'labels', ['labels', 'real'] as const);
    if (targets === 'labels') checkPlusMinusOneLabels(fn, 'y', yv);
    else if ((opts.loss ?? 'square') !== 'square') {
      throw new DomainError(
        `options.targets 'real' needs options.loss 'square' (got loss '${String(opts.loss)}', which assumes labels ±1)`,
        { fn, arg: 'options.targets', actual: 'real' },
      );
    }
  }
  if (mdl.inputDim !== xm.cols) {
    throw new ShapeError(`x must have model.inputDim = ${mdl.inputDim} columns (got ${xm.cols})`, {
      fn,
      arg: 'x',
      expected: mdl.inputDim,
      actual: xm.cols,
    });
  }
  const { kind, rho } = checkSet(fn, opts.set);
  const lossFn = lossByName(
    checkOneOf(fn, 'options.loss', opts.loss ?? 'square', ['square', 'logistic', 'hinge'] as const),
  );
  const d = xm.cols;
  const box: BoxBounds | null = checkDataBox(fn, opts.box, kind === CAP, xm);
  let xn = xm;
  if (kind === CAP) {
    const data = new Float64Array(xm.data);
    for (let i = 0; i < xm.rows; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += data[i * d + j] ** 2;
      const n = Math.sqrt(s);
      if (!(Math.abs(n - 1) <= UNIT_TOL)) {
        throw new DomainError(`x rows must have unit norm for set.kind 'cap' (got norm ${n} in row ${i})`, {
          fn,
          arg: 'x',
          expected: 1,
          actual: n,
          index: i,
        });
      }
      for (let j = 0; j < d; j++) data[i * d + j] /= n;
    }
    xn = { rows: xm.rows, cols: d, data };
  }
  return { model: mdl, x: xn, y: yv, kind, rho, lossFn, box };
}
