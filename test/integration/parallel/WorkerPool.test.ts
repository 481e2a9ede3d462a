import { afterAll, describe, expect, it } from 'vitest';
import { AbortError } from '../../../src/errors.ts';
import type { ParallelTask } from '../../../src/parallel/tasks.ts';
import { closeWorkerPool, defaultWorkerPool, WorkerPool } from '../../../src/parallel/WorkerPool.ts';

const pool = new WorkerPool({ size: 1 });
afterAll(async () => {
  await pool.close();
  await closeWorkerPool();
});

describe('WorkerPool', () => {
  it('should run a task on shared buffers and write the result in place', async () => {
    const a = new SharedArrayBuffer(4 * 8);
    const c = new SharedArrayBuffer(4 * 8);
    new Float64Array(a).set([1, 2, 3, 4]);
    const task: ParallelTask = {
      kind: 'gemm',
      backend: 'js',
      transA: false,
      transB: false,
      m: 2,
      n: 2,
      k: 2,
      alpha: 1,
      a,
      offA: 0,
      lda: 2,
      b: a,
      offB: 0,
      ldb: 2,
      beta: 0,
      c,
      offC: 0,
      ldc: 2,
    };
    expect(await pool.run(task)).toBe(2);
    expect(Array.from(new Float64Array(c))).toEqual([7, 10, 15, 22]);
  });

  it('should surface an error thrown inside the worker', async () => {
    await expect(pool.run({ kind: 'nope' } as unknown as ParallelTask)).rejects.toThrow(
      /unknown task kind nope/,
    );
  });

  it('should reject an already aborted signal with AbortError without running the task', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(
      pool.run({ kind: 'nope' } as unknown as ParallelTask, { signal: ac.signal }),
    ).rejects.toThrow(AbortError);
  });

  it('should share one default pool until it is closed', async () => {
    const p = defaultWorkerPool();
    expect(defaultWorkerPool()).toBe(p);
    await closeWorkerPool();
    expect(p.closed).toBe(true);
    expect(defaultWorkerPool()).not.toBe(p);
  });
});
