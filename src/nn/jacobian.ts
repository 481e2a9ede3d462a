/**
 * Parameter Jacobian of a scalar-output trainable model.
 * @packageDocumentation
 */
import { ArgumentTypeError } from '../errors.ts';
import { toMat } from '../linalg/mat.ts';
import type { Mat, MatLike, TrainableModel } from '../types.ts';

/** Throws unless `model` looks like a TrainableModel. @internal */
export function checkTrainable(fn: string, model: unknown): TrainableModel {
  const m = model as Partial<TrainableModel> | null;
  if (
    m === null ||
    typeof m !== 'object' ||
    !(m.params instanceof Float64Array) ||
    typeof m.paramGradient !== 'function' ||
    typeof m.predict !== 'function' ||
    typeof m.inputDim !== 'number'
  ) {
    throw new ArgumentTypeError('model must implement TrainableModel (params, paramGradient, predict)', {
      fn,
      arg: 'model',
      expected: 'TrainableModel',
      actual: typeof model,
    });
  }
  return m as TrainableModel;
}

/**
 * The Jacobian J[i, p] = ∂f(x_i)/∂params_p, shape [n, P], one row per sample.
 *
 * Each row is one backward pass on a single-row view of x (no input copies); memory is n·P doubles, so
 * for very wide deep nets keep n modest or block the rows yourself.
 *
 * @param model - any `TrainableModel` (e.g. `twoLayerNet`, `fcReluNet`)
 * @param x - inputs, shape [n, d]
 * @returns J, shape [n, P] with P = model.params.length
 * @throws {@link ShapeError} if x.cols ≠ model.inputDim
 * @throws {@link NonFiniteError} if x contains NaN/±Infinity
 * @throws {@link ArgumentTypeError} if model is not a TrainableModel
 * @example
 * const net = twoLayerNet({ inputDim: 2, width: 2, seed: 0 });
 * jacobian(net, [[1, 0], [0, 1]]).cols; // 4
 * @remarks Since 0.1.0
 */
export function jacobian(model: TrainableModel, x: MatLike): Mat {
  const fn = 'jacobian';
  const net = checkTrainable(fn, model);
  const xm = toMat(x, fn, 'x');
  if (xm.cols !== net.inputDim) {
    // Delegate the message to the model's own shape check.
    net.predict(xm);
  }
  const n = xm.rows;
  const d = xm.cols;
  const p = net.params.length;
  const out = new Float64Array(n * p);
  const one = new Float64Array([1]);
  for (let i = 0; i < n; i++) {
    const xi: Mat = { rows: 1, cols: d, data: xm.data.subarray(i * d, (i + 1) * d) };
    out.set(net.paramGradient(xi, one), i * p);
  }
  return { rows: n, cols: p, data: out };
}
