import { ArgumentTypeError, DomainError } from '../errors.ts';
import { checkOneOf, checkOptions, describe } from '../internal/assert.ts';
import type { DifferentiableModel, MatLike, VecLike } from '../types.ts';
import { exactCapAttack } from './exactCapAttack.ts';
import { fgsm } from './fgsm.ts';
import { pgd } from './pgd.ts';
import { checkSet, prepareAttack } from './prepareAttack.ts';
import type { AttackCommonOptions, AttackResult, AttackSpec } from './types.ts';

/** Options of {@link runAttack}. */
export interface RunAttackOptions extends AttackCommonOptions {
  /** Which attack: `{ kind: 'pgd', … } | { kind: 'fgsm' } | { kind: 'exact-cap', gridPoints } | { kind: 'none' }`. */
  readonly attack: AttackSpec;
}

/**
 * Runs the attack described by an {@link AttackSpec} — the single entry point used by adversarial training
 * and robust-loss estimation, so an attack is data, not code. `'exact-cap'` requires `set.kind === 'cap'`
 * and d = 2; `'none'` returns the clean points (surrogate = clean loss).
 *
 * @param model - any scalar-output differentiable model with `inputDim = d`
 * @param x - inputs, shape [n, d]
 * @param y - labels, shape [n]
 * @param options - `attack` and `set` (required), `loss`, `seed`, `box`
 * @returns the same fields as {@link pgd}
 * @throws {@link DomainError} for an unknown attack kind, `'exact-cap'` with a non-cap set, or a label other
 *   than ±1 (unless `targets: 'real'`)
 * @throws {@link ShapeError} / {@link NonFiniteError} as {@link pgd}
 * @example
 * const model = {
 *   inputDim: 1,
 *   predict: (x) => Float64Array.from(x.data, (v) => 3 * v),
 *   inputGradient: (x, up) => mat(x.rows, 1, Float64Array.from(x.data, (_, i) => 3 * (up ? up[i] : 1))),
 * };
 * const set = { kind: 'linf', radius: 0.5 };
 * runAttack(model, [[1]], [1], { attack: { kind: 'none' }, set, loss: 'square' }).meanLoss; // 4
 * runAttack(model, [[1]], [1], { attack: { kind: 'pgd', steps: 3 }, set, loss: 'square' }).meanLoss; // 12.25
 * @remarks Since 0.1.0
 */
export function runAttack(
  model: DifferentiableModel,
  x: MatLike,
  y: VecLike,
  options: RunAttackOptions,
): AttackResult {
  const fn = 'runAttack';
  const opts = checkOptions(fn, options);
  const spec = opts.attack as AttackSpec | undefined;
  if (spec === null || typeof spec !== 'object') {
    throw new ArgumentTypeError(`options.attack must be an object { kind, … } (got ${describe(spec)})`, {
      fn,
      arg: 'options.attack',
      expected: 'AttackSpec',
      actual: describe(spec),
    });
  }
  const kind = checkOneOf(fn, 'options.attack.kind', spec.kind, [
    'pgd',
    'fgsm',
    'exact-cap',
    'none',
  ] as const);
  const { set, loss, seed, box, targets } = opts;
  const common = {
    set,
    ...(loss !== undefined ? { loss } : {}),
    ...(box !== undefined ? { box } : {}),
    ...(targets !== undefined ? { targets } : {}),
  };
  switch (kind) {
    case 'pgd': {
      const s = spec as Extract<AttackSpec, { kind: 'pgd' }>;
      const { kind: _k, ...settings } = s;
      return pgd(model, x, y, { ...common, ...settings, ...(seed !== undefined ? { seed } : {}) });
    }
    case 'fgsm':
      return fgsm(model, x, y, common);
    case 'exact-cap': {
      const s = checkSet(fn, set);
      if (s.kind !== 2) {
        throw new DomainError(
          `options.set.kind must be 'cap' for attack 'exact-cap' (got ${describe((set as { kind?: unknown }).kind)})`,
          { fn, arg: 'options.set.kind', expected: 'cap' },
        );
      }
      const g = (spec as Extract<AttackSpec, { kind: 'exact-cap' }>).gridPoints;
      return exactCapAttack(model, x, y, {
        radius: s.rho,
        ...(g !== undefined ? { gridPoints: g } : {}),
        ...(loss !== undefined ? { loss } : {}),
        ...(targets !== undefined ? { targets } : {}),
      });
    }
    default:
      return cleanResult(model, x, y, common);
  }
}

function cleanResult(
  model: DifferentiableModel,
  x: MatLike,
  y: VecLike,
  common: AttackCommonOptions,
): AttackResult {
  const prep = prepareAttack('runAttack', model, x, y, common);
  const f = prep.model.predict(prep.x);
  const losses = new Float64Array(prep.x.rows);
  let sum = 0;
  for (let i = 0; i < losses.length; i++) {
    losses[i] = prep.lossFn.value(f[i], prep.y[i]);
    sum += losses[i];
  }
  return {
    points: { rows: prep.x.rows, cols: prep.x.cols, data: new Float64Array(prep.x.data) },
    perturbations: { rows: prep.x.rows, cols: prep.x.cols, data: new Float64Array(prep.x.data.length) },
    losses,
    predictions: Float64Array.from(f),
    meanLoss: sum / losses.length,
    maxSetViolation: 0,
    evaluations: prep.x.rows,
  };
}
