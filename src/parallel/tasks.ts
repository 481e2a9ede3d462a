/**
 * Messages between the pool and its workers: plain, structured-clonable objects whose matrices are
 * SharedArrayBuffers (no copies), with element offsets.
 * @internal
 * @packageDocumentation
 */
import type { BackendName } from '../backend/registry.ts';
import type { GramSpec } from './gramSpec.ts';

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

/** Rows [r0, r1) of a Gram job (lower triangle only when `x2` is null), outputs [n1, n2] shared. */
export interface GramTask {
  readonly kind: 'gram';
  /** Identifies the job, so a worker prepares per-row state once per job. */
  readonly job: string;
  readonly spec: GramSpec;
  readonly x1: SharedArrayBuffer;
  readonly off1: number;
  readonly n1: number;
  readonly d: number;
  readonly x2: SharedArrayBuffer | null;
  readonly off2: number;
  readonly n2: number;
  readonly r0: number;
  readonly r1: number;
  readonly nngp: SharedArrayBuffer;
  readonly ntk: SharedArrayBuffer;
}

/** Any task the worker entry understands. */
export type ParallelTask = GemmTask | GramTask;
