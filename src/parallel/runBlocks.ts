/**
 * Runs one task per row block on a pool with at most `workers` tasks in flight, in block order.
 * @internal
 * @packageDocumentation
 */
import type { RowBlock } from './partition.ts';
import type { ParallelTask } from './tasks.ts';
import { abortError, type WorkerPool } from './WorkerPool.ts';

/** @internal */
export async function runBlocks(
  fn: string,
  pool: WorkerPool,
  blocks: readonly RowBlock[],
  makeTask: (block: RowBlock) => ParallelTask,
  workers: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (signal?.aborted) throw abortError(fn);
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < blocks.length) {
      const block = blocks[next++];
      try {
        await pool.run(makeTask(block), signal === undefined ? {} : { signal });
      } catch (e) {
        failed = true;
        if (e instanceof Error && e.name === 'AbortError') throw abortError(fn);
        throw e;
      }
    }
  };
  const lanes: Promise<void>[] = [];
  for (let i = 0; i < Math.min(workers, blocks.length); i++) lanes.push(lane());
  await Promise.all(lanes);
}
