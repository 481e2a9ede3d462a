/**
 * Native DSYRK (lower): the lower-triangle mode of the native GEMM (blocks above the diagonal skipped), so the
 * lower triangle has the same bits as the full native product.
 * @internal
 * @packageDocumentation
 */
import type { DsyrkFn } from '../js/dpotrf.ts';
import { addon } from './dgemm.ts';
import { nativeThreads } from './threads.ts';

/** Same contract as `dsyrk` in src/linalg/blas.ts. @internal */
export const nativeDsyrk: DsyrkFn = (...args) => addon().dsyrk(...args, nativeThreads());
