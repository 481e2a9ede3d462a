/**
 * A linear model f(x) = w·x + b implementing `TrainableModel` (params = [w, b], one trained block). It is
 * linear in both x and its parameters, so attacks have closed forms and the online-learning argument
 * applies exactly (claim C10). Used by the proofs-checks and the attack tests.
 */
import type { Mat, TrainableModel } from '../../src/types.ts';

/** A linear model with a live parameter buffer. */
export interface LinearModel extends TrainableModel {
  readonly w: Float64Array;
  clone(): LinearModel;
}

/** Creates f(x) = w·x + b; `params` is [w_1..w_d, b] (a copy of the inputs). */
export function linearModel(w: ArrayLike<number>, b = 0): LinearModel {
  const d = w.length;
  const params = new Float64Array(d + 1);
  params.set(Array.from(w));
  params[d] = b;
  return makeLinear(params, d);
}

function makeLinear(params: Float64Array, d: number): LinearModel {
  return {
    inputDim: d,
    params,
    w: params.subarray(0, d),
    layers: [{ name: 'linear', offset: 0, length: d + 1 }],
    predict(x: Mat): Float64Array {
      const out = new Float64Array(x.rows);
      for (let i = 0; i < x.rows; i++) {
        let s = params[d];
        for (let j = 0; j < d; j++) s += params[j] * x.data[i * d + j];
        out[i] = s;
      }
      return out;
    },
    inputGradient(x: Mat, upstream?: Float64Array): Mat {
      const data = new Float64Array(x.rows * d);
      for (let i = 0; i < x.rows; i++) {
        const u = upstream ? upstream[i] : 1;
        for (let j = 0; j < d; j++) data[i * d + j] = u * params[j];
      }
      return { rows: x.rows, cols: d, data };
    },
    paramGradient(x: Mat, upstream: Float64Array): Float64Array {
      const g = new Float64Array(d + 1);
      for (let i = 0; i < x.rows; i++) {
        for (let j = 0; j < d; j++) g[j] += upstream[i] * x.data[i * d + j];
        g[d] += upstream[i];
      }
      return g;
    },
    clone(): LinearModel {
      return makeLinear(new Float64Array(params), d);
    },
  };
}
