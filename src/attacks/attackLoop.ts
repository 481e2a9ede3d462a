/**
 * The shared ascent loop behind {@link pgd} and {@link fgsm}: batched over all samples, keeps the
 * highest-loss candidate per sample over every step of every restart.
 * @internal
 * @packageDocumentation
 */
import { NonFiniteError } from '../errors.ts';
import { isTwoLayerNet } from '../nn/twoLayerNet.ts';
import { createRng } from '../random/rng.ts';
import type { Mat } from '../types.ts';
import { type AscentFailure, ascendRows, type RowPasses } from './ascendRows.ts';
import type { PreparedAttack } from './prepareAttack.ts';
import { randomStartRow, rowViolation } from './setGeometry.ts';
import { runTwoLayerAttack } from './twoLayerAttackJob.ts';
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
  // Random starts are drawn up front, restart by restart and row by row (the order of the generator).
  const starts: (Float64Array | null)[] = [];
  const rng = createRng(cfg.seed);
  const tmp = new Float64Array(d);
  for (let r = 0; r < cfg.restarts; r++) {
    if (r === 0 && !cfg.randomStart) starts.push(null);
    else {
      const st = new Float64Array(n * d);
      for (let i = 0; i < n; i++) randomStartRow(kind, rho, st, i * d, c, d, box, rng, tmp);
      starts.push(st);
    }
  }
  const etas = new Float64Array(cfg.steps);
  for (let s = 0; s < cfg.steps; s++) etas[s] = cfg.stepSize * cfg.schedule(s, cfg.steps);
  const job = {
    d,
    c,
    y,
    starts,
    etas,
    kind,
    rho,
    box,
    lossFn,
    loss: lossFn.name,
    best: new Float64Array(c),
    bestLoss: new Float64Array(n).fill(Number.NEGATIVE_INFINITY),
    bestPred: new Float64Array(n),
    clean: starts[0] === null ? new Float64Array(n) : null,
  };
  let fail: AscentFailure | null;
  if (isTwoLayerNet(model)) {
    // The fused row-block path (both cores for large problems): the same ascent, the net's fused passes.
    const { inputDim, width, activation, backend, a } = model;
    const w = model.params.subarray(0, width * inputDim);
    fail = runTwoLayerAttack({ w, a, inputDim, width, activation, backend }, job);
  } else {
    let last: Mat = x;
    const passes: RowPasses = {
      forward: (p) => {
        last = { rows: n, cols: d, data: p };
        return model.predict(last);
      },
      backward: (u) => model.inputGradient(last, u).data,
    };
    fail = ascendRows(passes, job, 0, n);
  }
  if (fail !== null) {
    throw new NonFiniteError(
      `model output must be finite at attacked points (got loss ${fail.loss} for sample ${fail.index}, restart ${fail.restart}, step ${fail.step})`,
      { fn, arg: 'model', actual: String(fail.loss), index: fail.index },
    );
  }
  const evaluations = n * cfg.restarts * (cfg.steps + 1);
  const result = finishResult(prep, job.best, job.bestLoss, job.bestPred, evaluations);
  if (job.clean !== null) cleanOutputs.set(result, job.clean);
  return result;
}

/** f(x) at the clean points, computed by attacks whose first evaluation is at x (kept out of the result). */
const cleanOutputs = new WeakMap<AttackResult, Float64Array>();

/**
 * The model's outputs at the clean inputs of an attack, when its first evaluation was there (restart 0
 * without a random start: PGD by default, FGSM), so that training need not evaluate them again.
 * @internal
 */
export function cleanPredictionsOf(result: AttackResult): Float64Array | undefined {
  return cleanOutputs.get(result);
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
