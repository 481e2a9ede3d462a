/**
 * Fused passes of the two-layer network f(x) = s·Σ_r a_r σ(w_r·x), s = m^{-1/2}, over a block of rows:
 * the activation with its row reduction (forward) and the backpropagated signal σ'(z)⊙(s·u aᵀ) (backward),
 * in one pass each over the pre-activations z = X·Wᵀ. ReLU and ReLU² run in the native addon
 * (native/nn_kernels.cc) on the native backend and in WebAssembly SIMD (assembly/nn.ts) on the WASM one:
 * the same IEEE operations in the same order, so bit-identical to the JavaScript loops below; softplus and
 * the `'js'` backend use the JavaScript loops (softplus's exp/log1p are the engine's).
 * @internal
 * @packageDocumentation
 */

import { type NativeKernels, nativeKernels } from '../backend/native/loader.ts';
import type { BackendName } from '../backend/registry.ts';
import { getWasmKernels, scratchView, wasmSimdSupported } from '../backend/wasm/loader.ts';
import type { Activation } from './activation.ts';
import { act } from './activation.ts';
import { blockGemm } from './gemm.ts';

/** Fused activation kernels (native or WASM-SIMD) with the signatures of the native addon. @internal */
export type ActivationKernels = { readonly path: 'native' | 'wasm-simd' } & Required<
  Pick<NativeKernels, 'nnActForward' | 'nnActBackward'>
>;

let wasmShim: ActivationKernels | null | undefined;

/** The WASM-SIMD kernels (assembly/nn.ts) behind the same signatures: operands copied through its scratch. */
function wasmActivationKernels(): ActivationKernels | undefined {
  if (wasmShim !== undefined) return wasmShim ?? undefined;
  const k = wasmSimdSupported() ? getWasmKernels() : undefined;
  const fwd = k?.nnActForward;
  const bwd = k?.nnActBackward;
  if (k === undefined || fwd === undefined || bwd === undefined) {
    wasmShim = null;
    return undefined;
  }
  wasmShim = {
    path: 'wasm-simd',
    nnActForward(z, n, m, a, s, square, out) {
      const nm = n * m;
      const base = k.scratchBase();
      const mem = scratchView(k, 8 * (nm + m + n));
      const o = base / 8;
      mem.set(z.subarray(0, nm), o);
      mem.set(a.subarray(0, m), o + nm);
      fwd(base, n, m, base + 8 * nm, s, square ? 1 : 0, base + 8 * (nm + m));
      out.set(mem.subarray(o + nm + m, o + nm + m + n));
    },
    nnActBackward(z, n, m, a, s, u, square) {
      const nm = n * m;
      const base = k.scratchBase();
      const mem = scratchView(k, 8 * (nm + m + n));
      const o = base / 8;
      mem.set(z.subarray(0, nm), o);
      mem.set(a.subarray(0, m), o + nm);
      mem.set(u.subarray(0, n), o + nm + m);
      bwd(base, n, m, base + 8 * nm, s, base + 8 * (nm + m), square ? 1 : 0);
      z.set(mem.subarray(o, o + nm));
    },
  };
  return wasmShim;
}

/**
 * The fused kernels for `activation` on `backend` (ReLU and ReLU²; softplus and the `'js'` backend use the
 * JavaScript loops): the native addon's for `'native'` (else WASM), WASM-SIMD's for `'wasm-simd'`. All
 * three are bit-identical. @internal
 */
export function activationKernels(
  activation: Activation,
  backend: BackendName,
): ActivationKernels | undefined {
  if (activation === 'softplus' || backend === 'js') return undefined;
  if (backend === 'native') {
    const k = nativeKernels();
    const fwd = k?.nnActForward;
    const bwd = k?.nnActBackward;
    if (fwd !== undefined && bwd !== undefined)
      return { path: 'native', nnActForward: fwd.bind(k), nnActBackward: bwd.bind(k) };
  }
  return wasmActivationKernels();
}

/**
 * out[i] = s·Σ_r a_r σ(z_ir) for rows i < n of z (row stride m). Positive and negative terms are summed
 * separately: with the symmetric initialisation both sums see the same terms in the same order, so
 * f(W₀, x) is exactly 0, not a rounding residue. `nk` (from {@link activationKernels}) runs it natively or
 * in WASM-SIMD.
 * @internal
 */
export function activationForward(
  z: Float64Array,
  n: number,
  m: number,
  a: Float64Array,
  s: number,
  activation: Activation,
  out: Float64Array,
  nk: ActivationKernels | undefined,
): void {
  if (nk !== undefined && activation !== 'softplus') {
    nk.nnActForward(z, n, m, a, s, activation === 'relu2', out);
    return;
  }
  for (let i = 0; i < n; i++) {
    const o = i * m;
    let pos = 0;
    let neg = 0;
    if (activation === 'relu') {
      for (let r = 0; r < m; r++) {
        const t = z[o + r] > 0 ? a[r] * z[o + r] : 0;
        const tp = Math.max(t, 0);
        pos += tp;
        neg += t - tp; // exactly t when t < 0, exactly 0 otherwise
      }
    } else if (activation === 'softplus') {
      for (let r = 0; r < m; r++) {
        const v = z[o + r];
        const t = a[r] * (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)));
        const tp = Math.max(t, 0);
        pos += tp;
        neg += t - tp;
      }
    } else {
      for (let r = 0; r < m; r++) {
        const t = a[r] * act(activation, z[o + r]);
        const tp = Math.max(t, 0);
        pos += tp;
        neg += t - tp;
      }
    }
    out[i] = s * (pos + neg);
  }
}

/**
 * Overwrites rows i < n of z with G[i, r] = (s·u_i)·a_r·σ'(z_ir) (ReLU: subgradient 0 at 0; softplus:
 * σ' = sigmoid, evaluated without overflow). `nk` runs ReLU and ReLU² natively or in WASM-SIMD.
 * @internal
 */
export function activationBackward(
  z: Float64Array,
  n: number,
  m: number,
  a: Float64Array,
  s: number,
  activation: Activation,
  u: Float64Array,
  nk: ActivationKernels | undefined,
): void {
  if (nk !== undefined && activation !== 'softplus') {
    nk.nnActBackward(z, n, m, a, s, u, activation === 'relu2');
    return;
  }
  for (let i = 0; i < n; i++) {
    const o = i * m;
    const ui = s * u[i];
    if (activation === 'relu') for (let r = 0; r < m; r++) z[o + r] = z[o + r] > 0 ? ui * a[r] : 0;
    else if (activation === 'relu2')
      for (let r = 0; r < m; r++) z[o + r] = z[o + r] > 0 ? 2 * ui * a[r] * z[o + r] : 0;
    else
      for (let r = 0; r < m; r++) {
        const v = z[o + r];
        const e = Math.exp(-Math.abs(v));
        z[o + r] = ui * a[r] * (v >= 0 ? 1 / (1 + e) : e / (1 + e));
      }
  }
}

/** The weights of a two-layer net as the fused passes need them. @internal */
export interface TwoLayerWeights {
  /** W, row-major [m, d]. */
  readonly w: Float64Array;
  /** a, [m]. */
  readonly a: Float64Array;
  readonly inputDim: number;
  readonly width: number;
  readonly activation: Activation;
  readonly backend: BackendName;
}

/**
 * Forward and input-gradient passes of a two-layer net over blocks of at most `maxRows` rows, with its own
 * buffers (no allocation per pass): `forward` keeps z for the `backward` that follows. For the same rows
 * the results are bit-identical to `predict` / `inputGradient` of the net (same GEMM, same loops).
 * `fused: false` keeps the JavaScript loops (for the conformance tests; same bits).
 * @internal
 */
export class TwoLayerRows {
  private readonly z: Float64Array;
  private readonly f: Float64Array;
  private readonly g: Float64Array;
  private readonly gemm: ReturnType<typeof blockGemm>;
  private readonly nk: ActivationKernels | undefined;
  private readonly s: number;
  private readonly net: TwoLayerWeights;

  constructor(net: TwoLayerWeights, maxRows: number, fused = true) {
    this.net = net;
    this.z = new Float64Array(maxRows * net.width);
    this.f = new Float64Array(maxRows);
    this.g = new Float64Array(maxRows * net.inputDim);
    this.gemm = blockGemm(net.backend);
    this.nk = fused ? activationKernels(net.activation, net.backend) : undefined;
    this.s = 1 / Math.sqrt(net.width);
  }

  /** f(p_i) for the `rows` rows of p ([rows, d]); the returned view is valid until the next call. */
  forward(p: Float64Array, rows: number): Float64Array {
    const { w, a, inputDim: d, width: m, activation } = this.net;
    this.gemm(false, true, rows, m, d, 1, p, 0, d, w, 0, d, 0, this.z, 0, m);
    const f = this.f.subarray(0, rows);
    activationForward(this.z, rows, m, a, this.s, activation, f, this.nk);
    return f;
  }

  /** ∂(Σ_i u_i f(p_i))/∂p, [rows, d], at the rows of the last {@link forward} (consumes its z). */
  backward(u: Float64Array, rows: number): Float64Array {
    const { w, a, inputDim: d, width: m, activation } = this.net;
    activationBackward(this.z, rows, m, a, this.s, activation, u, this.nk);
    const g = this.g.subarray(0, rows * d);
    this.gemm(false, false, rows, d, m, 1, this.z, 0, m, w, 0, d, 0, g, 0, d);
    return g;
  }
}
