/**
 * Row-block evaluation of a {@link GramSpec} kernel, shared by the workers and the calling thread. Writes
 * rows [r0, r1) of the full [n1, n2] outputs. For the symmetric case (x2 absent) only the lower triangle
 * (j ≤ i) is written; the caller mirrors it, exactly as the single-thread kernels do.
 * @internal
 * @packageDocumentation
 */

import {
  type AngularDiagFn,
  type AngularNative,
  type AngularPairFn,
  type AngularSide,
  angularRowsInto,
  angularSide,
} from '../kernels/angularGram.ts';
import { type FcReluPlan, type FcReluSide, fcReluPrepare, fcReluRowsInto } from '../kernels/fcReluCore.ts';
import { type FcReluKernelOptions, fcReluPlan } from '../kernels/fcReluKernel.ts';
import { type TwoLayerNtkOptions, twoLayerFns, twoLayerNtk } from '../kernels/twoLayerNtk.ts';
import { type GramSpec, specOptions } from './gramSpec.ts';

/** Inputs of one Gram job: x1 [n1, d] and, unless symmetric, x2 [n2, d], row-major. */
export interface GramJob {
  readonly spec: GramSpec;
  readonly x1: Float64Array;
  readonly n1: number;
  readonly d: number;
  /** null = symmetric K(x1, x1). */
  readonly x2: Float64Array | null;
  readonly n2: number;
}

/** Per-job state reused across the row blocks a thread computes. */
export interface GramState {
  readonly job: GramJob;
  readonly fc?: { readonly plan: FcReluPlan; readonly a: FcReluSide; readonly b: FcReluSide };
  readonly two?: {
    readonly a: AngularSide;
    readonly b: AngularSide;
    readonly fns: { readonly pairFn: AngularPairFn; readonly diagFn: AngularDiagFn };
    readonly native: AngularNative;
  };
}

/** Precomputes the per-row state of a job (row norms, diagonal recursions, resolved plan). */
export function gramState(job: GramJob): GramState {
  const { spec, x1, n1, d, x2, n2 } = job;
  if (spec.kind === 'fc-relu') {
    const { plan } = fcReluPlan(specOptions(spec) as FcReluKernelOptions);
    const a = fcReluPrepare(plan, x1, n1, d);
    const b = x2 === null ? a : fcReluPrepare(plan, x2, n2, d);
    return { job, fc: { plan, a, b } };
  }
  const { activation, train } = twoLayerNtk(specOptions(spec) as TwoLayerNtkOptions).options;
  const native = { quad: activation === 'relu2', both: train === 'both' };
  const a = angularSide(x1, n1, d);
  const b = x2 === null ? a : angularSide(x2, n2, d);
  return { job, two: { a, b, fns: twoLayerFns(native.quad, native.both), native } };
}

/** Writes rows [r0, r1) (lower triangle only when symmetric) into the [n1, n2] outputs. */
export function gramRowsInto(
  state: GramState,
  r0: number,
  r1: number,
  outNngp: Float64Array,
  outNtk: Float64Array,
): void {
  const { x2, n2 } = state.job;
  const symmetric = x2 === null;
  if (state.fc !== undefined) {
    const { plan, a, b } = state.fc;
    fcReluRowsInto(plan, a, b, symmetric, symmetric, r0, r1, outNngp, outNtk, r0 * n2, n2);
    return;
  }
  const { a, b, fns, native } = state.two!;
  angularRowsInto(a, b, symmetric, fns.pairFn, fns.diagFn, r0, r1, [outNngp, outNtk], r0 * n2, n2, native);
}
