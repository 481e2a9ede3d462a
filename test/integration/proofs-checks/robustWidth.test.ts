import { describe, expect, it } from 'vitest';
import { overlappingCircle } from '../../../proofs-checks/c17-robust-loss-near-zero.ts';
import { circleData } from '../../../proofs-checks/shared/circleData.ts';
import { capsOverlap, doublingGrid, logLogSlope } from '../../../proofs-checks/shared/robustWidth.ts';

describe('C17/C18 helpers', () => {
  it('should detect overlapping caps of opposite labels exactly at angle ≤ 2ρ', () => {
    const base = circleData(8, 'pairs', 0.1);
    // Oppositely labelled neighbours are π/4 apart: caps touch at ρ = π/8.
    expect(capsOverlap(base, Math.PI / 8 - 1e-9)).toBe(false);
    expect(capsOverlap(base, Math.PI / 8 + 1e-9)).toBe(true);
    // The injected point sits at angular distance 0.05 from point 0 with the opposite label.
    const o = overlappingCircle(0.05);
    expect(o.x.rows).toBe(9);
    expect(o.y[8]).toBe(-o.y[0]);
    expect(capsOverlap(o, 0.0249)).toBe(false);
    expect(capsOverlap(o, 0.0251)).toBe(true);
  });

  it('should fit the exponent of a power law exactly and give the doubling grid', () => {
    const m = doublingGrid(8, 1024);
    expect(m).toEqual([8, 16, 32, 64, 128, 256, 512, 1024]);
    const { slope, se } = logLogSlope(
      m,
      m.map((v) => 3 * v ** -0.5),
    );
    expect(Math.abs(slope + 0.5)).toBeLessThan(1e-14);
    expect(se).toBeLessThan(1e-13);
  });
});
