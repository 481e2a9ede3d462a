import { setThreadCount } from '../parallel/setThreadCount.ts';
import { setTeamThreads, teamThreads } from '../parallel/team.ts';
import { UsageError } from './context.ts';

/** Kernel outputs below this many entries run on one thread anyway: no worker is started for them. */
const WARM_ENTRIES = 256 * 256;

/**
 * Applies `--workers` (default: `NTK_THREADS`, else every core) and, when the job is large enough to use
 * them, starts the workers before the first kernel block so that it runs on every thread from the start.
 */
export async function useThreads(workers: number | undefined, entries: number): Promise<void> {
  if (workers !== undefined && workers < 1)
    throw new UsageError(`--workers must be at least 1 (got ${workers})`);
  const n = workers ?? teamThreads();
  if (entries >= WARM_ENTRIES) await setThreadCount(n);
  else setTeamThreads(n);
}
