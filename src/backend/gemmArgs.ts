/**
 * Boundary validation shared by the public GEMM entry points ({@link gemm}, {@link parallelGemm}).
 * @internal
 * @packageDocumentation
 */
import { ShapeError } from '../errors.ts';
import { checkNumber } from '../internal/assert.ts';
import { toMat } from '../linalg/mat.ts';
import type { Mat, MatLike } from '../types.ts';
import { checkBoolean } from './checkBoolean.ts';
import { type BackendName, resolveBackend } from './registry.ts';

/** Validated GEMM problem: C (m×n) = alpha·op(A)·op(B), op(A) m×k. */
export interface GemmArgs {
  readonly A: Mat;
  readonly B: Mat;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly alpha: number;
  readonly backend: BackendName;
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

/** Validates options and shapes once; throws the errors documented on the public functions. @internal */
export function gemmArgs(
  fn: string,
  a: MatLike,
  b: MatLike,
  o: {
    readonly transA?: boolean;
    readonly transB?: boolean;
    readonly alpha?: number;
    readonly backend?: string;
  },
): GemmArgs {
  const { transA = false, transB = false, alpha = 1 } = o;
  checkBoolean(fn, 'options.transA', transA);
  checkBoolean(fn, 'options.transB', transB);
  checkNumber(fn, 'options.alpha', alpha);
  const backend = resolveBackend(fn, o.backend);
  const A = toMat(a, fn, 'a');
  const B = toMat(b, fn, 'b');
  const m = transA ? A.cols : A.rows;
  const k = transA ? A.rows : A.cols;
  const kb = transB ? B.cols : B.rows;
  const n = transB ? B.rows : B.cols;
  if (k !== kb) {
    throw new ShapeError(`a and b must have matching inner dimensions (got ${k} and ${kb})`, {
      fn,
      arg: 'b',
      expected: k,
      actual: kb,
    });
  }
  return { A, B, transA, transB, alpha, backend, m, n, k };
}
