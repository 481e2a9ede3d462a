/**
 * Gram matrices of every serialisable kernel spec on the calling thread and on the worker pool: the worker
 * path must be bit-identical to the single-thread kernel factories for any worker count, symmetric and
 * cross, including awkward row counts (not multiples of the 64-row alignment).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fcReluKernel } from '../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../src/kernels/twoLayerNtk.ts';
import type { GramSpec } from '../../src/parallel/gramSpec.ts';
import { parallelGram } from '../../src/parallel/parallelGram.ts';
import { WorkerPool } from '../../src/parallel/WorkerPool.ts';
import { createRng } from '../../src/random/rng.ts';
import type { KernelPair, Mat } from '../../src/types.ts';

const SPECS: readonly GramSpec[] = [
  { kind: 'fc-relu' },
  { kind: 'fc-relu', depth: 3, wStd: 1.4, bStd: 0.3 },
  { kind: 'fc-relu', depth: 2, wStd: 1, bStd: 0.1, parameterization: 'standard', width: 64 },
  { kind: 'two-layer' },
  { kind: 'two-layer', activation: 'relu2', train: 'both' },
];

function inputs(n: number, d: number, seed: number): Mat {
  const rng = createRng(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  // a duplicated and an antiparallel row exercise the θ = 0 and θ = π ends
  for (let j = 0; j < d; j++) {
    data[d + j] = data[j];
    data[2 * d + j] = -data[j];
  }
  return { rows: n, cols: d, data };
}

function single(spec: GramSpec, x1: Mat, x2: Mat | null): KernelPair {
  if (spec.kind === 'fc-relu') {
    const { kind: _k, ...options } = spec;
    return fcReluKernel(options)(x1, x2);
  }
  const { kind: _k, ...options } = spec;
  return twoLayerNtk(options)(x1, x2);
}

const bits = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
const identical = (p: KernelPair, q: KernelPair) =>
  p.nngp.rows === q.nngp.rows &&
  p.nngp.cols === q.nngp.cols &&
  bits(p.nngp.data).equals(bits(q.nngp.data)) &&
  bits(p.ntk.data).equals(bits(q.ntk.data));

const pool = new WorkerPool({ size: 2 });
afterAll(() => pool.close());

describe('gram conformance (js vs js+workers)', () => {
  const x1 = inputs(203, 7, 11);
  const x2 = inputs(131, 7, 12);
  SPECS.forEach((spec) => {
    const label = JSON.stringify(spec);
    it(`should be bit-identical to the single-thread kernel, symmetric, 1 and 2 workers: ${label}`, async () => {
      const ref = single(spec, x1, null);
      for (const workers of [1, 2]) {
        expect(identical(await parallelGram(spec, x1, undefined, { pool, workers }), ref)).toBe(true);
      }
    });

    it(`should be bit-identical to the single-thread kernel, cross, 1 and 2 workers: ${label}`, async () => {
      const ref = single(spec, x1, x2);
      for (const workers of [1, 2]) {
        expect(identical(await parallelGram(spec, x1, x2, { pool, workers }), ref)).toBe(true);
      }
    });
  });

  it('should be bit-identical on the calling-thread path for small inputs', async () => {
    const small = inputs(20, 3, 5);
    for (const spec of SPECS) {
      expect(identical(await parallelGram(spec, small, null, { pool }), single(spec, small, null))).toBe(
        true,
      );
    }
  });
});
