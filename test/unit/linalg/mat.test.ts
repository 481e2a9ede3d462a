import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { ArgumentTypeError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { from2D, mat, toMat, toMlMatrix, transpose } from '../../../src/linalg/mat.ts';

describe('mat adapters', () => {
  it('should round-trip nested arrays and ml-matrix', () => {
    const a = from2D([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect([a.rows, a.cols]).toEqual([2, 3]);
    expect(Array.from(transpose(a).data)).toEqual([1, 4, 2, 5, 3, 6]);
    const m = toMlMatrix(a);
    expect(m.get(1, 2)).toBe(6);
    expect(Array.from(toMat(new Matrix([[7, 8]]), 'f', 'x').data)).toEqual([7, 8]);
  });

  it('should reject ragged, non-finite, empty and wrongly typed input with named errors', () => {
    expect(() => from2D([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => toMat([[1, Number.NaN]], 'gram', 'x1')).toThrow(
      /gram: x1 must be finite \(got NaN at \[0, 1\]\)/,
    );
    expect(() => toMat([[1, Number.NaN]], 'gram', 'x1')).toThrow(NonFiniteError);
    expect(() => toMat([], 'gram', 'x1')).toThrow(ShapeError);
    expect(() => toMat('x', 'gram', 'x1')).toThrow(ArgumentTypeError);
    expect(() => mat(2, 2, new Float64Array(3))).toThrow(ShapeError);
  });
});
