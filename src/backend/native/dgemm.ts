/**
 * Native DGEMM (native/gemm.cc): Goto/BLIS packing with AVX-512 / AVX2+FMA / generic micro-kernels chosen
 * at run time, threaded inside the addon. Each entry is summed in an order fixed by k and the instruction set
 * alone, so any row/column grouping and any thread count give the same bits.
 * @internal
 * @packageDocumentation
 */

import { BackendUnavailableError } from '../../errors.ts';
import type { DgemmFn } from '../js/dgemm.ts';
import { type NativeKernels, nativeKernels, nativeStatus } from './loader.ts';
import { nativeThreads } from './threads.ts';

/** The loaded addon (only called once the 'native' backend was resolved, i.e. when it is available). @internal */
export function addon(): NativeKernels {
  const k = nativeKernels();
  if (k === undefined) {
    throw new BackendUnavailableError(
      `native kernels must be loaded before use (got: ${nativeStatus().reason ?? 'unavailable'})`,
      { fn: 'native backend', arg: 'backend', actual: 'native' },
    );
  }
  return k;
}

/** Same contract as `dgemm` in src/linalg/blas.ts; threads from {@link nativeThreads}. @internal */
export const nativeDgemm: DgemmFn = (...args) => addon().dgemm(...args, nativeThreads());

/**
 * {@link nativeDgemm} on the calling thread only (same bits): for callers that already split their work over
 * the team (the Gram row blocks).
 * @internal
 */
export const nativeDgemmSerial: DgemmFn = (...args) => addon().dgemm(...args, 1);
