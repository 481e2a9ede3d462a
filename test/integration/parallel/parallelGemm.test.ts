import { afterAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  ArgumentTypeError,
  DomainError,
  NonFiniteError,
  ShapeError,
} from '../../../src/errors.ts';
import { matmul } from '../../../src/linalg/matmul.ts';
import { closeWorkerPool, parallelGemm, WorkerPool } from '../../../src/parallel/index.ts';
import { createRng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

function randomMat(rows: number, cols: number, seed: number): Mat {
  const rng = createRng(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { rows, cols, data };
}

const same = (x: Float64Array, y: Float64Array) => Buffer.from(x.buffer).equals(Buffer.from(y.buffer));

const pool2 = new WorkerPool({ size: 2 });
afterAll(async () => {
  await pool2.close();
  await closeWorkerPool();
});

describe('parallelGemm', () => {
  const a = randomMat(300, 120, 1);
  const b = randomMat(120, 90, 2);

  it('should equal matmul within rtol 1e-12 on both backends', async () => {
    const ref = matmul(a, b);
    for (const backend of ['js', 'wasm-simd'] as const) {
      const c = await parallelGemm(a, b, { backend, pool: pool2 });
      expect([c.rows, c.cols]).toEqual([300, 90]);
      expect(allClose(c.data, ref.data, { rtol: 1e-12, atol: 1e-12 })).toEqual({ ok: true });
    }
  });

  it('should be bit-identical for 1 and 2 workers and for pools of size 1 and 2', async () => {
    const pool1 = new WorkerPool({ size: 1 });
    try {
      for (const backend of ['js', 'wasm-simd'] as const) {
        const r1 = await parallelGemm(a, b, { backend, pool: pool2, workers: 1 });
        const r2 = await parallelGemm(a, b, { backend, pool: pool2, workers: 2 });
        const r3 = await parallelGemm(a, b, { backend, pool: pool1 });
        expect(same(r1.data, r2.data)).toBe(true);
        expect(same(r1.data, r3.data)).toBe(true);
      }
    } finally {
      await pool1.close();
    }
  });

  it('should apply transposes and alpha', async () => {
    const c = await parallelGemm(
      [
        [1, 3],
        [2, 4],
      ],
      [
        [1, 0],
        [1, 1],
      ],
      { transA: true, transB: true, alpha: 2, backend: 'wasm-simd' },
    );
    // Aᵀ = [[1,2],[3,4]], Bᵀ = [[1,1],[0,1]] → [[1,3],[3,7]] · 2
    expect(Array.from(c.data)).toEqual([2, 6, 6, 14]);
  });

  it('should reject mismatched inner dimensions with ShapeError', async () => {
    await expect(parallelGemm(randomMat(2, 3, 3), randomMat(2, 3, 4))).rejects.toThrow(ShapeError);
    await expect(parallelGemm(randomMat(2, 3, 3), randomMat(2, 3, 4))).rejects.toThrow(
      'parallelGemm: a and b must have matching inner dimensions (got 3 and 2)',
    );
  });

  it('should reject non-finite inputs and bad options', async () => {
    await expect(parallelGemm([[Number.NaN]], [[1]])).rejects.toThrow(NonFiniteError);
    await expect(parallelGemm([[1]], [[1]], { workers: 0 })).rejects.toThrow(DomainError);
    await expect(parallelGemm([[1]], [[1]], { transA: 1 as unknown as boolean })).rejects.toThrow(
      ArgumentTypeError,
    );
  });

  it('should reject with AbortError (E_ABORTED) when the signal aborts', async () => {
    const big = randomMat(512, 512, 5);
    const pre = new AbortController();
    pre.abort();
    await expect(parallelGemm(big, big, { pool: pool2, signal: pre.signal })).rejects.toThrow(AbortError);
    const ac = new AbortController();
    const p = parallelGemm(big, big, { pool: pool2, signal: ac.signal, backend: 'js' });
    setTimeout(() => ac.abort(), 1);
    await expect(p).rejects.toMatchObject({ code: 'E_ABORTED' });
    // the pool still works afterwards
    const c = await parallelGemm(a, b, { pool: pool2 });
    expect(c.rows).toBe(300);
  });

  it('should refuse to run on a closed pool', async () => {
    const p = new WorkerPool({ size: 1 });
    await p.close();
    await expect(parallelGemm(a, b, { pool: p })).rejects.toThrow(/closed pool/);
  });

  it('should validate the pool size', () => {
    expect(() => new WorkerPool({ size: 0 })).toThrow(DomainError);
    expect(new WorkerPool({ size: 3 }).size).toBe(3);
  });
});
