import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/errors.ts';
import { type LossName, loss, softplus } from '../../../src/nn/loss.ts';

describe('loss', () => {
  it('should give exact values at simple points', () => {
    expect(loss('square').value(3, 1)).toBe(4);
    expect(loss('hinge').value(0.25, 1)).toBe(0.75);
    expect(loss('hinge').value(2, 1)).toBe(0);
    expect(loss('logistic').value(0, -1)).toBe(Math.LN2);
  });

  it('should stay finite and accurate for huge margins (no overflow in the logistic loss)', () => {
    expect(loss('logistic').value(-1000, 1)).toBe(1000);
    expect(loss('logistic').value(1000, 1)).toBe(0);
    expect(softplus(-40)).toBeGreaterThan(0);
    expect(Math.abs(loss('logistic').derivative(-1000, 1) + 1)).toBe(0);
  });

  it('should have derivatives equal to central differences away from kinks', () => {
    for (const name of ['square', 'logistic', 'hinge'] as LossName[]) {
      const l = loss(name);
      for (const [p, y] of [
        [0.3, 1],
        [-0.7, -1],
        [2.5, -1],
      ]) {
        const h = 1e-6;
        const fd = (l.value(p + h, y) - l.value(p - h, y)) / (2 * h);
        expect(Math.abs(fd - l.derivative(p, y))).toBeLessThan(1e-7);
      }
    }
  });

  it('should reject an unknown loss name', () => {
    expect(() => loss('l1' as LossName)).toThrow(DomainError);
    expect(() => loss('l1' as LossName)).toThrow(/loss: name must be one of 'square', 'logistic', 'hinge'/);
  });
});
