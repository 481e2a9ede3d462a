import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/errors.ts';
import { createRng } from '../../../src/random/rng.ts';

describe('createRng', () => {
  it('should be deterministic for a seed and differ between seeds', () => {
    const a = Array.from({ length: 5 }, createRng(1).uniform);
    const b = Array.from({ length: 5 }, createRng(1).uniform);
    const c = Array.from({ length: 5 }, createRng(2).uniform);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('should produce normals with mean ≈ 0 and variance ≈ 1 (within 5 standard errors)', () => {
    const r = createRng(3);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it('should reject a non-integer seed', () => {
    expect(() => createRng(1.5)).toThrow(DomainError);
  });
});
