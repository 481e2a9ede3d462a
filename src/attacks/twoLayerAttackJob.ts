/**
 * The fused attack of a two-layer network ({@link twoLayerNet}): the ascent of {@link attackLoop} over fixed
 * row blocks, each block running every restart and step with the net's fused passes ({@link TwoLayerRows}:
 * one GEMM and one fused activation pass forward, one fused pass and one GEMM backward, on buffers of the
 * block). Blocks run on the calling thread and the worker team (src/parallel/team.ts). The block size
 * depends only on the width, so results are bit-identical for any number of threads.
 * @internal
 * @packageDocumentation
 */
import { type LossName, loss } from '../nn/loss.ts';
import { TwoLayerRows, type TwoLayerWeights } from '../nn/twoLayerRows.ts';
import { rowBlock } from '../nn/twoLayerTeam.ts';
import { runTeam, teamThreads } from '../parallel/team.ts';
import { type AscentFailure, type AscentJob, ascendRows } from './ascendRows.ts';
import type { BoxBounds, KindCode } from './setGeometry.ts';

/** What a block needs (every array cloned to the workers, the outputs shared). @internal */
export interface TwoLayerAttackPayload {
  readonly net: TwoLayerWeights;
  readonly n: number;
  readonly blockRows: number;
  readonly c: Float64Array;
  readonly y: Float64Array;
  readonly starts: readonly (Float64Array | null)[];
  readonly etas: Float64Array;
  readonly kind: KindCode;
  readonly rho: number;
  readonly box: BoxBounds | null;
  readonly loss: LossName;
  /** Shared outputs: best [n, d], bestLoss [n], bestPred [n], failures [blocks, 5] (flag, restart, step, index, loss). */
  readonly best: SharedArrayBuffer;
  readonly bestLoss: SharedArrayBuffer;
  readonly bestPred: SharedArrayBuffer;
  /** Shared f(x) [n] from the first evaluation at the clean points, or null. */
  readonly clean: SharedArrayBuffer | null;
  readonly failures: SharedArrayBuffer;
}

/** The per-block function of a fused attack job (on any thread). @internal */
export function twoLayerAttackBlocks(p: TwoLayerAttackPayload, fused = true): (block: number) => void {
  const passes = new TwoLayerRows(p.net, p.blockRows, fused);
  const job: AscentJob = {
    d: p.net.inputDim,
    c: p.c,
    y: p.y,
    starts: p.starts,
    etas: p.etas,
    kind: p.kind,
    rho: p.rho,
    box: p.box,
    lossFn: loss(p.loss),
    best: new Float64Array(p.best),
    bestLoss: new Float64Array(p.bestLoss),
    bestPred: new Float64Array(p.bestPred),
    clean: p.clean === null ? null : new Float64Array(p.clean),
  };
  const failures = new Float64Array(p.failures);
  return (b) => {
    const i0 = b * p.blockRows;
    const fail = ascendRows(passes, job, i0, Math.min(p.n, i0 + p.blockRows));
    if (fail !== null) failures.set([1, fail.restart, fail.step, fail.index, fail.loss], b * 5);
  };
}

/** Work (multiply-adds of one attack) below which the blocks all run on the calling thread. */
const TEAM_MIN_WORK = 2 ** 24;

/**
 * Runs the fused attack over all blocks; the outputs are written into `job`'s best/bestLoss/bestPred.
 * Returns the first non-finite loss in (restart, step, sample) order, or null.
 * @internal
 */
export function runTwoLayerAttack(
  net: TwoLayerWeights,
  job: AscentJob & { readonly loss: LossName },
  fused = true,
): AscentFailure | null {
  const n = job.y.length;
  const d = job.d;
  const blockRows = rowBlock(net.width);
  const blocks = Math.ceil(n / blockRows);
  const shared = (len: number) => new SharedArrayBuffer(8 * len);
  const payload: TwoLayerAttackPayload = {
    net,
    n,
    blockRows,
    c: job.c,
    y: job.y,
    starts: job.starts,
    etas: job.etas,
    kind: job.kind,
    rho: job.rho,
    box: job.box,
    loss: job.loss,
    best: shared(n * d),
    bestLoss: shared(n),
    bestPred: shared(n),
    clean: job.clean === null ? null : shared(n),
    failures: shared(blocks * 5),
  };
  new Float64Array(payload.best).set(job.best);
  new Float64Array(payload.bestLoss).set(job.bestLoss);
  const run = twoLayerAttackBlocks(payload, fused);
  const work = n * net.width * d * (job.etas.length + 1) * job.starts.length;
  if (teamThreads() > 1 && blocks > 1 && work >= TEAM_MIN_WORK)
    runTeam('pgd-two-layer', payload, blocks, run);
  else for (let b = 0; b < blocks; b++) run(b);
  job.best.set(new Float64Array(payload.best));
  job.bestLoss.set(new Float64Array(payload.bestLoss));
  job.bestPred.set(new Float64Array(payload.bestPred));
  if (job.clean !== null && payload.clean !== null) job.clean.set(new Float64Array(payload.clean));
  const failures = new Float64Array(payload.failures);
  let first: AscentFailure | null = null;
  for (let b = 0; b < blocks; b++) {
    if (failures[b * 5] !== 1) continue;
    const f = {
      restart: failures[b * 5 + 1],
      step: failures[b * 5 + 2],
      index: failures[b * 5 + 3],
      loss: failures[b * 5 + 4],
    };
    if (
      first === null ||
      f.restart < first.restart ||
      (f.restart === first.restart &&
        (f.step < first.step || (f.step === first.step && f.index < first.index)))
    )
      first = f;
  }
  return first;
}
