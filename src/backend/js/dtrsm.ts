/**
 * JavaScript reference triangular solve (always registered): `dtrsm` of src/linalg/lapack.ts.
 * @internal
 * @packageDocumentation
 */
import { dtrsm } from '../../linalg/lapack.ts';

/** Unchecked op(L)·X = B in place (B ← X), L n×n lower, B n×k row-major; `trans` solves with Lᵀ. */
export type DtrsmFn = typeof dtrsm;

/** @internal */
export const jsDtrsm: DtrsmFn = dtrsm;
