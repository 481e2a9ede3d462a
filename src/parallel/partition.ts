/**
 * Deterministic row-block partition of an output matrix (HOUSE-STYLE.md §6 determinism (b)): every output
 * entry is computed by exactly one task, with the same code path whatever the number of workers. Block
 * starts are multiples of {@link ROW_ALIGN}, so register-blocked kernels (4-, 8- or 16-row groups) group
 * rows identically in every partition.
 * @internal
 * @packageDocumentation
 */

/** Row blocks start at multiples of this. */
export const ROW_ALIGN = 64;

/** Half-open row range [r0, r1). */
export interface RowBlock {
  readonly r0: number;
  readonly r1: number;
}

/**
 * Splits rows [0, rows) into consecutive blocks of `blockRows` rows (the last one shorter). The partition
 * depends only on its arguments, never on the number of workers, so a result assembled from the blocks is
 * the same whatever the thread count.
 * @internal
 */
export function partitionRows(rows: number, blockRows: number): RowBlock[] {
  const out: RowBlock[] = [];
  const step = Math.max(1, Math.floor(blockRows));
  for (let r0 = 0; r0 < rows; r0 += step) out.push({ r0, r1: Math.min(rows, r0 + step) });
  return out;
}

/**
 * Rows per GEMM task for an m-row output: a multiple of {@link ROW_ALIGN}, 64 to 256, about 8 blocks for
 * m ≤ 2048 (enough to balance the workers; large enough that repacking B per task stays a few percent).
 * @internal
 */
export function gemmBlockRows(m: number): number {
  return Math.min(4 * ROW_ALIGN, Math.max(ROW_ALIGN, ROW_ALIGN * Math.ceil(m / (8 * ROW_ALIGN))));
}

/**
 * Row blocks of roughly equal work for the lower triangle (j ≤ i) of a symmetric n×n output — row i costs
 * i + 1 entries, so blocks shrink towards the bottom — with starts aligned to `align`. `blocks` is a fixed
 * function of n in the callers, never the worker count.
 * @internal
 */
export function partitionTriangle(n: number, blocks: number, align = ROW_ALIGN): RowBlock[] {
  const out: RowBlock[] = [];
  if (n <= 0) return out;
  const total = (n * (n + 1)) / 2;
  const target = total / Math.max(1, blocks);
  let r0 = 0;
  let acc = 0;
  for (let r = 0; r < n; r++) {
    acc += r + 1;
    const end = r + 1;
    if ((acc >= target && end % align === 0) || end === n) {
      out.push({ r0, r1: end });
      r0 = end;
      acc = 0;
    }
  }
  return out;
}
