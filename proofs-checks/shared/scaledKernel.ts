/**
 * Broken kernels for the negative controls of the kernel checks: the NTK multiplied by a factor (1.01 = a
 * 1 % error), everywhere or only on the diagonal k(x, x) (entries whose two inputs are identical rows). The
 * NNGP is left exact, so a check that compares only the NNGP would not see the error.
 */

import type { InputGradientOptions, KernelFn } from '../../src/kernels/types.ts';
import { toMat } from '../../src/linalg/mat.ts';
import type { KernelPair, Mat, MatLike } from '../../src/types.ts';

/** Which entries of the NTK are scaled. */
export type ScaledEntries = 'all' | 'diagonal';

function sameRow(a: Mat, i: number, b: Mat, j: number): boolean {
  const d = a.cols;
  for (let c = 0; c < d; c++) if (a.data[i * d + c] !== b.data[j * d + c]) return false;
  return true;
}

/** `k` with its NTK multiplied by `factor` on the chosen entries (NNGP unchanged). */
export function scaledKernel(k: KernelFn, factor: number, entries: ScaledEntries = 'all'): KernelFn {
  const f = (x1: MatLike, x2?: MatLike | null): KernelPair => {
    const out = k(x1, x2);
    const a = toMat(x1, 'scaledKernel', 'x1');
    const b = x2 ? toMat(x2, 'scaledKernel', 'x2') : a;
    const ntk: Mat = { rows: out.ntk.rows, cols: out.ntk.cols, data: out.ntk.data.slice() };
    for (let i = 0; i < ntk.rows; i++)
      for (let j = 0; j < ntk.cols; j++)
        if (entries === 'all' || sameRow(a, i, b, j)) ntk.data[i * ntk.cols + j] *= factor;
    return { nngp: out.nngp, ntk };
  };
  return Object.assign(f, {
    diag(x: MatLike) {
      const d = k.diag(x);
      return { nngp: d.nngp, ntk: d.ntk.map((v) => v * factor) };
    },
    inputGradient(x: MatLike, z: MatLike, alpha?: Float64Array | null, options?: InputGradientOptions): Mat {
      const g = k.inputGradient(x, z, alpha ?? null, options ?? {});
      if (entries === 'diagonal' || (options?.get ?? 'ntk') !== 'ntk') return g;
      return { rows: g.rows, cols: g.cols, data: g.data.map((v) => v * factor) };
    },
  }) as KernelFn;
}

/** A kernel factory whose kernels are {@link scaledKernel}s. */
export function scaledFactory<O>(
  factory: (options: O) => KernelFn,
  factor: number,
  entries: ScaledEntries = 'all',
): (options: O) => KernelFn {
  return (options: O) => scaledKernel(factory(options), factor, entries);
}
