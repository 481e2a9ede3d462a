/**
 * A kernel on raw inputs that applies the bias lift x ↦ (x, 1)/√2 (appendBias) first, with the chain rule
 * for its closed-form input gradient, so robustInterpolate can use it on the original (circle) inputs.
 */
import { appendBias } from '../../src/kernels/appendBias.ts';
import type { KernelFn } from '../../src/kernels/types.ts';
import type { KernelFunction } from '../../src/robust/robustInterpolate.ts';
import type { KernelPair, Mat } from '../../src/types.ts';

export function withBias(k: KernelFn): KernelFunction {
  const f = (x1: Mat, x2?: Mat): KernelPair =>
    x2 === undefined ? k(appendBias(x1)) : k(appendBias(x1), appendBias(x2));
  return Object.assign(f, {
    inputGradient(
      x: Mat,
      z: Mat,
      alpha?: Float64Array | null,
      options?: { readonly get?: 'nngp' | 'ntk' },
    ): Mat {
      const g = k.inputGradient(
        appendBias(x),
        appendBias(z),
        alpha ?? null,
        options?.get ? { get: options.get } : {},
      );
      const d = x.cols;
      const out = new Float64Array(x.rows * d);
      for (let i = 0; i < x.rows; i++)
        for (let j = 0; j < d; j++) out[i * d + j] = g.data[i * (d + 1) + j] * Math.SQRT1_2;
      return { rows: x.rows, cols: d, data: out };
    },
  });
}
