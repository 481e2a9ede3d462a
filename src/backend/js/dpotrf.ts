/**
 * JavaScript reference DSYRK and blocked Cholesky (always registered): the kernels of src/linalg.
 * @internal
 * @packageDocumentation
 */
import { dsyrk } from '../../linalg/blas.ts';
import { dpotrf, type PotrfInfo } from '../../linalg/lapack.ts';

/** Unchecked lower-triangle C ← alpha·A·Aᵀ + beta·C (C n×n, A n×k, row-major). */
export type DsyrkFn = (
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  offA: number,
  lda: number,
  beta: number,
  c: Float64Array,
  offC: number,
  ldc: number,
) => void;

/** Unchecked in-place lower Cholesky of the n×n matrix at `off`; `info` −1 on success. */
export type DpotrfFn = (n: number, a: Float64Array, off: number, lda: number, nb?: number) => PotrfInfo;

/** @internal */
export const jsDsyrk: DsyrkFn = dsyrk;
/** @internal */
export const jsDpotrf: DpotrfFn = dpotrf;
