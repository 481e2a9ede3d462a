import { describe, expect, it } from 'vitest';
import { DomainError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { projectToBall } from '../../../src/nn/projectToBall.ts';
import { createRng } from '../../../src/random/rng.ts';
import { allClose } from '../../helpers/allClose.ts';

const norm = (a: Float64Array, b: Float64Array, off: number, len: number): number => {
  let s = 0;
  for (let i = off; i < off + len; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
};

describe('projectToBall', () => {
  it('should shrink each layer radially and separately, leave inside layers alone', () => {
    const p0 = new Float64Array([1, 1, 1, 0, 0]);
    const p = new Float64Array([4, 5, 1, 0.1, 0.2]);
    const layers = [
      { name: 'W', offset: 0, length: 2 },
      { name: 'a', offset: 3, length: 2 },
    ];
    const d = projectToBall(p, p0, layers, 1);
    expect(allClose(d, [1, Math.hypot(0.1, 0.2)], { rtol: 1e-13 })).toEqual({ ok: true });
    expect(allClose(p, [1 + 0.6, 1 + 0.8, 1, 0.1, 0.2], { rtol: 1e-13 })).toEqual({ ok: true });
  });

  it('should never exceed the radius, even by rounding (1e4 random cases)', () => {
    const rng = createRng(3);
    for (let k = 0; k < 10_000; k++) {
      const n = 1 + rng.int(50);
      const p0 = rng.fillNormal(new Float64Array(n), 10);
      const p = rng.fillNormal(new Float64Array(n), 100);
      const r = rng.uniform() * 5;
      projectToBall(p, p0, [{ name: 'W', offset: 0, length: n }], r);
      expect(norm(p, p0, 0, n)).toBeLessThanOrEqual(r);
    }
  });

  it('should be the nearest point of the ball (idempotent, and the residual is radial)', () => {
    const rng = createRng(5);
    const p0 = rng.fillNormal(new Float64Array(6));
    const q = rng.fillNormal(new Float64Array(6), 5);
    const p = q.slice();
    const layers = [{ name: 'W', offset: 0, length: 6 }];
    projectToBall(p, p0, layers, 0.5);
    const again = p.slice();
    projectToBall(again, p0, layers, 0.5);
    expect(Array.from(again)).toEqual(Array.from(p));
    // q − p is parallel to p − p0
    const u = Array.from(q, (v, i) => v - p[i]);
    const w = Array.from(p, (v, i) => v - p0[i]);
    const cos = u.reduce((s, v, i) => s + v * w[i], 0) / (Math.hypot(...u) * Math.hypot(...w));
    expect(Math.abs(cos - 1)).toBeLessThan(1e-12);
  });

  it('should accept Infinity (no constraint) and 0 (back to the centre)', () => {
    const p = new Float64Array([3, 4]);
    const p0 = new Float64Array([1, 1]);
    const layers = [{ name: 'W', offset: 0, length: 2 }];
    projectToBall(p, p0, layers, Number.POSITIVE_INFINITY);
    expect(Array.from(p)).toEqual([3, 4]);
    projectToBall(p, p0, layers, 0);
    expect(Array.from(p)).toEqual([1, 1]);
  });

  it('should reject bad arguments with typed errors', () => {
    const l = [{ name: 'W', offset: 0, length: 2 }];
    expect(() => projectToBall(new Float64Array(2), new Float64Array(3), l, 1)).toThrow(ShapeError);
    expect(() => projectToBall(new Float64Array(1), new Float64Array(1), l, 1)).toThrow(ShapeError);
    expect(() => projectToBall(new Float64Array(2), new Float64Array(2), l, -1)).toThrow(DomainError);
    expect(() => projectToBall(new Float64Array([Number.NaN, 0]), new Float64Array(2), l, 1)).toThrow(
      NonFiniteError,
    );
  });
});
