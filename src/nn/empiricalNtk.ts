/**
 * Empirical neural tangent kernel of a finite network.
 * @packageDocumentation
 */
import { dgemm } from '../linalg/blas.ts';
import type { Mat, MatLike, TrainableModel } from '../types.ts';
import { checkTrainable, jacobian } from './jacobian.ts';

/**
 * The empirical NTK Θ̂(x1, x2) = J(x1)·J(x2)ᵀ of a network at its current parameters, where
 * J[i, p] = ∂f(x_i)/∂params_p. Only trained parameters enter (for a `twoLayerNet` with `train: 'first'`
 * that is W alone, giving (1/m) Σ_r a_r² (x·x') σ'(w_r·x) σ'(w_r·x')).
 *
 * Numerics: one GEMM over the Jacobians; with x2 omitted the result is computed once as J Jᵀ and is exactly
 * symmetric. Memory (n1 + n2)·P doubles.
 *
 * @param model - a `TrainableModel`
 * @param x1 - inputs, shape [n1, d]
 * @param x2 - inputs, shape [n2, d]; defaults to x1
 * @returns Θ̂, shape [n1, n2]
 * @throws {@link ShapeError} if a column count differs from model.inputDim
 * @throws {@link NonFiniteError} if the inputs contain NaN/±Infinity
 * @throws {@link ArgumentTypeError} if model is not a TrainableModel
 * @example
 * const net = twoLayerNet({ inputDim: 2, width: 2, seed: 0 });
 * net.params.set([1, 0, 0, 1]);
 * // Θ̂(x, x) = (x·x)·(1/m)·Σ_r 1[w_r·x > 0] = 1·(1/2)·1 for x = (1, 0)
 * empiricalNtk(net, [[1, 0]]).data[0]; // 0.5
 * @see Jacot, Gabriel, Hongler (2018), arXiv:1806.07572
 * @remarks Since 0.1.0
 */
export function empiricalNtk(model: TrainableModel, x1: MatLike, x2?: MatLike): Mat {
  const net = checkTrainable('empiricalNtk', model);
  const j1 = jacobian(net, x1);
  const j2 = x2 === undefined ? j1 : jacobian(net, x2);
  const p = j1.cols;
  const out = new Float64Array(j1.rows * j2.rows);
  if (x2 === undefined) {
    // Upper triangle by dot products, mirrored: exact symmetry.
    const n = j1.rows;
    dgemm(false, true, n, n, p, 1, j1.data, 0, p, j1.data, 0, p, 0, out, 0, n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j];
  } else {
    dgemm(false, true, j1.rows, j2.rows, p, 1, j1.data, 0, p, j2.data, 0, p, 0, out, 0, j2.rows);
  }
  return { rows: j1.rows, cols: j2.rows, data: out };
}
