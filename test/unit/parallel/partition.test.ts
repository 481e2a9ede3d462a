import { describe, expect, it } from 'vitest';
import {
  gemmBlockRows,
  partitionRows,
  partitionTriangle,
  ROW_ALIGN,
} from '../../../src/parallel/partition.ts';

const covers = (blocks: { r0: number; r1: number }[], n: number) => {
  let next = 0;
  for (const b of blocks) {
    if (b.r0 !== next || b.r1 <= b.r0) return false;
    next = b.r1;
  }
  return next === n;
};

describe('partition', () => {
  it('should cover [0, rows) with consecutive disjoint blocks', () => {
    for (const rows of [1, 63, 64, 65, 200, 1000]) {
      expect(covers(partitionRows(rows, gemmBlockRows(rows)), rows)).toBe(true);
      expect(covers(partitionTriangle(rows, 8), rows)).toBe(true);
    }
  });

  it('should return no blocks for zero rows', () => {
    expect(partitionRows(0, 64)).toEqual([]);
    expect(partitionTriangle(0, 4)).toEqual([]);
  });

  it('should start every GEMM and triangle block at a multiple of ROW_ALIGN', () => {
    for (const rows of [100, 513, 2048, 5000]) {
      for (const b of partitionRows(rows, gemmBlockRows(rows))) expect(b.r0 % ROW_ALIGN).toBe(0);
      for (const b of partitionTriangle(rows, 8)) expect(b.r0 % ROW_ALIGN).toBe(0);
    }
  });

  it('should size GEMM blocks between 64 and 256 rows, about 8 blocks up to 2048 rows', () => {
    expect(gemmBlockRows(10)).toBe(64);
    expect(gemmBlockRows(512)).toBe(64);
    expect(gemmBlockRows(1024)).toBe(128);
    expect(gemmBlockRows(2048)).toBe(256);
    expect(gemmBlockRows(100000)).toBe(256);
  });

  it('should give the first (shorter) rows of a lower triangle larger blocks of about equal work', () => {
    const blocks = partitionTriangle(2048, 8);
    expect(blocks.length).toBeGreaterThan(4);
    const first = blocks[0];
    const last = blocks[blocks.length - 1];
    expect(first.r1 - first.r0).toBeGreaterThan(last.r1 - last.r0);
    const work = (b: { r0: number; r1: number }) => (b.r1 * (b.r1 + 1)) / 2 - (b.r0 * (b.r0 + 1)) / 2;
    const total = (2048 * 2049) / 2;
    for (const b of blocks.slice(0, -1)) expect(work(b)).toBeLessThan((2 * total) / 8);
  });
});
