/**
 * Runs one task per row block on a pool with at most `workers` tasks in flight, in block order.
 * @internal
 * @packageDocumentation
 */
import type { RowBlock } from './partition.ts';
import type { ParallelTask } from './tasks.ts';
import { teamAbortError } from './team.ts';
import type { WorkerPool } from './WorkerPool.ts';

/**
 * @throws {@link AbortError} when `signal` aborts, with the fraction of blocks finished in `data.completed`
 * @internal
 */
export async function runBlocks(
  fn: string,
  pool: WorkerPool,
  blocks: readonly RowBlock[],
  makeTask: (block: RowBlock) => ParallelTask,
  workers: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const aborted = (): Error => teamAbortError(fn, finished, blocks.length, 'options.signal');
  let finished = 0;
  if (signal?.aborted) throw aborted();
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < blocks.length) {
      const block = blocks[next++];
      try {
        await pool.run(makeTask(block), signal === undefined ? {} : { signal });
        finished++;
      } catch (e) {
        failed = true;
        if (e instanceof Error && e.name === 'AbortError') throw aborted();
        throw e;
      }
    }
  };
  const lanes: Promise<void>[] = [];
  for (let i = 0; i < Math.min(workers, blocks.length); i++) lanes.push(lane());
  await Promise.all(lanes);
}
