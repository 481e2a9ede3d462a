import { afterAll, describe, expect, it } from 'vitest';
import { AbortError, DomainError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import type { GramSpec } from '../../../src/parallel/gramSpec.ts';
import { parallelGram } from '../../../src/parallel/parallelGram.ts';
import { WorkerPool } from '../../../src/parallel/WorkerPool.ts';
import { createRng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

const pool = new WorkerPool({ size: 2 });
afterAll(() => pool.close());

function inputs(n: number, d: number, seed: number): Mat {
  const rng = createRng(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { rows: n, cols: d, data };
}

describe('parallelGram', () => {
  it('should give the hand-checked ReLU NTK of orthogonal unit inputs (1/(4π) off the diagonal)', async () => {
    const k = await parallelGram({ kind: 'fc-relu', depth: 1 }, [
      [1, 0],
      [0, 1],
    ]);
    expect(allClose(k.ntk.data, [0.5, 1 / (4 * Math.PI), 1 / (4 * Math.PI), 0.5], { rtol: 1e-14 })).toEqual({
      ok: true,
    });
  });

  it('should return a symmetric matrix with the shapes of the inputs', async () => {
    const x = inputs(150, 4, 1);
    const k = await parallelGram({ kind: 'two-layer' }, x, null, { pool });
    expect([k.ntk.rows, k.ntk.cols]).toEqual([150, 150]);
    for (let i = 0; i < 150; i++)
      for (let j = 0; j < i; j++) expect(k.ntk.data[i * 150 + j]).toBe(k.ntk.data[j * 150 + i]);
    const c = await parallelGram({ kind: 'two-layer' }, x, inputs(140, 4, 2), { pool });
    expect([c.nngp.rows, c.nngp.cols]).toEqual([150, 140]);
  });

  it('should treat x2 === x1 as the symmetric case', async () => {
    const x = inputs(140, 3, 3);
    const a = await parallelGram({ kind: 'fc-relu', depth: 2 }, x, x, { pool });
    const b = fcReluKernel({ depth: 2 })(x);
    expect(Buffer.from(a.ntk.data.buffer).equals(Buffer.from(b.ntk.data.buffer))).toBe(true);
  });

  it('should reject unknown kinds and invalid kernel options with DomainError', async () => {
    const x = inputs(3, 2, 4);
    await expect(parallelGram({ kind: 'rbf' } as unknown as GramSpec, x)).rejects.toThrow(DomainError);
    await expect(parallelGram({ kind: 'rbf' } as unknown as GramSpec, x)).rejects.toThrow(
      "parallelGram: spec.kind must be one of 'fc-relu', 'two-layer'",
    );
    await expect(parallelGram({ kind: 'fc-relu', wStd: -1 }, x)).rejects.toThrow(DomainError);
    await expect(parallelGram({ kind: 'two-layer', train: 'none' as 'first' }, x)).rejects.toThrow(
      DomainError,
    );
    await expect(parallelGram({ kind: 'fc-relu' }, x, null, { workers: 0 })).rejects.toThrow(DomainError);
  });

  it('should reject bad inputs with ShapeError and NonFiniteError', async () => {
    await expect(parallelGram({ kind: 'fc-relu' }, inputs(3, 2, 5), inputs(3, 3, 6))).rejects.toThrow(
      ShapeError,
    );
    await expect(parallelGram({ kind: 'fc-relu' }, [[1, Number.POSITIVE_INFINITY]])).rejects.toThrow(
      NonFiniteError,
    );
  });

  it('should reject with AbortError when the signal aborts, and keep the pool usable', async () => {
    const x = inputs(600, 16, 7);
    const pre = new AbortController();
    pre.abort();
    await expect(
      parallelGram({ kind: 'fc-relu', depth: 3 }, x, null, { pool, signal: pre.signal }),
    ).rejects.toThrow(AbortError);
    const ac = new AbortController();
    const p = parallelGram({ kind: 'fc-relu', depth: 3 }, x, null, { pool, signal: ac.signal });
    setTimeout(() => ac.abort(), 1);
    await expect(p).rejects.toMatchObject({ code: 'E_ABORTED' });
    const k = await parallelGram({ kind: 'fc-relu' }, inputs(130, 2, 8), null, { pool });
    expect(k.ntk.rows).toBe(130);
  });
});
