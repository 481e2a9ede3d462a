import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AbortError, NtkError } from '../errors.ts';
import { checkInteger, checkOptions } from '../internal/assert.ts';
import { workerEntry } from './spawn.ts';
import type { ParallelTask } from './tasks.ts';

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /**
   * Number of worker threads (fixed for the pool's lifetime).
   * @defaultValue `os.availableParallelism()`
   */
  readonly size?: number;
}

/** Options of `WorkerPool.run`. */
export interface WorkerPoolRunOptions {
  /** Aborts the task: it rejects with {@link AbortError} and its worker is replaced. */
  readonly signal?: AbortSignal;
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || (e as { code?: unknown }).code === 'ABORT_ERR');
}

/**
 * A fixed-size pool of worker threads (piscina 5) that runs the toolkit's row-block tasks on
 * `SharedArrayBuffer` inputs and outputs. Workers start lazily on the first task, are reused, and do not
 * keep the process alive while idle; `close()` terminates them.
 *
 * Most callers never construct one: {@link parallelGemm} and {@link parallelGram} use a shared default
 * pool ({@link defaultWorkerPool}); pass `{ pool }` to use your own.
 *
 * @example
 * const pool = new WorkerPool({ size: 2 });
 * pool.size; // 2
 * await pool.close();
 * @throws {@link DomainError} if `options.size` is not an integer ≥ 1
 * @remarks Since 0.1.0
 */
export class WorkerPool {
  /** Number of worker threads. */
  readonly size: number;
  #piscina: Piscina | undefined;
  #closed = false;

  constructor(options?: WorkerPoolOptions) {
    const { size = availableParallelism() } = checkOptions('WorkerPool', options);
    this.size = checkInteger('WorkerPool', 'options.size', size, 1);
  }

  /** True after {@link WorkerPool.close}. */
  get closed(): boolean {
    return this.#closed;
  }

  #pool(): Piscina {
    if (this.#piscina === undefined) {
      const { filename, workerData } = workerEntry('tasks');
      this.#piscina = new Piscina({
        filename,
        workerData,
        minThreads: this.size,
        maxThreads: this.size,
        idleTimeout: Number.POSITIVE_INFINITY,
        concurrentTasksPerWorker: 1,
      });
    }
    return this.#piscina;
  }

  /**
   * Runs one task on a worker.
   * @param task - a task from src/parallel/tasks.ts
   * @param options - `{ signal }`
   * @returns the worker's return value
   * @throws {@link AbortError} if `options.signal` aborts
   * @throws {@link NtkError} (`E_BACKEND_UNAVAILABLE`) if the pool is closed
   * @internal
   */
  async run(task: ParallelTask, options: WorkerPoolRunOptions = {}): Promise<unknown> {
    if (this.#closed) {
      throw new NtkError('E_BACKEND_UNAVAILABLE', 'pool must be open (got a closed pool)', {
        fn: 'WorkerPool.run',
        arg: 'this',
      });
    }
    const { signal } = options;
    if (signal?.aborted) throw abortError('WorkerPool.run');
    try {
      return await this.#pool().run(task, signal === undefined ? {} : { signal });
    } catch (e) {
      if (isAbort(e)) throw abortError('WorkerPool.run');
      throw e;
    }
  }

  /**
   * Terminates the workers. Pending tasks reject. Idempotent.
   * @returns a promise that resolves when every worker has exited
   */
  async close(): Promise<void> {
    this.#closed = true;
    const p = this.#piscina;
    this.#piscina = undefined;
    if (p !== undefined) await p.close({ force: true });
  }
}

/** The error thrown when a parallel call is cancelled. @internal */
export function abortError(fn: string): AbortError {
  return new AbortError('signal must not be aborted (got an aborted signal)', { fn, arg: 'options.signal' });
}

let shared: WorkerPool | undefined;

/**
 * The process-wide pool of `os.availableParallelism()` workers used when no `pool` option is given.
 * Created on first use; {@link closeWorkerPool} terminates it (a later call creates a new one).
 * @returns the shared pool
 * @example
 * defaultWorkerPool().size > 0; // true
 * @remarks Since 0.1.0
 */
export function defaultWorkerPool(): WorkerPool {
  if (shared === undefined || shared.closed) shared = new WorkerPool();
  return shared;
}

/**
 * Terminates the shared default pool (idle workers never keep the process alive, so this is only needed
 * to free threads early or in tests).
 * @returns a promise that resolves when the workers have exited
 * @example
 * await closeWorkerPool();
 * @remarks Since 0.1.0
 */
export async function closeWorkerPool(): Promise<void> {
  const p = shared;
  shared = undefined;
  if (p !== undefined) await p.close();
}
