/**
 * Messages between the pool and its workers: plain, structured-clonable objects whose matrices are
 * SharedArrayBuffers (no copies), with element offsets.
 * @internal
 * @packageDocumentation
 */
import type { BackendName } from '../backend/registry.ts';

/** C[rows of the block] ← alpha·op(A)·op(B) + beta·C for one row block, all buffers shared. */
export interface GemmTask {
  readonly kind: 'gemm';
  readonly backend: BackendName;
  readonly transA: boolean;
  readonly transB: boolean;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly alpha: number;
  readonly a: SharedArrayBuffer;
  readonly offA: number;
  readonly lda: number;
  readonly b: SharedArrayBuffer;
  readonly offB: number;
  readonly ldb: number;
  readonly beta: number;
  readonly c: SharedArrayBuffer;
  readonly offC: number;
  readonly ldc: number;
}

/** Any task the worker entry understands. */
export type ParallelTask = GemmTask;
