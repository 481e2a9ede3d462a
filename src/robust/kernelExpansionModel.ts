/**
 * The kernel expansion f(x) = Σ_j α_j k(x, c_j) for kernels without a closed-form gradient (user kernels):
 * evaluation, central finite differences and a plain differentiable model. Toolkit kernels use
 * {@link kernelPredictor} instead.
 * @internal
 * @packageDocumentation
 */
import { ShapeError } from '../errors.ts';
import { toMat, toVec } from '../linalg/mat.ts';
import type { DifferentiableModel, Mat, MatLike } from '../types.ts';
import type { KernelExpansionGradient, KernelFunction } from './robustInterpolateTypes.ts';

/** f(x) = K(x, C)·α, shape [x.rows]. */
export function expansion(
  kernel: KernelFunction,
  which: 'ntk' | 'nngp',
  x: Mat,
  centers: Mat,
  alpha: Float64Array,
) {
  if (centers.rows === 0) return new Float64Array(x.rows);
  const k = kernel(x, centers)[which];
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    const o = i * k.cols;
    for (let j = 0; j < k.cols; j++) s += k.data[o + j] * alpha[j];
    out[i] = s;
  }
  return out;
}

/** Central finite differences of the expansion in x (one batched kernel call). */
export function fdGradient(
  kernel: KernelFunction,
  which: 'ntk' | 'nngp',
  x: Mat,
  centers: Mat,
  alpha: Float64Array,
): Mat {
  const { rows: n, cols: d } = x;
  const pert = new Float64Array(2 * n * d * d);
  const hs = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x.data[i * d + j];
      const h = 1e-6 * Math.max(1, Math.abs(v));
      hs[i * d + j] = h;
      for (const [s, sign] of [
        [0, 1],
        [1, -1],
      ] as const) {
        const r = ((i * d + j) * 2 + s) * d;
        pert.set(x.data.subarray(i * d, i * d + d), r);
        pert[r + j] = v + sign * h;
      }
    }
  }
  const f = expansion(kernel, which, { rows: 2 * n * d, cols: d, data: pert }, centers, alpha);
  const g = new Float64Array(n * d);
  for (let q = 0; q < n * d; q++) g[q] = (f[2 * q] - f[2 * q + 1]) / (2 * hs[q]);
  return { rows: n, cols: d, data: g };
}

export function makePredictor(
  kernel: KernelFunction,
  which: 'ntk' | 'nngp',
  centers: Mat,
  alpha: Float64Array,
  gradient: KernelExpansionGradient | undefined,
): DifferentiableModel {
  const d = centers.cols;
  const checkX = (x: Mat | MatLike, fn: string): Mat => {
    const m = toMat(x, fn, 'x');
    if (m.cols !== d) {
      throw new ShapeError(`x must have ${d} columns (got ${m.cols})`, {
        fn,
        arg: 'x',
        expected: d,
        actual: m.cols,
      });
    }
    return m;
  };
  return {
    inputDim: d,
    predict(x: Mat): Float64Array {
      return expansion(kernel, which, checkX(x, 'robustInterpolate.predictor.predict'), centers, alpha);
    },
    inputGradient(x: Mat, upstream?: Float64Array): Mat {
      const fn = 'robustInterpolate.predictor.inputGradient';
      const m = checkX(x, fn);
      const g = gradient ? gradient(m, centers, alpha) : fdGradient(kernel, which, m, centers, alpha);
      if (upstream === undefined) return g;
      const u = toVec(upstream, fn, 'upstream');
      if (u.length !== m.rows) {
        throw new ShapeError(`upstream must have length ${m.rows} (got ${u.length})`, {
          fn,
          arg: 'upstream',
          expected: m.rows,
          actual: u.length,
        });
      }
      const out = new Float64Array(g.data.length);
      for (let i = 0; i < m.rows; i++) for (let j = 0; j < d; j++) out[i * d + j] = u[i] * g.data[i * d + j];
      return { rows: m.rows, cols: d, data: out };
    },
  };
}
