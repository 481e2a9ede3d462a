/**
 * The feed-forward network the certificate routines work on: affine layers with one scalar activation
 * between them, f(x) = A_L σ(… σ(A_1 x + b_1) …) + b_L, scalar output.
 * @internal
 * @packageDocumentation
 */
import { type Activation, act } from '../nn/activation.ts';

/** One affine layer z = W h + b: W row-major [fanOut, fanIn] (scaling already applied), b of length fanOut. */
export interface AffineLayer {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly W: Float64Array;
  readonly b: Float64Array;
}

/**
 * A scalar-output network as a list of affine layers with `activation` applied after every layer but the
 * last (the last layer has fanOut = 1). A snapshot: callers build it from the live parameters per call.
 * @internal
 */
export interface PiecewiseNet {
  readonly inputDim: number;
  readonly layers: readonly AffineLayer[];
  readonly activation: Activation;
}

/**
 * f(x) for one input row x[xOff..xOff+d) (plain forward pass, no validation). With `mag`, also writes the
 * largest Σ|terms| of any dot product of the pass (the scale of its rounding error).
 * @internal
 */
export function evalPiecewiseNet(
  net: PiecewiseNet,
  x: ArrayLike<number>,
  xOff = 0,
  mag?: { value: number },
): number {
  let m = 0;
  let h: ArrayLike<number> = x;
  let hOff = xOff;
  const L = net.layers.length;
  for (let l = 0; l < L; l++) {
    const { fanIn, fanOut, W, b } = net.layers[l];
    const z = new Float64Array(fanOut);
    for (let o = 0; o < fanOut; o++) {
      let s = b[o];
      let t = Math.abs(b[o]);
      for (let j = 0; j < fanIn; j++) {
        s += W[o * fanIn + j] * h[hOff + j];
        t += Math.abs(W[o * fanIn + j] * h[hOff + j]);
      }
      if (t > m) m = t;
      z[o] = l < L - 1 ? act(net.activation, s) : s;
    }
    h = z;
    hOff = 0;
  }
  if (mag !== undefined) mag.value = m;
  return h[0];
}

/**
 * The two-layer net f(x) = m^{-1/2} Σ_r a_r σ(w_r·x) as a {@link PiecewiseNet} (weights copied).
 * @param W - first-layer weights, row-major [m, d]
 * @internal
 */
export function twoLayerPiecewise(
  inputDim: number,
  activation: Activation,
  W: Float64Array,
  a: Float64Array,
): PiecewiseNet {
  const m = a.length;
  const scale = 1 / Math.sqrt(m);
  return {
    inputDim,
    activation,
    layers: [
      { fanIn: inputDim, fanOut: m, W: W.slice(0, m * inputDim), b: new Float64Array(m) },
      { fanIn: m, fanOut: 1, W: a.map((v) => v * scale), b: new Float64Array(1) },
    ],
  };
}

/**
 * A fully connected ReLU net in the NTK parameterisation (layer l: z = (wStd/√fanIn) W_l h + bStd b_l, with
 * W_l then b_l stored from `offsets[l]` in `params`) as a {@link PiecewiseNet} (weights copied and scaled).
 * @internal
 */
export function fcReluPiecewise(
  sizes: readonly number[],
  params: Float64Array,
  offsets: readonly number[],
  wStd: number,
  bStd: number,
): PiecewiseNet {
  const layers: AffineLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const off = offsets[l];
    const alpha = wStd / Math.sqrt(fanIn);
    const W = params.slice(off, off + fanOut * fanIn).map((v) => alpha * v);
    const b = params.slice(off + fanOut * fanIn, off + fanOut * (fanIn + 1)).map((v) => bStd * v);
    layers.push({ fanIn, fanOut, W, b });
  }
  return { inputDim: sizes[0], activation: 'relu', layers };
}
