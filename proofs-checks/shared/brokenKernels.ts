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

/**
 * The NTK of a ReLU layer with its arc-cosine factor lost: k(x, z) = x·z/2 for both NNGP and NTK (a linear
 * kernel, rank ≤ d): symmetric and positive semi-definite but singular on more than d points.
 */
export function linearKernel(): KernelFn {
  const f = (x1: MatLike, x2?: MatLike | null): KernelPair => {
    const a = toMat(x1, 'linearKernel', 'x1');
    const b = x2 ? toMat(x2, 'linearKernel', 'x2') : a;
    const d = a.cols;
    const out = new Float64Array(a.rows * b.rows);
    for (let i = 0; i < a.rows; i++)
      for (let j = 0; j < b.rows; j++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += a.data[i * d + c] * b.data[j * d + c];
        out[i * b.rows + j] = s / 2;
      }
    const m: Mat = { rows: a.rows, cols: b.rows, data: out };
    return { nngp: m, ntk: m };
  };
  return Object.assign(f, {
    diag(x: MatLike) {
      const a = toMat(x, 'linearKernel', 'x');
      const v = new Float64Array(a.rows);
      for (let i = 0; i < a.rows; i++)
        for (let c = 0; c < a.cols; c++) v[i] += a.data[i * a.cols + c] ** 2 / 2;
      return { nngp: v, ntk: v };
    },
    inputGradient(x: MatLike, z: MatLike, alpha?: Float64Array | null): Mat {
      const a = toMat(x, 'linearKernel', 'x');
      const b = toMat(z, 'linearKernel', 'z');
      const d = a.cols;
      const g = new Float64Array(d);
      for (let j = 0; j < b.rows; j++)
        for (let c = 0; c < d; c++) g[c] += ((alpha ? alpha[j] : 1) * b.data[j * d + c]) / 2;
      const data = new Float64Array(a.rows * d);
      for (let i = 0; i < a.rows; i++) data.set(g, i * d);
      return { rows: a.rows, cols: d, data };
    },
  }) as KernelFn;
}
