/**
 * Deep fully connected ReLU networks in the NTK parameterisation (neural-tangents `stax` convention).
 * @packageDocumentation
 */

import { type BackendName, resolveBackend } from '../backend/registry.ts';
import { boundNetworkOutput } from '../certify/boundNetworkOutput.ts';
import { fcReluPiecewise } from '../certify/piecewiseNet.ts';
import { checkInteger, checkNumber, checkOptions } from '../internal/assert.ts';
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
import { type Gemm, networkGemm } from './gemm.ts';
import { checkInputs, checkPerSample, grow } from './validate.ts';

/** Options of {@link fcReluNet}. */
export interface FcReluNetOptions {
  /** Input dimension d (integer ≥ 1). */
  readonly inputDim: number;
  /** Width n of every hidden layer (integer ≥ 1). */
  readonly width: number;
  /** Number of hidden (Dense → ReLU) layers (integer ≥ 0). @defaultValue `1` */
  readonly depth?: number;
  /** Weight standard deviation σ_w (≥ 0). @defaultValue `1` */
  readonly wStd?: number;
  /** Bias standard deviation σ_b (≥ 0). @defaultValue `0` */
  readonly bStd?: number;
  /** Seed of the weight draw. @defaultValue `0` */
  readonly seed?: number;
  /**
   * GEMM backend of the forward/backward passes (products smaller than 32³ always use JavaScript).
   * @defaultValue `process.env.NTK_BACKEND`, else `'wasm-simd'` when WebAssembly SIMD is available, else `'js'`
   */
  readonly backend?: BackendName;
}

/**
 * A fully connected ReLU network; `params` holds, for each Dense layer l = 0..depth, its weights
 * (row-major [fanOut, fanIn]) followed by its biases ([fanOut]); one `layers` block per Dense layer.
 */
export interface FcReluNet extends TrainableModel, CertifiableModel {
  readonly kind: 'fcRelu';
  readonly width: number;
  readonly depth: number;
  readonly wStd: number;
  readonly bStd: number;
  readonly seed: number;
  /** The GEMM backend in use. */
  readonly backend: BackendName;
  /** The parameters at initialisation (same layout as `params`). Do not mutate. */
  readonly initialParams: Float64Array;
  /** Layer widths [d, n, …, n, 1] (length depth + 2). */
  readonly sizes: readonly number[];
  predict(x: MatLike): Float64Array;
  inputGradient(x: MatLike, upstream?: VecLike): Mat;
  paramGradient(x: MatLike, upstream: VecLike): Float64Array;
  /**
   * Certified lower bounds of min_{x' ∈ B(x_i)} s_i·f(x') (see `OutputBoundOptions`): IBP, then CROWN-style
   * linear bounds, then branch-and-bound (input splits for d ≤ 16, ReLU splits above; arc splits with a
   * grid certificate for d = 2 caps). Defaults: tolerance 1e-3, maxNodes min(1000, max(50, ⌊2·10⁶/weights⌋)) (0 for d = 2 caps), no time limit,
   * gridPoints 1001. Weights are read at the call.
   * @throws {@link ShapeError} if x does not have inputDim columns or `sign`/`attained` do not have n entries
   * @throws {@link DomainError} for an unknown set kind, a negative radius, a sign other than ±1, a negative
   *   tolerance or budget, a box with a cap, x outside the box, or non-unit rows with a cap
   * @throws {@link NonFiniteError} for NaN/±Infinity in x
   * @throws {@link ArgumentTypeError} if options (or set, box) is not an object
   * @example
   * const net = fcReluNet({ inputDim: 2, width: 8, depth: 2, seed: 1 });
   * const x = [[0.6, 0.8]];
   * const b = net.boundOutput(x, { set: { kind: 'linf', radius: 0.05 }, sign: Float64Array.of(1) });
   * b.lower[0] <= net.predict(x)[0]; // true
   * ['linear', 'ibp', 'bab'].includes(b.method[0]); // true
   * @remarks Since 0.2.0
   */
  boundOutput(x: MatLike, options: OutputBoundOptions): OutputBoundResult;
  clone(): FcReluNet;
}

interface Cfg {
  inputDim: number;
  width: number;
  depth: number;
  wStd: number;
  bStd: number;
  seed: number;
  backend: BackendName;
}

class FcReluNetImpl implements FcReluNet {
  readonly kind = 'fcRelu' as const;
  readonly inputDim: number;
  readonly width: number;
  readonly depth: number;
  readonly wStd: number;
  readonly bStd: number;
  readonly seed: number;
  readonly backend: BackendName;
  readonly params: Float64Array;
  readonly initialParams: Float64Array;
  readonly sizes: readonly number[];
  readonly layers: readonly { readonly name: string; readonly offset: number; readonly length: number }[];
  /** Post-activation buffers h_l (l = 1..depth), each [n, width], and the output [n]. */
  private acts: Float64Array[] = [];
  private out: Float64Array = new Float64Array(0);
  private deltaA: Float64Array = new Float64Array(0);
  private deltaB: Float64Array = new Float64Array(0);
  private readonly gemm: Gemm;

  constructor(cfg: Cfg, params: Float64Array, initialParams: Float64Array) {
    this.inputDim = cfg.inputDim;
    this.width = cfg.width;
    this.depth = cfg.depth;
    this.wStd = cfg.wStd;
    this.bStd = cfg.bStd;
    this.seed = cfg.seed;
    this.backend = cfg.backend;
    this.gemm = networkGemm(cfg.backend);
    this.params = params;
    this.initialParams = initialParams;
    this.sizes = fcSizes(cfg);
    const layers: { name: string; offset: number; length: number }[] = [];
    let off = 0;
    for (let l = 0; l <= cfg.depth; l++) {
      const len = this.sizes[l + 1] * (this.sizes[l] + 1);
      layers.push({ name: `dense${l}`, offset: off, length: len });
      off += len;
    }
    this.layers = layers;
    for (let l = 0; l < cfg.depth; l++) this.acts.push(new Float64Array(0));
  }

  /** Forward pass storing post-activations; returns the output buffer (first n entries). */
  private forward(x: Mat): Float64Array {
    const n = x.rows;
    const sizes = this.sizes;
    const p = this.params;
    let input = x.data;
    for (let l = 0; l <= this.depth; l++) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      const last = l === this.depth;
      let z: Float64Array;
      if (last) {
        this.out = grow(this.out, n);
        z = this.out;
      } else {
        this.acts[l] = grow(this.acts[l], n * fanOut);
        z = this.acts[l];
      }
      const offW = this.layers[l].offset;
      const offB = offW + fanOut * fanIn;
      // z = (wStd/√fanIn)·h·Wᵀ + bStd·b
      this.gemm(
        false,
        true,
        n,
        fanOut,
        fanIn,
        this.wStd / Math.sqrt(fanIn),
        input,
        0,
        fanIn,
        p,
        offW,
        fanIn,
        0,
        z,
        0,
        fanOut,
      );
      if (this.bStd !== 0) {
        for (let i = 0; i < n; i++) {
          const o = i * fanOut;
          for (let j = 0; j < fanOut; j++) z[o + j] += this.bStd * p[offB + j];
        }
      }
      if (!last) for (let k = 0; k < n * fanOut; k++) if (!(z[k] > 0)) z[k] = 0;
      input = z;
    }
    return this.out;
  }

  /** Backward pass from upstream u; writes parameter gradients into grad (if given); returns ∂/∂x or null. */
  private backward(
    x: Mat,
    u: Float64Array,
    grad: Float64Array | null,
    wantInput: boolean,
  ): Float64Array | null {
    const n = x.rows;
    const sizes = this.sizes;
    const p = this.params;
    const maxW = Math.max(this.width, this.inputDim, 1);
    this.deltaA = grow(this.deltaA, n * maxW);
    this.deltaB = grow(this.deltaB, n * maxW);
    let delta = this.deltaA;
    let next = this.deltaB;
    delta.set(u.subarray(0, n));
    for (let l = this.depth; l >= 0; l--) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      const alpha = this.wStd / Math.sqrt(fanIn);
      const input = l === 0 ? x.data : this.acts[l - 1];
      const offW = this.layers[l].offset;
      const offB = offW + fanOut * fanIn;
      if (grad !== null) {
        // ∂W_l = alpha·δᵀ h, shape [fanOut, fanIn]; ∂b_l = bStd·Σ_i δ_i
        this.gemm(
          true,
          false,
          fanOut,
          fanIn,
          n,
          alpha,
          delta,
          0,
          fanOut,
          input,
          0,
          fanIn,
          0,
          grad,
          offW,
          fanIn,
        );
        for (let j = 0; j < fanOut; j++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += delta[i * fanOut + j];
          grad[offB + j] = this.bStd * s;
        }
      }
      if (l === 0 && !wantInput) break;
      // δ_h = alpha·δ W_l, shape [n, fanIn]
      const target = l === 0 ? new Float64Array(n * fanIn) : next;
      this.gemm(false, false, n, fanIn, fanOut, alpha, delta, 0, fanOut, p, offW, fanIn, 0, target, 0, fanIn);
      if (l === 0) return target;
      // through the ReLU: the stored activation is > 0 exactly where the pre-activation was.
      for (let k = 0; k < n * fanIn; k++) if (!(input[k] > 0)) target[k] = 0;
      next = delta;
      delta = target;
    }
    return null;
  }

  predict(x: MatLike): Float64Array {
    const xm = checkInputs('fcReluNet.predict', 'x', x, this.inputDim);
    return this.forward(xm).slice(0, xm.rows);
  }

  paramGradient(x: MatLike, upstream: VecLike): Float64Array {
    const fn = 'fcReluNet.paramGradient';
    const xm = checkInputs(fn, 'x', x, this.inputDim);
    const u = checkPerSample(fn, 'upstream', upstream, xm.rows);
    const grad = new Float64Array(this.params.length);
    this.forward(xm);
    this.backward(xm, u, grad, false);
    return grad;
  }

  inputGradient(x: MatLike, upstream?: VecLike): Mat {
    const fn = 'fcReluNet.inputGradient';
    const xm = checkInputs(fn, 'x', x, this.inputDim);
    const n = xm.rows;
    const u =
      upstream === undefined ? new Float64Array(n).fill(1) : checkPerSample(fn, 'upstream', upstream, n);
    this.forward(xm);
    const g = this.backward(xm, u, null, true) as Float64Array;
    return { rows: n, cols: this.inputDim, data: g };
  }

  boundOutput(x: MatLike, options: OutputBoundOptions): OutputBoundResult {
    const offsets = this.layers.map((l) => l.offset);
    const net = fcReluPiecewise(this.sizes, this.params, offsets, this.wStd, this.bStd);
    return boundNetworkOutput('fcReluNet.boundOutput', net, x, options, (m) => this.predict(m));
  }

  clone(): FcReluNet {
    return new FcReluNetImpl(this, this.params.slice(), this.initialParams);
  }
}

function fcSizes(cfg: Cfg): number[] {
  const sizes = [cfg.inputDim];
  for (let l = 0; l < cfg.depth; l++) sizes.push(cfg.width);
  sizes.push(1);
  return sizes;
}

/**
 * A fully connected ReLU network `Dense → ReLU → … (depth times) → Dense` with scalar output, in the NTK
 * parameterisation of neural-tangents `stax`: every weight and bias is drawn N(0, 1), and a Dense layer
 * computes z = (wStd/√fanIn)·W h + bStd·b (so the first layer sees x·x'/d, as in `fcReluKernel`). As the
 * width grows, the NNGP of the output and the empirical NTK (`empiricalNtk`) converge to
 * `fcReluKernel({ depth, wStd, bStd, parameterization: 'ntk' })`.
 *
 * Forward and backward passes are batched GEMMs over per-network scratch buffers reused across calls.
 * ReLU uses the subgradient 0 at 0. All Dense layers (weights and biases) are trained; each is one block of
 * `layers`, so B(W₀, R) constrains each layer's (W, b) jointly.
 *
 * @param options - see {@link FcReluNetOptions}
 * @returns an {@link FcReluNet} (implements `TrainableModel`)
 * @throws {@link DomainError} for inputDim or width < 1, depth < 0, wStd or bStd < 0
 * @throws {@link ArgumentTypeError} if options is not an object
 * @throws {@link BackendUnavailableError} if `backend: 'wasm-simd'` is requested but unavailable
 * @example
 * const net = fcReluNet({ inputDim: 3, width: 8, depth: 2, wStd: 1.5, bStd: 0.1, seed: 1 });
 * net.params.length; // 113
 * net.layers.map((l) => l.name); // ["dense0", "dense1", "dense2"]
 * @see Jacot, Gabriel, Hongler (2018), arXiv:1806.07572; Novak et al., "Neural Tangents" (2020), arXiv:1912.02803
 * @remarks Since 0.1.0
 */
export function fcReluNet(options: FcReluNetOptions): FcReluNet {
  const fn = 'fcReluNet';
  const o = checkOptions(fn, options);
  const cfg: Cfg = {
    inputDim: checkInteger(fn, 'options.inputDim', o.inputDim, 1),
    width: checkInteger(fn, 'options.width', o.width, 1),
    depth: checkInteger(fn, 'options.depth', o.depth ?? 1, 0),
    wStd: checkNumber(fn, 'options.wStd', o.wStd ?? 1, { min: 0 }),
    bStd: checkNumber(fn, 'options.bStd', o.bStd ?? 0, { min: 0 }),
    seed: checkInteger(fn, 'options.seed', o.seed ?? 0, Number.MIN_SAFE_INTEGER),
    backend: resolveBackend(fn, o.backend),
  };
  const sizes = fcSizes(cfg);
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) total += sizes[l + 1] * (sizes[l] + 1);
  const params = createRng(cfg.seed).fillNormal(new Float64Array(total));
  return new FcReluNetImpl(cfg, params, params.slice());
}
