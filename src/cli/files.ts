import { existsSync } from 'node:fs';
import { asMat } from '../io/asMat.ts';
import { asVec } from '../io/asVec.ts';
import type { NumericArray } from '../io/numericArray.ts';
import { type NpyRowReader, openNpyRows } from '../io/openNpyRows.ts';
import { readArray } from '../io/readArray.ts';
import type { Mat } from '../types.ts';
import { UsageError } from './context.ts';

/** Reads the array named by a flag; a missing file is a usage error naming the flag. */
export function readFlagArray(flag: string, path: string): NumericArray {
  if (!existsSync(path)) throw new UsageError(`${flag} ${path}: file not found`);
  return readArray(path);
}

/** Reads a matrix (rows = samples) from the file named by a flag. */
export function readFlagMat(flag: string, path: string): Mat {
  return asMat(readFlagArray(flag, path));
}

/** Reads a vector (shape [n], [n, 1] or [1, n]) from the file named by a flag. */
export function readFlagVec(flag: string, path: string): Float64Array {
  return asVec(readFlagArray(flag, path), flag);
}

/** Reads ±1 classification labels from the file named by a flag; any other value is a usage error naming it. */
export function readFlagLabels(flag: string, path: string): Float64Array {
  const y = readFlagVec(flag, path);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 && y[i] !== -1) {
      throw new UsageError(`${flag} ${path}: must contain only labels -1 and +1 (got entry ${i} = ${y[i]})`);
    }
  }
  return y;
}

/** Checks that two arrays describe the same number of samples. */
export function checkRows(flagA: string, a: number, flagB: string, b: number): void {
  if (a !== b)
    throw new UsageError(`${flagA} and ${flagB} must have the same number of rows (got ${a} and ${b})`);
}

/** A matrix file read by row ranges: a `.npy` of float64/float32 in C order is read block by block from disk. */
export interface MatSource {
  readonly rows: number;
  readonly cols: number;
  /** Whether rows are read from disk on demand (else the whole file is in memory). */
  readonly streamed: boolean;
  /** Rows [r0, r1) (a view when the file is in memory). */
  read(r0: number, r1: number): Mat;
  close(): void;
}

/**
 * Opens the matrix file named by a flag for reading in row ranges: `.npy` files of little-endian float64 or
 * float32 in C order are read from disk range by range ({@link openNpyRows}); any other file is read
 * whole ({@link readFlagMat}) and served as views.
 */
export function openFlagMat(flag: string, path: string): MatSource {
  if (!existsSync(path)) throw new UsageError(`${flag} ${path}: file not found`);
  let reader: NpyRowReader | undefined;
  if (path.toLowerCase().endsWith('.npy')) {
    try {
      reader = openNpyRows(path, 'ntk');
    } catch {
      reader = undefined; // not streamable (other dtype, Fortran order, malformed): readFlagMat decides
    }
  }
  if (reader !== undefined) {
    const r = reader;
    return {
      rows: r.rows,
      cols: r.cols,
      streamed: true,
      read: (r0, r1) => ({ rows: r1 - r0, cols: r.cols, data: r.readRows(r0, r1) }),
      close: () => r.close(),
    };
  }
  const m = readFlagMat(flag, path);
  return {
    rows: m.rows,
    cols: m.cols,
    streamed: false,
    read: (r0, r1) => ({ rows: r1 - r0, cols: m.cols, data: m.data.subarray(r0 * m.cols, r1 * m.cols) }),
    close: () => {},
  };
}

/** Rows per block when a streamed matrix file is read and transformed. */
const READ_BLOCK_ROWS = 8192;

/**
 * Reads the matrix file named by a flag through `transform` (a row-wise map such as the CLI's
 * preprocessing), block by block, into one array: a large `.npy` input is never held twice in memory (no
 * byte buffer beside the matrix, no untransformed copy beside the transformed one).
 */
export function readFlagMatBlocks(flag: string, path: string, transform: (block: Mat) => Mat): Mat {
  const src = openFlagMat(flag, path);
  try {
    if (!src.streamed || src.rows === 0) return transform(src.read(0, src.rows));
    let out: Float64Array | undefined;
    let cols = 0;
    for (let r0 = 0; r0 < src.rows; r0 += READ_BLOCK_ROWS) {
      const r1 = Math.min(src.rows, r0 + READ_BLOCK_ROWS);
      const b = transform(src.read(r0, r1));
      if (out === undefined) {
        cols = b.cols;
        out = new Float64Array(src.rows * cols);
      }
      out.set(b.data, r0 * cols);
    }
    return { rows: src.rows, cols, data: out as Float64Array };
  } finally {
    src.close();
  }
}
