/**
 * AbortSignal of the Gram path (fcReluKernel → teamGram → runTeam): checked between row blocks on one
 * thread and on the worker team, it must stop the computation with AbortError carrying the fraction of
 * row blocks finished, leave the team usable (the next Gram bit-identical to one thread, workers taking
 * blocks), and change nothing when it is not aborted. The signal is aborted from the progress hook, as
 * the CLI does on Ctrl-C (a synchronous computation can only observe an abort raised from its own
 * callbacks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, ArgumentTypeError } from '../../../src/errors.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { parallelGram } from '../../../src/parallel/parallelGram.ts';
import {
  closeTeam,
  setTeamCallerWaitsForAWorker,
  setTeamProgressHook,
  setTeamThreads,
  startTeam,
  teamStats,
} from '../../../src/parallel/team.ts';
import { gramBlocks } from '../../../src/parallel/teamGram.ts';
import { createRng } from '../../../src/random/rng.ts';

const rng = createRng(5);
const x = { rows: 600, cols: 9, data: new Float64Array(600 * 9) };
rng.fillNormal(x.data);
const k = fcReluKernel({ depth: 2 });
const same = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
let reference: Float64Array;

/**
 * Runs the symmetric Gram with a signal aborted once the progress hook has seen `after` finished blocks
 * (and fewer than `before`: an abort after the last block asks nothing of the computation).
 */
function abortAfter(after: number, before = Number.POSITIVE_INFINITY): unknown {
  const controller = new AbortController();
  const prev = setTeamProgressHook((label, done) => {
    if (label === 'kernel' && done >= after && done < before) controller.abort();
  });
  try {
    k(x, null, { signal: controller.signal });
    return undefined;
  } catch (e) {
    return e;
  } finally {
    setTeamProgressHook(prev);
  }
}

beforeAll(async () => {
  setTeamThreads(1);
  reference = k(x).ntk.data;
  setTeamThreads(2);
  await startTeam();
});
afterAll(async () => {
  await closeTeam();
});

describe('Gram AbortSignal', () => {
  const blocks = gramBlocks(600, true).length;

  it('should stop a one-thread Gram between row blocks with the finished fraction', () => {
    setTeamThreads(1);
    try {
      const e = abortAfter(5);
      expect(e).toBeInstanceOf(AbortError);
      const a = e as AbortError;
      expect(a.code).toBe('E_ABORTED');
      expect(a.data.fn).toBe('fcReluKernel');
      expect(a.data.blocksDone).toBe(5);
      expect(a.data.completed).toBe(5 / blocks);
      expect(a.message).toContain(`after 5 of ${blocks} blocks`);
    } finally {
      setTeamThreads(2);
    }
  });

  it('should stop a team Gram, then leave the team working (bit-identical, workers taking blocks)', () => {
    // The worker may finish every block while the calling thread runs one (a loaded machine deschedules
    // it); then the abort comes after the work and the Gram rightly returns. Such a run proves nothing, so
    // it is repeated; the abort must be honoured in at least one run, and every abort must be well formed.
    let aborts = 0;
    for (let attempt = 0; attempt < 8 && aborts === 0; attempt++) {
      const e = abortAfter(3, blocks);
      if (e === undefined) continue;
      aborts++;
      expect(e).toBeInstanceOf(AbortError);
      const a = e as AbortError;
      expect(a.data.blocks).toBe(blocks);
      expect(a.data.blocksDone as number).toBeGreaterThanOrEqual(3);
      expect(a.data.completed as number).toBeLessThan(1);
      expect(a.data.completed).toBe((a.data.blocksDone as number) / blocks);
    }
    expect(aborts).toBe(1);
    const prev = setTeamCallerWaitsForAWorker(true);
    const s0 = teamStats();
    const again = k(x).ntk.data;
    const s1 = teamStats();
    setTeamCallerWaitsForAWorker(prev);
    expect(s1.mainBlocks - s0.mainBlocks).toBeLessThan(s1.blocks - s0.blocks);
    expect(same(again, reference)).toBe(true);
  });

  it('should stop at once with an already aborted signal (0 blocks), on one thread and on the team', () => {
    for (const t of [1, 2]) {
      setTeamThreads(t);
      const pre = new AbortController();
      pre.abort();
      expect(() => k(x, null, { signal: pre.signal })).toThrow(/after 0 of/);
    }
    setTeamThreads(2);
  });

  it('should change nothing when the signal is not aborted, and refuse a non-signal', () => {
    const live = new AbortController();
    expect(same(k(x, null, { signal: live.signal }).ntk.data, reference)).toBe(true);
    expect(() => k(x, null, { signal: 'stop' as never })).toThrow(ArgumentTypeError);
  });

  it('should report the finished fraction from parallelGram (piscina pool) too', {
    timeout: 60_000,
  }, async () => {
    const pre = new AbortController();
    pre.abort();
    await expect(
      parallelGram({ kind: 'fc-relu', depth: 2 }, x, null, { signal: pre.signal }),
    ).rejects.toMatchObject({
      code: 'E_ABORTED',
      data: { completed: 0, blocksDone: 0 },
    });
    const ac = new AbortController();
    const run = parallelGram({ kind: 'fc-relu', depth: 2 }, x, null, { workers: 2, signal: ac.signal });
    setTimeout(() => ac.abort(), 1);
    const e = await run.then(
      () => undefined,
      (err: unknown) => err,
    );
    // It may also finish before the timer fires; when it aborts, the fraction is a proper fraction.
    if (e !== undefined) {
      expect(e).toBeInstanceOf(AbortError);
      const c = (e as AbortError).data.completed as number;
      expect(c >= 0 && c < 1).toBe(true);
    }
  });
});
