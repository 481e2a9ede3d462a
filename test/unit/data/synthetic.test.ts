import { describe, expect, it } from 'vitest';
import { binaryLabels } from '../../../src/data/binaryLabels.ts';
import { capacityConstruction } from '../../../src/data/capacityConstruction.ts';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { separatedClusters } from '../../../src/data/separatedClusters.ts';
import { standardize } from '../../../src/data/standardize.ts';
import { trainTestSplit } from '../../../src/data/trainTestSplit.ts';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { DomainError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { createRng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

const rowNorms = (m: Mat): number[] =>
  Array.from({ length: m.rows }, (_, i) => Math.hypot(...m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const dist = (a: Mat, i: number, b: Mat, k: number): number =>
  Math.hypot(...Array.from({ length: a.cols }, (_, j) => a.data[i * a.cols + j] - b.data[k * b.cols + j]));

describe('uniformSphere', () => {
  it('should return unit rows, be deterministic in the seed and differ across seeds', () => {
    const a = uniformSphere(50, 4, { seed: 7 });
    expect(allClose(rowNorms(a), new Array(50).fill(1), { rtol: 0, atol: 1e-15 })).toEqual({ ok: true });
    expect(uniformSphere(50, 4, { seed: 7 }).data).toEqual(a.data);
    expect(uniformSphere(50, 4, { seed: 8 }).data).not.toEqual(a.data);
  });

  it('should have mean ≈ 0 and second moment ≈ I/d (isotropy, 4 standard errors)', () => {
    const n = 20000;
    const d = 3;
    const x = uniformSphere(n, d, { seed: 1 });
    for (let j = 0; j < d; j++) {
      let m = 0;
      let s = 0;
      for (let i = 0; i < n; i++) {
        m += x.data[i * d + j];
        s += x.data[i * d + j] ** 2;
      }
      // Var of x_j is 1/d; of x_j² it is 2/(d(d+2)) − … ≤ 0.1 for d = 3.
      expect(Math.abs(m / n)).toBeLessThan(4 * Math.sqrt(1 / d / n));
      expect(Math.abs(s / n - 1 / d)).toBeLessThan(4 * Math.sqrt(0.1 / n));
    }
  });

  it('should accept an rng and reject bad sizes', () => {
    expect(uniformSphere(2, 2, { rng: createRng(3) }).data).toEqual(uniformSphere(2, 2, { seed: 3 }).data);
    expect(() => uniformSphere(2, 0)).toThrow(DomainError);
    expect(() => uniformSphere(-1, 2)).toThrow(/n must be an integer >= 0/);
  });
});

describe('circlePoints', () => {
  it('should place six points at kπ/3 with alternating labels (three antipodal pairs)', () => {
    const c = circlePoints(6);
    const want = [0, 1, 2, 3, 4, 5].flatMap((k) => [
      Math.cos((k * Math.PI) / 3),
      Math.sin((k * Math.PI) / 3),
    ]);
    expect(allClose(c.x.data, want, { rtol: 0, atol: 1e-15 })).toEqual({ ok: true });
    expect(Array.from(c.y)).toEqual([1, -1, 1, -1, 1, -1]);
    for (let k = 0; k < 3; k++) expect(Math.abs(dist(c.x, k, c.x, k + 3) - 2)).toBeLessThan(1e-15);
  });

  it('should apply the offset and reject n < 1', () => {
    const c = circlePoints(4, { offset: Math.PI / 4 });
    expect(allClose([c.x.data[0], c.x.data[1]], [Math.SQRT1_2, Math.SQRT1_2])).toEqual({ ok: true });
    expect(() => circlePoints(0)).toThrow(DomainError);
    expect(() => circlePoints(3, { offset: Number.NaN })).toThrow(NonFiniteError);
  });
});

describe('separatedClusters', () => {
  it('should put points on the sphere with class centres at least `separation` apart', () => {
    const s = separatedClusters(30, 5, { classes: 3, separation: 1.2, spread: 0.1, seed: 2 });
    expect(allClose(rowNorms(s.x), new Array(30).fill(1), { rtol: 0, atol: 1e-15 })).toEqual({ ok: true });
    for (let a = 0; a < 3; a++)
      for (let b = a + 1; b < 3; b++) expect(dist(s.centers, a, s.centers, b)).toBeGreaterThanOrEqual(1.2);
    // Each point lies within spread of its centre before projection, so within 2·spread after.
    for (let i = 0; i < 30; i++) expect(dist(s.x, i, s.centers, s.y[i])).toBeLessThanOrEqual(0.2);
    expect(s.minGap).toBeGreaterThanOrEqual(1.2 - 0.4);
    expect(Array.from(s.y.slice(0, 4))).toEqual([0, 1, 2, 0]);
  });

  it('should report the true minimum distance between classes', () => {
    const s = separatedClusters(12, 3, { seed: 5 });
    let m = Number.POSITIVE_INFINITY;
    for (let a = 0; a < 12; a++)
      for (let b = 0; b < 12; b++) if (s.y[a] !== s.y[b]) m = Math.min(m, dist(s.x, a, s.x, b));
    expect(s.minGap).toBe(m);
  });

  it('should throw DomainError when the centres cannot be placed', () => {
    expect(() => separatedClusters(10, 2, { classes: 8, separation: 1.9 })).toThrow(/must allow 8 centres/);
  });
});

describe('capacityConstruction', () => {
  for (const d of [2, 3, 7]) {
    it(`should satisfy the exact C14 identities in d = ${d} (1e-12)`, () => {
      const t = 0.3;
      const c = capacityConstruction(3, d, { t, seed: d });
      const mu = t * Math.sqrt(1 - 1 / d);
      expect(Math.abs(c.radius - mu)).toBeLessThan(1e-15);
      for (let k = 0; k < 3; k++) {
        expect(Math.abs(dist(c.x, 2 * k, c.x, 2 * k + 1) - 2 * t)).toBeLessThan(1e-12);
        expect(2 * t).toBeGreaterThan(2 * mu);
        for (let j = 0; j < d; j++) {
          const b = c.probeLabels[k * d + j];
          const same = b === 1 ? 2 * k : 2 * k + 1;
          const other = b === 1 ? 2 * k + 1 : 2 * k;
          expect(Math.abs(dist(c.probes, k * d + j, c.x, same) - mu)).toBeLessThan(1e-12);
          expect(Math.abs(dist(c.probes, k * d + j, c.x, other) - t * Math.sqrt(1 + 3 / d))).toBeLessThan(
            1e-12,
          );
          // Probes are far from every other cell's points.
          for (let r = 0; r < c.x.rows; r++) {
            if (r >> 1 !== k) expect(dist(c.probes, k * d + j, c.x, r)).toBeGreaterThan(mu);
          }
        }
      }
    });
  }

  it('should use given labelings and validate them', () => {
    const labelings = { rows: 1, cols: 2, data: new Float64Array([1, -1]) };
    const c = capacityConstruction(1, 2, { t: 1, labelings });
    expect(Array.from(c.probeLabels)).toEqual([1, -1]);
    expect(allClose(c.x.data, [Math.SQRT1_2, -Math.SQRT1_2, -Math.SQRT1_2, Math.SQRT1_2])).toEqual({
      ok: true,
    });
    expect(() => capacityConstruction(2, 2, { labelings })).toThrow(ShapeError);
    expect(() =>
      capacityConstruction(1, 2, { labelings: { rows: 1, cols: 2, data: new Float64Array([1, 0]) } }),
    ).toThrow(/must be \+1 or -1/);
    expect(() => capacityConstruction(1, 2, { t: 1, spacing: 2 })).toThrow(DomainError);
  });
});

describe('standardize', () => {
  it('should give zero-mean, unit-variance columns and reuse training statistics', () => {
    const x = [
      [1, 10, 3],
      [2, 20, 3],
      [6, 60, 3],
    ];
    const s = standardize(x);
    for (let j = 0; j < 3; j++) {
      const col = [0, 1, 2].map((i) => s.x.data[i * 3 + j]);
      const mean = col.reduce((a, b) => a + b) / 3;
      const varc = col.reduce((a, b) => a + (b - mean) ** 2, 0) / 3;
      expect(Math.abs(mean)).toBeLessThan(1e-15);
      expect(Math.abs(varc - (j === 2 ? 0 : 1))).toBeLessThan(1e-14);
    }
    const t = standardize([[3, 30, 4]], { mean: s.mean, std: s.std });
    expect(allClose(t.x.data, [0, 0, 1], { atol: 1e-15 })).toEqual({ ok: true });
    expect(() => standardize([[1, 2]], { mean: new Float64Array(1) })).toThrow(ShapeError);
    expect(() => standardize([[Number.NaN]])).toThrow(NonFiniteError);
  });
});

describe('binaryLabels and trainTestSplit', () => {
  const ds = {
    x: { rows: 5, cols: 1, data: new Float64Array([0, 1, 2, 3, 4]) },
    y: new Float64Array([0, 1, 2, 1, 0]),
    classNames: ['a', 'b', 'c'],
    source: 'toy',
  };

  it('should keep two classes as ±1 in order', () => {
    const b = binaryLabels(ds, 1, 0);
    expect(Array.from(b.x.data)).toEqual([0, 1, 3, 4]);
    expect(Array.from(b.y)).toEqual([-1, 1, 1, -1]);
    expect(b.classNames).toEqual(['a', 'b']);
    expect(() => binaryLabels(ds, 1, 1)).toThrow(DomainError);
    expect(() => binaryLabels(ds, 1, 9)).toThrow(/neg must be a class present/);
  });

  it('should split into a seeded permutation without losing or repeating rows', () => {
    const big = {
      x: { rows: 20, cols: 1, data: Float64Array.from({ length: 20 }, (_, i) => i) },
      y: new Float64Array(20),
      source: 's',
    };
    const { train, test } = trainTestSplit(big, { testFraction: 0.3, seed: 4 });
    expect([train.x.rows, test.x.rows]).toEqual([14, 6]);
    const all = [...train.x.data, ...test.x.data].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(trainTestSplit(big, { testFraction: 0.3, seed: 4 }).test.x.data).toEqual(test.x.data);
    expect(() => trainTestSplit(big, { testFraction: 1.5 })).toThrow(DomainError);
  });
});
