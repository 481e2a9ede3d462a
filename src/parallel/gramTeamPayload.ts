/**
 * Payload of a `'gram'` team job. Generic in the kernel spec so that the calling side (kernels/ → teamGram)
 * needs no import of the kernels it is called from; the worker side instantiates it with `GramSpec`.
 * @internal
 * @packageDocumentation
 */
import type { RowBlock } from './partition.ts';

/** Inputs in shared memory plus the row blocks of a Gram job. @internal */
export interface GramTeamPayload<S> {
  readonly spec: S;
  readonly x1: SharedArrayBuffer;
  readonly off1: number;
  readonly n1: number;
  readonly d: number;
  readonly x2: SharedArrayBuffer | null;
  readonly off2: number;
  readonly n2: number;
  readonly nngp: SharedArrayBuffer;
  readonly ntk: SharedArrayBuffer;
  readonly blocks: readonly RowBlock[];
}
