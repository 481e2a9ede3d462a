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
 * Splits rows [0, rows) into at most `blocks` contiguous blocks whose starts are multiples of `align`.
 * @internal
 */
export function partitionRows(rows: number, blocks: number, align = ROW_ALIGN): RowBlock[] {
  const out: RowBlock[] = [];
  if (rows <= 0) return out;
  const units = Math.ceil(rows / align);
  const per = Math.max(1, Math.ceil(units / Math.max(1, blocks)));
  for (let u = 0; u < units; u += per) {
    out.push({ r0: u * align, r1: Math.min(rows, (u + per) * align) });
  }
  return out;
}

/**
 * Row blocks of roughly equal work for the upper triangle of a symmetric n×n output (row i costs n − i),
 * starts aligned to `align`.
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
    acc += n - r;
    const end = r + 1;
    if ((acc >= target && end % align === 0) || end === n) {
      out.push({ r0, r1: end });
      r0 = end;
      acc = 0;
    }
  }
  return out;
}
