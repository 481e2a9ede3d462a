/**
 * Native triangular solve with multiple right-hand sides (native/lapack.cc): blocked (64) with native GEMM
 * updates, right-hand-side columns split over the threads in fixed blocks of 64 (bit-identical for any
 * thread count).
 * @internal
 * @packageDocumentation
 */
import type { DtrsmFn } from '../js/dtrsm.ts';
import { addon } from './dgemm.ts';
import { nativeThreads } from './threads.ts';

/** Same contract as `dtrsm` in src/linalg/lapack.ts. @internal */
export const nativeDtrsm: DtrsmFn = (...args) => addon().dtrsm(...args, nativeThreads());
