/**
 * Row tiles of a kernel matrix for sharded computation (`ntk kernel --tile I/N`): the row partition of the
 * worker pool ({@link partitionRows} with blocks of a multiple of {@link ROW_ALIGN} rows), so a tile is
 * exactly a union of whole row groups of the register-blocked kernels and the assembled tiles are the
 * one-process matrix.
 * @internal
 * @packageDocumentation
 */
import { partitionRows, ROW_ALIGN, type RowBlock } from './partition.ts';

/**
 * Rows [r0, r1) of tile `index` of `count` for an `rows`-row output. Tiles have
 * ROW_ALIGN·⌈rows / (count·ROW_ALIGN)⌉ rows (the last shorter); when `rows` is small some trailing tiles
 * are empty (r0 = r1 = rows), so every index in [0, count) names a tile.
 * @internal
 */
export function tileRows(rows: number, index: number, count: number): RowBlock {
  const blocks = partitionRows(rows, ROW_ALIGN * Math.max(1, Math.ceil(rows / (count * ROW_ALIGN))));
  return blocks[index] ?? { r0: rows, r1: rows };
}
