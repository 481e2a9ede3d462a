/**
 * Arc-cosine kernels of degree 0, 1, 2 (Cho & Saul 2009).
 * @packageDocumentation
 */
import { DomainError } from '../errors.ts';
import { checkOptions, describe } from '../internal/assert.ts';
import type { Mat, MatLike, VecLike } from '../types.ts';
import { type AngularDiagFn, type AngularPairFn, angularDiag, angularGram } from './angularGram.ts';
import { assembleInputGradient, gradSide } from './assembleInputGradient.ts';
import { angleState, j2FromPhi } from './numerics.ts';
import type { ScalarKernelFn } from './types.ts';
import { gradientInputs, kernelInputs, rejectUnknownKeys } from './validateKernelArgs.ts';

/** Options of {@link arcCosineKernel}. */
export interface ArcCosineKernelOptions {
  /**
   * Degree n: k_n(x, z) = (1/π)‖x‖ⁿ‖z‖ⁿ J_n(θ), J₀ = π − θ, J₁ = sin θ + (π − θ)cos θ,
   * J₂ = 3 sin θ cos θ + (π − θ)(1 + 2cos²θ).
   * @defaultValue 1
   */
  readonly degree?: 0 | 1 | 2;
}

/** A {@link ScalarKernelFn} that also reports its degree. */
export interface ArcCosineKernelFn extends ScalarKernelFn {
  readonly options: Readonly<Required<ArcCosineKernelOptions>>;
}

const FN = 'arcCosineKernel';

/** J_n(θ) from the angle state (θ, φ, sin, cos, J₁) in `ang`. @internal */
export function arcJ(n: 0 | 1 | 2, ang: Float64Array): number {
  if (n === 0) return ang[1];
  if (n === 1) return ang[4];
  return j2FromPhi(ang[1], ang[2], -ang[3]);
}

/** dJ_n/dθ: J₀' = −1, J₁' = −(π − θ)sin θ, J₂' = −4 sin θ·J₁. @internal */
export function arcJPrime(n: 0 | 1 | 2, ang: Float64Array): number {
  if (n === 0) return -1;
  if (n === 1) return -ang[1] * ang[2];
  return -4 * ang[2] * ang[4];
}

/**
 * Arc-cosine kernel of degree 0, 1 or 2: k_n(x, z) = (1/π)‖x‖ⁿ‖z‖ⁿ J_n(θ) = 2·E_w[Θ(w·x)Θ(w·z)(w·x)ⁿ(w·z)ⁿ],
 * w ~ N(0, I). The building block of every ReLU-family kernel here: E[relu(w·x)relu(w·z)] = k₁/2,
 * E[step(w·x)step(w·z)] = k₀/2, E[relu(w·x)²relu(w·z)²] = k₂/2.
 *
 * Numerics: θ from Kahan's 2·atan2(‖x̂ − ẑ‖, ‖x̂ + ẑ‖) (for |cos θ| ≤ 15/16 the GEMM dot product is used
 * directly); J₁ and J₂ use series near θ = π, where they vanish like (π − θ)³/3 and 4(π − θ)⁵/15, so values
 * keep full relative accuracy there. Zero rows: θ := π/2 by convention (k₀ = 1/2, k₁ = k₂ = 0); the diagonal
 * is k(x, x) (θ = 0) for every row. Input gradients at x = 0 are 0 for degree 0 (not differentiable there).
 *
 * @param options - `{ degree }`
 * @returns a {@link ScalarKernelFn}: `(x1, x2?) => Mat` ([n1, n2]), `.diag(x)`, `.inputGradient(x, z, alpha?)`
 * @throws {@link DomainError} for a degree other than 0, 1, 2 or an unknown option key
 * @throws {@link ShapeError} / {@link NonFiniteError} (from the kernel function) for bad inputs
 * @example
 * const k1 = arcCosineKernel({ degree: 1 });
 * k1([[1, 0], [0, 1]]).data[1]; // 0.3183
 * arcCosineKernel({ degree: 0 })([[1, 0]], [[0, 1]]).data[0]; // 0.5
 * @see Cho, Saul (2009) "Kernel Methods for Deep Learning", NeurIPS
 * @remarks Since 0.1.0
 */
export function arcCosineKernel(options?: ArcCosineKernelOptions): ArcCosineKernelFn {
  const o = checkOptions(FN, options);
  rejectUnknownKeys(FN, o, ['degree']);
  const degree = o.degree === undefined ? 1 : o.degree;
  if (degree !== 0 && degree !== 1 && degree !== 2) {
    throw new DomainError(`options.degree must be one of 0, 1, 2 (got ${describe(degree)})`, {
      fn: FN,
      arg: 'options.degree',
      expected: '0|1|2',
      actual: describe(degree),
    });
  }
  const pairFn: AngularPairFn = (_g, n1, n2, m, p, ang, out) => {
    angleState(m, p, ang);
    const r = degree === 0 ? 1 : degree === 1 ? n1 * n2 : n1 * n2 * (n1 * n2);
    out[0] = (r * arcJ(degree, ang)) / Math.PI;
  };
  const diagFn: AngularDiagFn = (sq, out) => {
    out[0] = degree === 0 ? 1 : degree === 1 ? sq : 3 * (sq * sq);
  };
  const kernel = (x1: MatLike, x2?: MatLike | null): Mat => {
    const { a, b } = kernelInputs(FN, x1, x2);
    return angularGram(a, b, pairFn, diagFn, 1)[0];
  };
  const diag = (x: MatLike): Float64Array => {
    const { a } = kernelInputs(`${FN}.diag`, x, null);
    return angularDiag(a, diagFn, 1)[0];
  };
  const inputGradient = (x: MatLike, z: MatLike, alpha?: VecLike | null): Mat => {
    const { xm, zm, w } = gradientInputs(`${FN}.inputGradient`, x, z, alpha);
    const xs = gradSide(xm.data, xm.rows, xm.cols);
    const zs = gradSide(zm.data, zm.rows, zm.cols);
    const ang = new Float64Array(6);
    const data = assembleInputGradient(xs, zs, w, (i, j, _g, m, p, out) => {
      const r1 = xs.norm[i];
      const r2 = zs.norm[j];
      angleState(m, p, ang);
      out[1] = 0;
      if (degree === 0) {
        out[0] = 0;
        out[2] = r1 > 0 ? 1 / (Math.PI * r1) : 0;
      } else if (degree === 1) {
        out[0] = (r2 * ang[4]) / Math.PI;
        out[2] = (r2 * ang[1] * ang[2]) / Math.PI;
      } else {
        out[0] = (2 * r1 * (r2 * r2) * arcJ(2, ang)) / Math.PI;
        out[2] = (4 * r1 * (r2 * r2) * ang[2] * ang[4]) / Math.PI;
      }
    });
    return { rows: xm.rows, cols: xm.cols, data };
  };
  const spec = Object.freeze({ name: 'arcCosine' as const, degree });
  return Object.assign(kernel, { diag, inputGradient, options: Object.freeze({ degree }), spec });
}
