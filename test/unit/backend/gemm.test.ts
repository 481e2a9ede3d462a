import { describe, expect, it } from 'vitest';
import { gemm } from '../../../src/backend/gemm.ts';
import { ArgumentTypeError, DomainError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { matmul } from '../../../src/linalg/matmul.ts';
import { createRng } from '../../../src/random/rng.ts';
import { allClose } from '../../helpers/allClose.ts';

describe('gemm', () => {
  it('should compute a hand-checked product on both backends', () => {
    for (const backend of ['js', 'wasm-simd'] as const) {
      const c = gemm(
        [
          [1, 2],
          [3, 4],
        ],
        [[1], [1]],
        { backend },
      );
      expect([c.rows, c.cols]).toEqual([2, 1]);
      expect(Array.from(c.data)).toEqual([3, 7]);
    }
  });

  it('should match matmul with transposes and alpha (rtol 1e-12)', () => {
    const rng = createRng(9);
    const a = { rows: 40, cols: 30, data: new Float64Array(1200).map(() => rng.normal()) };
    const b = { rows: 50, cols: 40, data: new Float64Array(2000).map(() => rng.normal()) };
    const ref = matmul(a, b, { transA: true, transB: true });
    const c = gemm(a, b, { transA: true, transB: true, alpha: -2, backend: 'wasm-simd' });
    expect(
      allClose(
        c.data,
        ref.data.map((v) => -2 * v),
        { rtol: 1e-12, atol: 1e-12 },
      ),
    ).toEqual({ ok: true });
  });

  it('should validate shapes, values and options', () => {
    expect(() => gemm([[1, 2]], [[1, 2]])).toThrow(ShapeError);
    expect(() => gemm([[1, 2]], [[1, 2]])).toThrow(
      'gemm: a and b must have matching inner dimensions (got 2 and 1)',
    );
    expect(() => gemm([[Number.NaN]], [[1]])).toThrow(NonFiniteError);
    expect(() => gemm([[1]], [[1]], { backend: 'gpu' as 'js' })).toThrow(DomainError);
    expect(() => gemm([[1]], [[1]], { transB: 'yes' as unknown as boolean })).toThrow(ArgumentTypeError);
  });
});
