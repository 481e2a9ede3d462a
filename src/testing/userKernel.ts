/**
 * The kernel shape the laws of `ntk-toolkit/testing` accept, and its validated evaluation.
 * @packageDocumentation
 */
import { NonFiniteError, ShapeError } from '../errors.ts';
import { checkFunction } from '../internal/assert.ts';
import type { KernelPair, Mat } from '../types.ts';

/**
 * A user's kernel: `(x1, x2) → K` with K of shape [x1.rows, x2.rows], or a toolkit kernel returning
 * `{ nngp, ntk }` (the laws then test `ntk`, or the one named by the law's `which` option).
 */
export type UserKernel = (x1: Mat, x2: Mat) => Mat | KernelPair;

/** @internal Evaluates the kernel and checks the shape and finiteness of its output. */
export function evalKernel(fn: string, kernel: UserKernel, x1: Mat, x2: Mat, which: 'ntk' | 'nngp'): Mat {
  checkFunction(fn, 'kernel', kernel);
  const out = kernel(x1, x2) as Mat | KernelPair;
  const k = 'data' in out ? out : out[which];
  if (k === undefined || k.rows !== x1.rows || k.cols !== x2.rows || k.data.length !== k.rows * k.cols) {
    throw new ShapeError(
      `kernel(x1, x2) must have shape [${x1.rows}, ${x2.rows}] (got ${k === undefined ? 'undefined' : `[${k.rows}, ${k.cols}]`})`,
      { fn, arg: 'kernel', expected: [x1.rows, x2.rows] },
    );
  }
  for (let i = 0; i < k.data.length; i++) {
    if (!Number.isFinite(k.data[i])) {
      throw new NonFiniteError(`kernel(x1, x2) must be finite (got ${k.data[i]} at entry ${i})`, {
        fn,
        arg: 'kernel',
      });
    }
  }
  return k;
}

/** @internal max |a_i|. */
export function maxAbs(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i]));
  return s;
}
