/**
 * JavaScript reference triangular solve (always registered): `dtrsm` of src/linalg/lapack.ts.
 * @internal
 * @packageDocumentation
 */
import { dtrsm } from '../../linalg/lapack.ts';

/** Unchecked op(L)·X = B in place (B ← X), L n×n lower, B n×k row-major; `trans` solves with Lᵀ. */
export type DtrsmFn = (
  trans: boolean,
  n: number,
  k: number,
  l: Float64Array,
  offL: number,
  ldl: number,
  b: Float64Array,
  offB: number,
  ldb: number,
) => void;

/** @internal */
export const jsDtrsm: DtrsmFn = dtrsm;
