/**
 * The bias-lift kernel: a bias-free kernel evaluated on (x, c)/√2, with the chain rule for its input gradient.
 * @packageDocumentation
 */
import { checkNumber } from '../internal/assert.ts';
import { toMat } from '../linalg/mat.ts';
import type { KernelPair, Mat, MatLike, VecLike } from '../types.ts';
import { appendBias } from './appendBias.ts';
import type { InputGradientOptions, KernelFn, KernelSpec } from './types.ts';

/**
 * The kernel on raw inputs with a bias coordinate folded in: k'(x, z) = k(b(x), b(z)) with
 * b(x) = {@link appendBias}(x, c) = (x, c)/√2. Its input gradient is the chain rule ∂b/∂x = I/√2 on the first
 * d coordinates (the bias coordinate is never perturbed), so attacks, certified bounds and robust
 * interpolation work in the raw input space while the kernel is strictly positive definite.
 * For the certified bounds: b(x)·b(z) = (x·z + c²)/2 and ‖b(x)‖² = (‖x‖² + c²)/2.
 *
 * @param kernel - a toolkit kernel ({@link fcReluKernel}, {@link twoLayerNtk}) or any {@link KernelFn}
 * @param c - the appended constant before the 1/√2 scaling
 * @returns a {@link KernelFn} on d-column inputs; `spec` is `{ name: 'biasLift', c, base }` when `kernel`
 *   has a spec
 * @throws {@link ArgumentTypeError} if `c` is not a number; {@link NonFiniteError} if it is NaN/±Infinity
 * @example
 * const k = biasLiftKernel(twoLayerNtk());
 * k([[1, 0]], [[1, 0]]).ntk.data[0]; // 0.5
 * k.inputGradient([[1, 0]], [[0, 1]]).cols; // 2
 * @remarks Since 0.2.0
 */
export function biasLiftKernel(kernel: KernelFn, c = 1): KernelFn {
  checkNumber('biasLiftKernel', 'c', c);
  const b = (x: MatLike): Mat => appendBias(x, c);
  const lifted = (x1: MatLike, x2?: MatLike | null): KernelPair =>
    x2 === undefined || x2 === null || x2 === x1 ? kernel(b(x1)) : kernel(b(x1), b(x2));
  const inputGradient = (
    x: MatLike,
    z: MatLike,
    alpha?: VecLike | null,
    options?: InputGradientOptions,
  ): Mat => {
    const xm = toMat(x, 'biasLiftKernel.inputGradient', 'x');
    const g = kernel.inputGradient(b(xm), b(z), alpha, options);
    const d = xm.cols;
    const out = new Float64Array(xm.rows * d);
    for (let i = 0; i < xm.rows; i++) {
      for (let j = 0; j < d; j++) out[i * d + j] = g.data[i * (d + 1) + j] * Math.SQRT1_2;
    }
    return { rows: xm.rows, cols: d, data: out };
  };
  const spec: KernelSpec | undefined =
    kernel.spec === undefined
      ? undefined
      : Object.freeze({ name: 'biasLift' as const, c, base: kernel.spec });
  return Object.assign(lifted, {
    diag: (x: MatLike) => kernel.diag(b(x)),
    inputGradient,
    ...(spec !== undefined ? { spec } : {}),
  });
}
