/**
 * Native blocked Cholesky (native/lapack.cc): right-looking, block 256 (the diagonal block by a serial blocked
 * factor with inner block 32 over the unblocked `dpotf2` of src/linalg/lapack.ts, ported), panel solve over
 * fixed row blocks, trailing update on the threaded native DSYRK. Same `info`/`minPivot` contract as the
 * JavaScript `dpotrf`; bit-identical for any thread count.
 * @internal
 * @packageDocumentation
 */
import type { PotrfInfo } from '../../linalg/lapack.ts';
import type { DpotrfFn } from '../js/dpotrf.ts';
import { addon } from './dgemm.ts';
import { nativeThreads } from './threads.ts';

/** Outer block of the native factor (the JavaScript/WASM factors use 96; `nb` overrides it). */
export const NATIVE_POTRF_NB = 256;

/** Same contract as `dpotrf` in src/linalg/lapack.ts. @internal */
export const nativeDpotrf: DpotrfFn = (n, a, off, lda, nb = NATIVE_POTRF_NB): PotrfInfo => {
  const out = new Float64Array(2);
  addon().dpotrf(n, a, off, lda, nb, nativeThreads(), out);
  return { info: out[0], minPivot: out[1] };
};
