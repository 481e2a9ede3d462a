/**
 * NNGP and NTK of the paper's two-layer model f(W, x) = m^{-1/2} Σ_r a_r σ(w_r·x).
 * @packageDocumentation
 */
import { checkOneOf, checkOptions } from '../internal/assert.ts';
import { teamGram } from '../parallel/teamGram.ts';
import type { KernelPair, Mat, MatLike, VecLike } from '../types.ts';
import {
  type AngularDiagFn,
  type AngularPairFn,
  angularDiag,
  angularRowsInto,
  angularSide,
} from './angularGram.ts';
import { arcJ } from './arcCosineKernel.ts';
import { assembleInputGradient, gradSide } from './assembleInputGradient.ts';
import { mirrorLower } from './fcReluCore.ts';
import { angleState, TWO_PI } from './numerics.ts';
import type { InputGradientOptions, KernelDiag, KernelFn } from './types.ts';
import { gradientGet, gradientInputs, kernelInputs, rejectUnknownKeys } from './validateKernelArgs.ts';

/** Options of {@link twoLayerNtk}. */
export interface TwoLayerNtkOptions {
  /**
   * σ: `'relu'` = max(u, 0); `'relu2'` = max(u, 0)² (quadratic ReLU).
   * @defaultValue `'relu'`
   */
  readonly activation?: 'relu' | 'relu2';
  /**
   * Trained layers: `'first'` (the w_r; the paper's setting, a_r fixed) or `'both'` (w_r and a_r).
   * @defaultValue `'first'`
   */
  readonly train?: 'first' | 'both';
}

/** A {@link KernelFn} that also reports its resolved options. */
export interface TwoLayerNtkFn extends KernelFn {
  readonly options: Readonly<Required<TwoLayerNtkOptions>>;
}

const FN = 'twoLayerNtk';

/**
 * Infinite-width kernels of the two-layer model f(W, x) = m^{-1/2} Σ_r a_r σ(w_r·x), w_r ~ N(0, I_d)
 * (no 1/d scaling), a_r ∈ {±1} (Gao et al. 2019). With θ the angle between x and x':
 * - nngp = E[σ(w·x)σ(w·x')]: ReLU ‖x‖‖x'‖J₁(θ)/(2π); ReLU² ‖x‖²‖x'‖²J₂(θ)/(2π).
 * - ntk, `train: 'first'`: (x·x')·E[σ'(w·x)σ'(w·x')]: ReLU (x·x')(π − θ)/(2π);
 *   ReLU² 4(x·x')‖x‖‖x'‖J₁(θ)/(2π). `train: 'both'` adds the nngp.
 *
 * Valid for inputs of any norm; zero rows give 0 (their angle is taken as π/2). Numerics as in
 * {@link arcCosineKernel} (Kahan angle, series for J₁, J₂ near θ = π).
 *
 * @param options - `{ activation, train }`
 * @returns a {@link KernelFn}: `(x1, x2?) => { nngp, ntk }`, `.diag(x)`, `.inputGradient(x, z, alpha?, { get })`
 * @throws {@link DomainError} for an unknown `activation`, `train` or option key
 * @throws {@link ShapeError} / {@link NonFiniteError} (from the kernel function) for bad inputs
 * @example
 * const h = twoLayerNtk({ activation: 'relu', train: 'first' });
 * h([[1, 0], [1, 1]]).ntk.data[1]; // 0.375
 * h([[3, 4]]).ntk.data[0]; // 12.5
 * @see Gao et al. (2019) "Convergence of Adversarial Training in Overparametrized Neural Networks", arXiv:1906.07916
 * @see Du et al. (2019) "Gradient Descent Provably Optimizes Over-parameterized Neural Networks", arXiv:1810.02054
 * @remarks Since 0.1.0
 */
export function twoLayerNtk(options?: TwoLayerNtkOptions): TwoLayerNtkFn {
  const o = checkOptions(FN, options);
  rejectUnknownKeys(FN, o, ['activation', 'train']);
  const activation =
    o.activation === undefined
      ? 'relu'
      : checkOneOf(FN, 'options.activation', o.activation, ['relu', 'relu2'] as const);
  const train =
    o.train === undefined ? 'first' : checkOneOf(FN, 'options.train', o.train, ['first', 'both'] as const);
  const quad = activation === 'relu2';
  const both = train === 'both';
  const { pairFn, diagFn } = twoLayerFns(quad, both);
  const gramSpec = { kind: 'two-layer' as const, activation, train };
  const kernel = (x1: MatLike, x2?: MatLike | null): KernelPair => {
    const { a, b } = kernelInputs(FN, x1, x2);
    const d = a.cols;
    const n1 = a.rows;
    const sa = angularSide(a.data, n1, d);
    const sym = b === null;
    const sb = sym ? sa : angularSide(b.data, b.rows, d);
    const n2 = sb.n;
    // Rows in blocks on the worker team (bit-identical to one call, see teamGram).
    const { nngp, ntk } = teamGram(gramSpec, a.data, n1, d, sym ? null : b.data, n2, (r0, r1, kn, kt) =>
      angularRowsInto(sa, sb, sym, pairFn, diagFn, r0, r1, [kn, kt], r0 * n2, n2, { quad, both }),
    );
    if (sym) {
      mirrorLower(nngp, n1);
      mirrorLower(ntk, n1);
    }
    return { nngp: { rows: n1, cols: n2, data: nngp }, ntk: { rows: n1, cols: n2, data: ntk } };
  };
  const diag = (x: MatLike): KernelDiag => {
    const { a } = kernelInputs(`${FN}.diag`, x, null);
    const [nngp, ntk] = angularDiag(a, diagFn, 2);
    return { nngp, ntk };
  };
  const inputGradient = (
    x: MatLike,
    z: MatLike,
    alpha?: VecLike | null,
    gradOptions?: InputGradientOptions,
  ): Mat => {
    const fn = `${FN}.inputGradient`;
    const { xm, zm, w } = gradientInputs(fn, x, z, alpha);
    const getNtk = gradientGet(fn, gradOptions);
    const xs = gradSide(xm.data, xm.rows, xm.cols);
    const zs = gradSide(zm.data, zm.rows, zm.cols);
    const ang = new Float64Array(6);
    const data = assembleInputGradient(xs, zs, w, (i, j, g, m, p, out) => {
      const r1 = xs.norm[i];
      const r2 = zs.norm[j];
      angleState(m, p, ang);
      const [, phi, sinT, cosT, j1] = ang;
      let a = 0;
      let c = 0;
      let e = 0;
      if (!getNtk || both) {
        // nngp part
        if (quad) {
          a += (2 * r1 * (r2 * r2) * arcJ(2, ang)) / TWO_PI;
          e += (4 * r1 * (r2 * r2) * sinT * j1) / TWO_PI;
        } else {
          a += (r2 * j1) / TWO_PI;
          e += (r2 * phi * sinT) / TWO_PI;
        }
      }
      if (getNtk) {
        if (quad) {
          c += (4 * (r1 * r2) * j1) / TWO_PI;
          a += (4 * g * r2 * j1) / TWO_PI;
          e += (4 * g * r2 * phi * sinT) / TWO_PI;
        } else {
          c += phi / TWO_PI;
          e += (r2 * cosT) / TWO_PI;
        }
      }
      out[0] = a;
      out[1] = c;
      out[2] = e;
    });
    return { rows: xm.rows, cols: xm.cols, data };
  };
  const spec = Object.freeze({ name: 'twoLayerNtk' as const, activation, train });
  return Object.assign(kernel, { diag, inputGradient, options: Object.freeze({ activation, train }), spec });
}

/**
 * Per-pair and diagonal functions of the two-layer kernel (ReLU² when `quad`, both layers trained when
 * `both`): out = [nngp, ntk]. Shared by {@link twoLayerNtk} and the worker row blocks.
 * @internal
 */
export function twoLayerFns(quad: boolean, both: boolean): { pairFn: AngularPairFn; diagFn: AngularDiagFn } {
  const pairFn: AngularPairFn = (g, n1, n2, m, p, ang, out) => {
    angleState(m, p, ang);
    const r = n1 * n2;
    const nngp = quad ? (r * r * arcJ(2, ang)) / TWO_PI : (r * ang[4]) / TWO_PI;
    const first = quad ? (4 * g * r * ang[4]) / TWO_PI : (g * ang[1]) / TWO_PI;
    out[0] = nngp;
    out[1] = both ? first + nngp : first;
  };
  const diagFn: AngularDiagFn = (sq, out) => {
    const nngp = quad ? 1.5 * (sq * sq) : sq / 2;
    const first = quad ? 2 * (sq * sq) : sq / 2;
    out[0] = nngp;
    out[1] = both ? first + nngp : first;
  };
  return { pairFn, diagFn };
}
