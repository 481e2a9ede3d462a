import { checkInteger, checkOptions } from '../internal/assert.ts';
import { mirrorLower } from '../kernels/fcReluCore.ts';
import { kernelInputs } from '../kernels/validateKernelArgs.ts';
import type { KernelPair, MatLike } from '../types.ts';
import { gramRowsInto, gramState } from './gramRows.ts';
import { checkGramSpec, type GramSpec } from './gramSpec.ts';
import { partitionRows, partitionTriangle, ROW_ALIGN } from './partition.ts';
import { runBlocks } from './runBlocks.ts';
import { toShared } from './shared.ts';
import { teamAbortError } from './team.ts';
import { defaultWorkerPool, type WorkerPool } from './WorkerPool.ts';

/** Options of {@link parallelGram}. */
export interface ParallelGramOptions {
  /**
   * Maximum number of row blocks in flight. The result does not depend on it.
   * @defaultValue the pool size
   */
  readonly workers?: number;
  /** Cancels the call: the promise rejects with {@link AbortError}. */
  readonly signal?: AbortSignal;
  /**
   * Pool to run on.
   * @defaultValue {@link defaultWorkerPool}()
   */
  readonly pool?: WorkerPool;
}

/** Number of row blocks of a Gram job: fixed by the problem size, never by the worker count. */
const GRAM_BLOCKS = 16;
/** Below this many entries the job runs on the calling thread (same code path, same result). */
const INLINE_ENTRIES = 128 * 128;

let jobCounter = 0;

/**
 * NNGP and NTK matrices of a kernel given as data ({@link GramSpec}), computed on worker threads in row
 * blocks. Inputs are shared with the workers (SharedArrayBuffer, no copies per task); each output entry is
 * computed by exactly one task with the single-thread code path, so the result is **bit-identical** to
 * `fcReluKernel(spec)(x1, x2)` / `twoLayerNtk(spec)(x1, x2)` whatever the number of workers. The symmetric
 * case (x2 omitted) computes the lower triangle (blocks of equal work) and mirrors it.
 *
 * @param spec - `{ kind: 'fc-relu', depth, wStd, bStd, parameterization, width }` or
 *   `{ kind: 'two-layer', activation, train }` (option defaults as in the kernel factories)
 * @param x1 - inputs, shape [n1, d]
 * @param x2 - inputs, shape [n2, d]; omitted, null or `x1` itself = the symmetric train-train block
 * @param options - `{ workers, signal, pool }`
 * @returns a promise of `{ nngp, ntk }`, each shape [n1, n2]
 * @throws {@link DomainError} for an unknown `spec.kind` or an invalid kernel option (named `options.<key>` of
 *   the kernel factory), or an invalid `options.workers`
 * @throws {@link ShapeError} if x1 and x2 have different column counts or are empty
 * @throws {@link NonFiniteError} if an input has NaN or ±Infinity
 * @throws {@link AbortError} if `options.signal` aborts
 * @example
 * const k = await parallelGram({ kind: 'fc-relu', depth: 1 }, [[1, 0], [0, 1]]);
 * k.ntk.data[1]; // 0.0796
 * @see Jacot, Gabriel, Hongler (2018) "Neural Tangent Kernel", arXiv:1806.07572
 * @remarks Since 0.1.0
 */
export async function parallelGram(
  spec: GramSpec,
  x1: MatLike,
  x2?: MatLike | null,
  options?: ParallelGramOptions,
): Promise<KernelPair> {
  const fn = 'parallelGram';
  const s = checkGramSpec(fn, spec);
  const { workers, signal, pool } = checkOptions(fn, options);
  const w = workers === undefined ? undefined : checkInteger(fn, 'options.workers', workers, 1);
  const { a, b } = kernelInputs(fn, x1, x2);
  const symmetric = b === null;
  const n1 = a.rows;
  const n2 = symmetric ? n1 : b.rows;
  const d = a.cols;
  const mats = (nngp: Float64Array, ntk: Float64Array): KernelPair => {
    if (symmetric) {
      mirrorLower(nngp, n1);
      mirrorLower(ntk, n1);
    }
    return { nngp: { rows: n1, cols: n2, data: nngp }, ntk: { rows: n1, cols: n2, data: ntk } };
  };
  const blocks = symmetric
    ? partitionTriangle(n1, GRAM_BLOCKS)
    : partitionRows(n1, ROW_ALIGN * Math.max(1, Math.ceil(n1 / (GRAM_BLOCKS * ROW_ALIGN))));
  if (n1 * n2 <= INLINE_ENTRIES || blocks.length === 1) {
    if (signal?.aborted) throw teamAbortError(fn, 0, 1, 'options.signal');
    const state = gramState({ spec: s, x1: a.data, n1, d, x2: symmetric ? null : b.data, n2 });
    const nngp = new Float64Array(n1 * n2);
    const ntk = new Float64Array(n1 * n2);
    gramRowsInto(state, 0, n1, nngp, ntk);
    return mats(nngp, ntk);
  }
  const p = pool ?? defaultWorkerPool();
  const sx1 = toShared(a.data);
  const sx2 = symmetric ? null : toShared(b.data);
  const nngp = new SharedArrayBuffer(n1 * n2 * 8);
  const ntk = new SharedArrayBuffer(n1 * n2 * 8);
  const job = `${process.pid}:${++jobCounter}`;
  await runBlocks(
    fn,
    p,
    blocks,
    ({ r0, r1 }) => ({
      kind: 'gram',
      job,
      spec: s,
      x1: sx1.buffer,
      off1: sx1.offset,
      n1,
      d,
      x2: sx2 === null ? null : sx2.buffer,
      off2: sx2 === null ? 0 : sx2.offset,
      n2,
      r0,
      r1,
      nngp,
      ntk,
    }),
    w ?? p.size,
    signal,
  );
  return mats(new Float64Array(nngp).slice(), new Float64Array(ntk).slice());
}
