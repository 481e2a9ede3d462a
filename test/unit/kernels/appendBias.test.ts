import { describe, expect, it } from 'vitest';
import { ArgumentTypeError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { appendBias } from '../../../src/kernels/appendBias.ts';
import { normalizeRows } from '../../../src/kernels/normalizeRows.ts';
import { allClose } from '../../helpers/allClose.ts';

describe('appendBias', () => {
  it('should map x to (x, c)/√2, keeping unit rows on the unit sphere', () => {
    const r = appendBias([
      [1, 0],
      [0.6, 0.8],
    ]);
    const s = Math.SQRT1_2;
    expect(allClose(r.data, [s, 0, s, 0.6 * s, 0.8 * s, s], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(r.cols).toBe(3);
    expect(allClose([Math.hypot(...r.data.subarray(3, 6))], [1], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(allClose(appendBias([[0, 0]], 2).data, [0, 0, 2 * s], { rtol: 1e-15 })).toEqual({ ok: true });
  });

  it('should throw typed errors for bad inputs', () => {
    expect(() => appendBias([])).toThrow(ShapeError);
    expect(() => appendBias([[1]], Number.NaN)).toThrow(NonFiniteError);
    expect(() => appendBias([[1]], '1' as unknown as number)).toThrow(ArgumentTypeError);
  });
});

describe('normalizeRows', () => {
  it('should divide rows by their norms, keep zero rows zero and survive huge entries', () => {
    const r = normalizeRows([
      [3, 4],
      [0, 0],
      [1e200, 1e200],
    ]);
    expect(allClose(r.data, [0.6, 0.8, 0, 0, Math.SQRT1_2, Math.SQRT1_2], { rtol: 1e-15 })).toEqual({
      ok: true,
    });
  });

  it('should throw NonFiniteError naming x', () => {
    expect(() => normalizeRows([[Number.NaN]])).toThrow(/normalizeRows: x must be finite/);
  });
});
