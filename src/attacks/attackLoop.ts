/**
 * The shared ascent loop behind {@link pgd} and {@link fgsm}: batched over all samples, keeps the
 * highest-loss candidate per sample over every step of every restart.
 * @internal
 * @packageDocumentation
 */
import { NonFiniteError } from '../errors.ts';
import { createRng } from '../random/rng.ts';
import type { Mat } from '../types.ts';
import type { PreparedAttack } from './prepareAttack.ts';
import { projectRow, randomStartRow, rowViolation, stepRow } from './setGeometry.ts';
import type { AttackResult } from './types.ts';

/** Loop settings after defaults and validation. */
export interface LoopSettings {
  readonly steps: number;
  readonly stepSize: number;
  readonly restarts: number;
  readonly randomStart: boolean;
  readonly seed: number;
  /** Multiplier of stepSize at step s of `steps`. */
  readonly schedule: (s: number, steps: number) => number;
}

/** Runs the attack; `fn` names the public caller in errors. */
export function attackLoop(fn: string, prep: PreparedAttack, cfg: LoopSettings): AttackResult {
  const { model, x, y, kind, rho, lossFn, box } = prep;
  const n = x.rows;
  const d = x.cols;
  const c = x.data;
  const best = new Float64Array(c);
  const bestLoss = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const bestPred = new Float64Array(n);
  const p = new Float64Array(n * d);
  const pm: Mat = { rows: n, cols: d, data: p };
  const up = new Float64Array(n);
  const tmp = new Float64Array(d);
  const rng = createRng(cfg.seed);
  let evaluations = 0;
  for (let r = 0; r < cfg.restarts; r++) {
    if (r === 0 && !cfg.randomStart) p.set(c);
    else for (let i = 0; i < n; i++) randomStartRow(kind, rho, p, i * d, c, d, box, rng, tmp);
    for (let s = 0; s <= cfg.steps; s++) {
      const f = model.predict(pm);
      evaluations += n;
      for (let i = 0; i < n; i++) {
        const l = lossFn.value(f[i], y[i]);
        if (!Number.isFinite(l)) {
          throw new NonFiniteError(
            `model output must be finite at attacked points (got loss ${l} for sample ${i}, restart ${r}, step ${s})`,
            { fn, arg: 'model', actual: String(l), index: i },
          );
        }
        if (l > bestLoss[i]) {
          bestLoss[i] = l;
          bestPred[i] = f[i];
          best.set(p.subarray(i * d, (i + 1) * d), i * d);
        }
        up[i] = lossFn.derivative(f[i], y[i]);
      }
      if (s === cfg.steps) break;
      const g = model.inputGradient(pm, up).data;
      const eta = cfg.stepSize * cfg.schedule(s, cfg.steps);
      for (let i = 0; i < n; i++) {
        stepRow(kind, eta, p, g, i * d, d, tmp);
        projectRow(kind, rho, p, i * d, c, d, box, tmp);
      }
    }
  }
  return finishResult(prep, best, bestLoss, bestPred, evaluations);
}

/** Packs the result, computing perturbations, mean loss and the set-violation certificate. */
export function finishResult(
  prep: PreparedAttack,
  best: Float64Array,
  losses: Float64Array,
  predictions: Float64Array,
  evaluations: number,
): AttackResult {
  const { x, kind, rho, box } = prep;
  const n = x.rows;
  const d = x.cols;
  const pert = new Float64Array(n * d);
  const tmp = new Float64Array(d);
  let viol = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) pert[i * d + j] = best[i * d + j] - x.data[i * d + j];
    viol = Math.max(viol, rowViolation(kind, rho, best, i * d, x.data, d, box, tmp));
    sum += losses[i];
  }
  return {
    points: { rows: n, cols: d, data: best },
    perturbations: { rows: n, cols: d, data: pert },
    losses,
    predictions,
    meanLoss: sum / n,
    maxSetViolation: viol,
    evaluations,
  };
}
