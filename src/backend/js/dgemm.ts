/**
 * JavaScript reference DGEMM (always registered): the packed kernel of src/linalg/blas.ts.
 * @internal
 * @packageDocumentation
 */
import { dgemm } from '../../linalg/blas.ts';

/** Unchecked C ← alpha·op(A)·op(B) + beta·C, row-major (BLAS argument order, explicit offsets). */
export type DgemmFn = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  offA: number,
  lda: number,
  b: Float64Array,
  offB: number,
  ldb: number,
  beta: number,
  c: Float64Array,
  offC: number,
  ldc: number,
) => void;

/** @internal */
export const jsDgemm: DgemmFn = dgemm;
