import { existsSync } from 'node:fs';
import { asMat } from '../io/asMat.ts';
import { asVec } from '../io/asVec.ts';
import type { NumericArray } from '../io/numericArray.ts';
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
