/**
 * Gram / cross-kernel matrices on the synchronous worker team (src/parallel/team.ts): the output rows are
 * split into blocks fixed by the problem size (equal-work blocks of the lower triangle when symmetric), the
 * calling thread and the workers take blocks, and every block is computed by the single-thread row-block
 * kernel, so the result is bit-identical to a single-thread call whatever the number of threads.
 * @internal
 * @packageDocumentation
 */
import type { GramTeamPayload } from './gramTeamPayload.ts';
import { partitionRows, partitionTriangle, ROW_ALIGN, type RowBlock } from './partition.ts';
import { toShared } from './shared.ts';
import { runTeam, teamAbortError, teamProgress, teamThreads } from './team.ts';

/** Below this many output entries the Gram runs on the calling thread alone. */
const TEAM_MIN_ENTRIES = 256 * 256;
/** Row blocks per job (a function of the problem size only, never of the thread count). */
const TEAM_BLOCKS = 32;

/** Writes rows [r0, r1) of the [n1, n2] outputs (lower triangle only when symmetric). */
export type GramRowsFn = (r0: number, r1: number, nngp: Float64Array, ntk: Float64Array) => void;

/** Row blocks of a Gram job. @internal */
export function gramBlocks(n1: number, symmetric: boolean): RowBlock[] {
  return symmetric
    ? partitionTriangle(n1, TEAM_BLOCKS)
    : partitionRows(n1, ROW_ALIGN * Math.max(1, Math.ceil(n1 / (TEAM_BLOCKS * ROW_ALIGN))));
}

/**
 * NNGP and NTK buffers ([n1, n2], row-major) of the kernel `spec` on x1 [n1, d] and x2 [n2, d] (x2 null =
 * symmetric: only the lower triangle is written; the caller mirrors). `rows` is the calling thread's
 * row-block kernel and must compute exactly what `gramRowsInto` computes for `spec` in a worker. Large
 * outputs live in SharedArrayBuffers (returned as is, no copy). `signal` is checked between row blocks
 * (an aborted one throws `AbortError` naming `fn`, with the finished fraction in `data.completed`).
 * @internal
 */
export function teamGram<S>(
  spec: S,
  x1: Float64Array,
  n1: number,
  d: number,
  x2: Float64Array | null,
  n2: number,
  rows: GramRowsFn,
  signal?: AbortSignal,
  fn = 'kernel',
): { nngp: Float64Array; ntk: Float64Array } {
  const symmetric = x2 === null;
  const blocks = gramBlocks(n1, symmetric);
  if (teamThreads() <= 1 || n1 * n2 < TEAM_MIN_ENTRIES || blocks.length <= 1) {
    const nngp = new Float64Array(n1 * n2);
    const ntk = new Float64Array(n1 * n2);
    for (let b = 0; b < blocks.length; b++) {
      if (signal?.aborted === true) throw teamAbortError(fn, b, blocks.length);
      rows(blocks[b].r0, blocks[b].r1, nngp, ntk);
      teamProgress('kernel', b + 1, blocks.length);
    }
    return { nngp, ntk };
  }
  const s1 = toShared(x1);
  const s2 = x2 === null ? null : toShared(x2);
  const nngpBuf = new SharedArrayBuffer(n1 * n2 * 8);
  const ntkBuf = new SharedArrayBuffer(n1 * n2 * 8);
  const nngp = new Float64Array(nngpBuf);
  const ntk = new Float64Array(ntkBuf);
  const payload: GramTeamPayload<S> = {
    spec,
    x1: s1.buffer,
    off1: s1.offset,
    n1,
    d,
    x2: s2 === null ? null : s2.buffer,
    off2: s2 === null ? 0 : s2.offset,
    n2,
    nngp: nngpBuf,
    ntk: ntkBuf,
    blocks,
  };
  runTeam(
    'gram',
    payload,
    blocks.length,
    (b) => rows(blocks[b].r0, blocks[b].r1, nngp, ntk),
    'kernel',
    signal,
    fn,
  );
  return { nngp, ntk };
}
