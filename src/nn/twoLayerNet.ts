/**
 * The two-layer network of Gao et al. (2019): f(W, x) = m^{-1/2} Σ_r a_r σ(w_r·x).
 * @packageDocumentation
 */

import { type BackendName, resolveBackend } from '../backend/registry.ts';
import { boundNetworkOutput } from '../certify/boundNetworkOutput.ts';
import { twoLayerPiecewise } from '../certify/piecewiseNet.ts';
import { DomainError } from '../errors.ts';
import { checkInteger, checkOneOf, checkOptions } from '../internal/assert.ts';
import { createRng } from '../random/rng.ts';
import type {
  CertifiableModel,
  Mat,
  MatLike,
  OutputBoundOptions,
  OutputBoundResult,
  TrainableModel,
  VecLike,
} from '../types.ts';
import { ACTIVATIONS, type Activation, act } from './activation.ts';
import { type Gemm, networkGemm } from './gemm.ts';
import {
  type ActivationKernels,
  activationBackward,
  activationForward,
  activationKernels,
  type TwoLayerWeights,
} from './twoLayerRows.ts';
import { blockedForward, blockedGradW, useBlockedPasses } from './twoLayerTeam.ts';
import { checkInputs, checkPerSample, grow } from './validate.ts';

/** Which layers gradient descent updates: only W (`'first'`), or W and a (`'both'`). */
export type TrainedLayers = 'first' | 'both';

/** Initialisation: i.i.d. (`'gaussian'`), or mirrored pairs with opposite a_r so f(W₀, ·) ≡ 0 (`'symmetric'`). */
export type TwoLayerInit = 'symmetric' | 'gaussian';

/** Options of {@link twoLayerNet}. */
export interface TwoLayerNetOptions {
  /** Input dimension d (integer ≥ 1). */
  readonly inputDim: number;
  /** Number of hidden neurons m (integer ≥ 1; even for `init: 'symmetric'`). */
  readonly width: number;
  /** @defaultValue `'relu'` */
  readonly activation?: Activation;
  /** @defaultValue `'first'` */
  readonly train?: TrainedLayers;
  /** @defaultValue `'gaussian'` */
  readonly init?: TwoLayerInit;
  /** Seed of the weight draw. @defaultValue `0` */
  readonly seed?: number;
  /**
   * GEMM backend of the forward/backward passes (products smaller than 32³ always use JavaScript).
   * @defaultValue `process.env.NTK_BACKEND`, else `'native'` when the C++ addon is loaded, else `'wasm-simd'` when
   *   WebAssembly SIMD is available, else `'js'`
   */
  readonly backend?: BackendName;
}

/** A two-layer network; `params` is W (row-major [m, d]) followed, for `train: 'both'`, by a ([m]). */
export interface TwoLayerNet extends TrainableModel, CertifiableModel {
  readonly kind: 'twoLayer';
  /** Number of hidden neurons m. */
  readonly width: number;
  readonly activation: Activation;
  readonly train: TrainedLayers;
  readonly init: TwoLayerInit;
  readonly seed: number;
  /** The GEMM backend in use. */
  readonly backend: BackendName;
  /** First-layer weights, shape [m, d]: a live view of `params` (row r is w_r). */
  readonly W: Mat;
  /** Output weights, shape [m]: a live view of `params` for `train: 'both'`, otherwise the fixed signs. */
  readonly a: Float64Array;
  /** The parameters at initialisation W₀ (same layout as `params`); the centre of B(W₀, R). Do not mutate. */
  readonly initialParams: Float64Array;
  /** f(x_i), shape [n], for x of shape [n, d] (`Mat`, `number[][]` or ml-matrix). */
  predict(x: MatLike): Float64Array;
  /** ∂(Σ_i upstream_i f(x_i))/∂x, shape [n, d]; upstream defaults to ones. */
  inputGradient(x: MatLike, upstream?: VecLike): Mat;
  /** ∂(Σ_i upstream_i f(x_i))/∂params, length params.length. */
  paramGradient(x: MatLike, upstream: VecLike): Float64Array;
  /**
   * Certified lower bounds of min_{x' ∈ B(x_i)} s_i·f(x') (see `OutputBoundOptions`): IBP, then CROWN-style
   * linear bounds, then branch-and-bound (input splits; arc splits with a grid certificate for d = 2 caps;
   * ReLU splits for ReLU nets with d > 16). Defaults: tolerance 1e-3, maxNodes min(1000, max(50, ⌊2·10⁶/weights⌋)) (0 for d = 2 caps), no time limit,
   * gridPoints 1001. Weights are read at the call.
   * @throws {@link ShapeError} if x does not have inputDim columns or `sign`/`attained` do not have n entries
   * @throws {@link DomainError} for an unknown set kind, a negative radius, a sign other than ±1, a negative
   *   tolerance or budget, a box with a cap, x outside the box, or non-unit rows with a cap
   * @throws {@link NonFiniteError} for NaN/±Infinity in x
   * @throws {@link ArgumentTypeError} if options (or set, box) is not an object
   * @example
   * const net = twoLayerNet({ inputDim: 2, width: 8, seed: 1 });
   * const x = [[0.6, 0.8]];
   * const b = net.boundOutput(x, { set: { kind: 'linf', radius: 0.05 }, sign: Float64Array.of(1) });
   * b.lower[0] <= net.predict(x)[0]; // true
   * ['linear', 'ibp', 'bab'].includes(b.method[0]); // true
   * @remarks Since 0.2.0
   */
  boundOutput(x: MatLike, options: OutputBoundOptions): OutputBoundResult;
  clone(): TwoLayerNet;
}

class TwoLayerNetImpl implements TwoLayerNet {
  readonly kind = 'twoLayer' as const;
  readonly inputDim: number;
  readonly width: number;
  readonly activation: Activation;
  readonly train: TrainedLayers;
  readonly init: TwoLayerInit;
  readonly seed: number;
  readonly backend: BackendName;
  readonly params: Float64Array;
  readonly initialParams: Float64Array;
  readonly layers: readonly { readonly name: string; readonly offset: number; readonly length: number }[];
  readonly W: Mat;
  readonly a: Float64Array;
  /** Scratch [n, m] for pre-activations / backpropagated signals. */
  private z: Float64Array = new Float64Array(0);
  private zShared: SharedArrayBuffer | null = null;
  private readonly scale: number;
  private readonly gemm: Gemm;
  /** The native fused kernels for this activation, when loaded. */
  private readonly nk: ActivationKernels | undefined;

  constructor(
    o: {
      inputDim: number;
      width: number;
      activation: Activation;
      train: TrainedLayers;
      init: TwoLayerInit;
      seed: number;
      backend: BackendName;
    },
    params: Float64Array,
    initialParams: Float64Array,
    fixedA: Float64Array | null,
  ) {
    this.inputDim = o.inputDim;
    this.width = o.width;
    this.activation = o.activation;
    this.train = o.train;
    this.init = o.init;
    this.seed = o.seed;
    this.backend = o.backend;
    this.gemm = networkGemm(o.backend);
    this.nk = activationKernels(o.activation, o.backend);
    this.params = params;
    this.initialParams = initialParams;
    const md = o.width * o.inputDim;
    this.W = { rows: o.width, cols: o.inputDim, data: params.subarray(0, md) };
    this.a = fixedA ?? params.subarray(md, md + o.width);
    this.layers =
      o.train === 'both'
        ? [
            { name: 'W', offset: 0, length: md },
            { name: 'a', offset: md, length: o.width },
          ]
        : [{ name: 'W', offset: 0, length: md }];
    this.scale = 1 / Math.sqrt(o.width);
  }

  /** z ← X·Wᵀ, shape [n, m]. */
  private preactivations(x: Mat): Float64Array {
    const n = x.rows;
    const m = this.width;
    const d = this.inputDim;
    this.z = grow(this.z, n * m);
    this.gemm(false, true, n, m, d, 1, x.data, 0, d, this.params, 0, d, 0, this.z, 0, m);
    return this.z;
  }

  /** The weights as the fused passes take them (live views). */
  private weights(): TwoLayerWeights {
    const { inputDim, width, activation, backend, a } = this;
    return { w: this.params.subarray(0, width * inputDim), a, inputDim, width, activation, backend };
  }

  /** Shared scratch [n, m] for the blocked passes (grown, reused). */
  private sharedZ(n: number): SharedArrayBuffer {
    const bytes = 8 * n * this.width;
    if (this.zShared === null || this.zShared.byteLength < bytes) this.zShared = new SharedArrayBuffer(bytes);
    return this.zShared;
  }

  predict(x: MatLike): Float64Array {
    const xm = checkInputs('twoLayerNet.predict', 'x', x, this.inputDim);
    const n = xm.rows;
    const wts = this.weights();
    if (useBlockedPasses(wts, n))
      return blockedForward(wts, xm.data, n, this.sharedZ(n), null) as Float64Array;
    const z = this.preactivations(xm);
    const out = new Float64Array(n);
    activationForward(z, n, this.width, this.a, this.scale, this.activation, out, this.nk);
    return out;
  }

  /** Overwrites z (pre-activations) with G[i, r] = u_i a_r σ'(z_ir)/√m; fills ga (if given) with ∂/∂a. */
  private backprop(n: number, u: Float64Array, ga: Float64Array | null, gaOff: number): Float64Array {
    const m = this.width;
    const z = this.z;
    const a = this.a;
    const s = this.activation;
    const c = this.scale;
    if (ga !== null && s === 'softplus') {
      // Fused: one exp per entry gives both softplus (for ∂/∂a) and sigmoid (for ∂/∂W); bit-identical to
      // softplus() and sigmoid() in loss.ts.
      for (let r = 0; r < m; r++) ga[gaOff + r] = 0;
      for (let i = 0; i < n; i++) {
        const o = i * m;
        const ui = c * u[i];
        for (let r = 0; r < m; r++) {
          const v = z[o + r];
          const e = Math.exp(-Math.abs(v));
          ga[gaOff + r] += ui * (v > 0 ? v + Math.log1p(e) : Math.log1p(e));
          z[o + r] = ui * a[r] * (v >= 0 ? 1 / (1 + e) : e / (1 + e));
        }
      }
      return z;
    }
    if (ga !== null) {
      for (let r = 0; r < m; r++) ga[gaOff + r] = 0;
      for (let i = 0; i < n; i++) {
        const o = i * m;
        const ui = c * u[i];
        for (let r = 0; r < m; r++) ga[gaOff + r] += ui * act(s, z[o + r]);
      }
    }
    activationBackward(z, n, m, a, c, s, u, this.nk);
    return z;
  }

  paramGradient(x: MatLike, upstream: VecLike): Float64Array {
    const fn = 'twoLayerNet.paramGradient';
    const xm = checkInputs(fn, 'x', x, this.inputDim);
    const n = xm.rows;
    const u = checkPerSample(fn, 'upstream', upstream, n);
    const m = this.width;
    const d = this.inputDim;
    const grad = new Float64Array(this.params.length);
    const wts = this.weights();
    if (this.train === 'first' && useBlockedPasses(wts, n)) {
      const zs = this.sharedZ(n);
      blockedForward(wts, xm.data, n, zs, u);
      blockedGradW(wts, xm.data, n, zs, grad);
      return grad;
    }
    this.preactivations(xm);
    const g = this.backprop(n, u, this.train === 'both' ? grad : null, m * d);
    // ∂/∂W = Gᵀ X, shape [m, d].
    this.gemm(true, false, m, d, n, 1, g, 0, m, xm.data, 0, d, 0, grad, 0, d);
    return grad;
  }

  inputGradient(x: MatLike, upstream?: VecLike): Mat {
    const fn = 'twoLayerNet.inputGradient';
    const xm = checkInputs(fn, 'x', x, this.inputDim);
    const n = xm.rows;
    const u =
      upstream === undefined ? new Float64Array(n).fill(1) : checkPerSample(fn, 'upstream', upstream, n);
    const m = this.width;
    const d = this.inputDim;
    this.preactivations(xm);
    const g = this.backprop(n, u, null, 0);
    // ∂/∂X = G W, shape [n, d].
    const out = new Float64Array(n * d);
    this.gemm(false, false, n, d, m, 1, g, 0, m, this.params, 0, d, 0, out, 0, d);
    return { rows: n, cols: d, data: out };
  }

  boundOutput(x: MatLike, options: OutputBoundOptions): OutputBoundResult {
    const net = twoLayerPiecewise(this.inputDim, this.activation, this.params, this.a);
    return boundNetworkOutput('twoLayerNet.boundOutput', net, x, options, (m) => this.predict(m));
  }

  clone(): TwoLayerNet {
    return new TwoLayerNetImpl(
      this,
      this.params.slice(),
      this.initialParams,
      this.train === 'both' ? null : this.a,
    );
  }
}

/** Whether `model` is a network made by {@link twoLayerNet} (the attacks' fused path). @internal */
export function isTwoLayerNet(model: unknown): model is TwoLayerNet {
  return model instanceof TwoLayerNetImpl;
}

/**
 * The two-layer network of Gao et al. (2019), f(W, x) = m^{-1/2} Σ_r a_r σ(w_r·x), with w_r ~ N(0, I_d)
 * (no 1/d factor) and a_r ∈ {±1}.
 *
 * - `init: 'gaussian'`: w_r i.i.d., a_r i.i.d. uniform signs.
 * - `init: 'symmetric'`: neurons r and r + m/2 share w_r and have a_r = +1, a_{r+m/2} = −1, so
 *   f(W₀, ·) ≡ 0 exactly (the width must be even).
 * - `train: 'first'` trains W only (a fixed); `'both'` also trains a (appended to `params`).
 *
 * Forward and backward passes are batched GEMMs over flat buffers (z = X·Wᵀ, ∂W = Gᵀ X, ∂X = G W) on the
 * resolved backend, with the activation and its row reduction (forward) or derivative (backward) in one fused
 * pass over z (native C++ for ReLU and ReLU², bit-identical to the JavaScript loops); one scratch buffer of
 * size n·m is kept per network and reused. Large batches (n·m·d ≥ 2²²) run in row blocks fixed by the
 * problem size on the worker team, and the attacks (`pgd`, `fgsm`) run a fused per-block ascent on it:
 * results are bit-identical for any number of threads. ReLU uses the subgradient σ'(0) = 0; softplus
 * is evaluated without overflow. The empirical NTK of this net tends to `twoLayerNtk` as m → ∞ (claim C2).
 *
 * @param options - see {@link TwoLayerNetOptions}
 * @returns a {@link TwoLayerNet} (implements `TrainableModel`)
 * @throws {@link DomainError} for width or inputDim < 1, an unknown activation/train/init, or an odd width with
 *   `init: 'symmetric'`
 * @throws {@link ArgumentTypeError} if options is not an object or a size is not a number
 * @throws {@link BackendUnavailableError} if `backend: 'wasm-simd'` is requested but unavailable
 * @example
 * const net = twoLayerNet({ inputDim: 2, width: 4, activation: 'relu', init: 'symmetric', seed: 1 });
 * net.predict([[0.6, 0.8]])[0]; // 0
 * net.params.length; // 8
 * net.layers.length; // 1
 * @see R. Gao et al., "Convergence of Adversarial Training in Overparametrized Neural Networks", NeurIPS 2019, arXiv:1906.07916
 * @see A. Jacot, F. Gabriel, C. Hongler, "Neural Tangent Kernel", NeurIPS 2018, arXiv:1806.07572
 * @remarks Since 0.1.0
 */
export function twoLayerNet(options: TwoLayerNetOptions): TwoLayerNet {
  const fn = 'twoLayerNet';
  const o = checkOptions(fn, options);
  const inputDim = checkInteger(fn, 'options.inputDim', o.inputDim, 1);
  const width = checkInteger(fn, 'options.width', o.width, 1);
  const activation = checkOneOf(fn, 'options.activation', o.activation ?? 'relu', ACTIVATIONS);
  const train = checkOneOf(fn, 'options.train', o.train ?? 'first', ['first', 'both'] as const);
  const init = checkOneOf(fn, 'options.init', o.init ?? 'gaussian', ['symmetric', 'gaussian'] as const);
  const seed = checkInteger(fn, 'options.seed', o.seed ?? 0, Number.MIN_SAFE_INTEGER);
  const backend = resolveBackend(fn, o.backend);
  if (init === 'symmetric' && width % 2 !== 0) {
    throw new DomainError(`options.width must be even for init 'symmetric' (got ${width})`, {
      fn,
      arg: 'options.width',
      expected: 'even integer',
      actual: width,
    });
  }
  const rng = createRng(seed);
  const md = width * inputDim;
  const params = new Float64Array(train === 'both' ? md + width : md);
  const a = new Float64Array(width);
  if (init === 'symmetric') {
    const half = width / 2;
    for (let r = 0; r < half; r++) {
      for (let j = 0; j < inputDim; j++) {
        const w = rng.normal();
        params[r * inputDim + j] = w;
        params[(r + half) * inputDim + j] = w;
      }
      a[r] = 1;
      a[r + half] = -1;
    }
  } else {
    rng.fillNormal(params.subarray(0, md));
    for (let r = 0; r < width; r++) a[r] = rng.uniform() < 0.5 ? -1 : 1;
  }
  if (train === 'both') params.set(a, md);
  const cfg = { inputDim, width, activation, train, init, seed, backend };
  return new TwoLayerNetImpl(cfg, params, params.slice(), train === 'both' ? null : a);
}
