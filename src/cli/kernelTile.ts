/**
 * Row tile I of N of a kernel matrix (`ntk kernel --tile I/N`) and the sidecar that lets `ntk assemble`
 * check and join the tiles.
 * @packageDocumentation
 */
import type { KernelFn } from '../kernels/types.ts';
import { tileRows } from '../parallel/tileRows.ts';
import type { KernelPair, Mat } from '../types.ts';
import { UsageError } from './context.ts';

/** A parsed `--tile I/N`. */
export interface TileIndex {
  readonly index: number;
  readonly count: number;
}

/** Parses `I/N` (0 ≤ I < N); a malformed value is a usage error naming `--tile`. */
export function parseTile(value: string): TileIndex {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m === null ? Number.NaN : Number(m[1]);
  const count = m === null ? Number.NaN : Number(m[2]);
  if (!(count >= 1 && index < count && Number.isSafeInteger(count))) {
    throw new UsageError(`--tile must be I/N with 0 ≤ I < N (got ${JSON.stringify(value)})`);
  }
  return { index, count };
}

/** Sidecar `<out>.tile.json` of a tile file: which rows of which matrix it holds. */
export interface TileSidecar {
  readonly format: 'ntk-tile';
  readonly version: 1;
  readonly tile: number;
  readonly tiles: number;
  /** First row and one past the last row of the full matrix held by the tile. */
  readonly rows: readonly [number, number];
  /** Shape of the full matrix. */
  readonly shape: readonly [number, number];
  readonly get: string;
  /** The kernel settings (the assembled tiles must agree on them). */
  readonly settings: Record<string, unknown>;
}

function slice(x: Mat, r0: number, r1: number): Mat {
  return { rows: r1 - r0, cols: x.cols, data: x.data.subarray(r0 * x.cols, r1 * x.cols) };
}

/**
 * Rows [r0, r1) of K(x1, x2) (or of the Gram matrix K(x1, x1) when x2 is null), bit-identical to the same
 * rows of `k(x1, x2)`. Cross matrices: the kernels compute each row independently of the others (any row
 * split gives the same bits). Gram matrices: the one-process kernel computes the lower triangle and
 * mirrors it, and every per-entry formula is symmetric in its two rows bit for bit, so the rows of the
 * cross matrix K(x1[r0:r1], x1) are the Gram rows once their diagonal entries are replaced by the kernel's
 * diagonal formula (which the one-process Gram also uses).
 */
export function kernelTile(
  k: KernelFn,
  x1: Mat,
  x2: Mat | null,
  tile: TileIndex,
  signal?: AbortSignal,
): KernelPair & { r0: number; r1: number } {
  const { r0, r1 } = tileRows(x1.rows, tile.index, tile.count);
  const n2 = x2 === null ? x1.rows : x2.rows;
  if (r1 === r0) {
    const empty = (): Mat => ({ rows: 0, cols: n2, data: new Float64Array(0) });
    return { nngp: empty(), ntk: empty(), r0, r1 };
  }
  const rows = slice(x1, r0, r1);
  // Kernels with per-call options (fcReluKernel) check the signal between row blocks; others ignore it.
  const K = (k as (a: Mat, b: Mat, call: { signal?: AbortSignal | undefined }) => KernelPair)(
    rows,
    x2 ?? x1,
    { signal },
  );
  if (x2 === null) {
    const diag = k.diag(rows);
    for (let i = r0; i < r1; i++) {
      K.nngp.data[(i - r0) * n2 + i] = diag.nngp[i - r0];
      K.ntk.data[(i - r0) * n2 + i] = diag.ntk[i - r0];
    }
  }
  return { nngp: K.nngp, ntk: K.ntk, r0, r1 };
}

/** Path of the sidecar of a tile file. */
export const sidecarPath = (out: string): string => `${out}.tile.json`;

/** The text of `<out>.tile.json` (written with the tile, in the same output commit). */
export function tileSidecar(s: Omit<TileSidecar, 'format' | 'version'>): string {
  return `${JSON.stringify({ format: 'ntk-tile', version: 1, ...s }, null, 2)}\n`;
}
