/**
 * Row-block evaluation of a {@link GramSpec} kernel, shared by the workers and the calling thread. Writes
 * rows [r0, r1) of the full [n1, n2] outputs. For the symmetric case (x2 absent) only the lower triangle
 * (j ≤ i) is written; the caller mirrors it, exactly as the single-thread kernels do.
 * @internal
 * @packageDocumentation
 */
import { type FcReluPlan, type FcReluSide, fcReluPrepare, fcReluRowsInto } from '../kernels/fcReluCore.ts';
import { type FcReluKernelOptions, fcReluPlan } from '../kernels/fcReluKernel.ts';
import { type TwoLayerNtkFn, type TwoLayerNtkOptions, twoLayerNtk } from '../kernels/twoLayerNtk.ts';
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
    readonly kernel: TwoLayerNtkFn;
    readonly diagNngp?: Float64Array;
    readonly diagNtk?: Float64Array;
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
  const kernel = twoLayerNtk(specOptions(spec) as TwoLayerNtkOptions);
  if (x2 !== null) return { job, two: { kernel } };
  const diag = kernel.diag({ rows: n1, cols: d, data: x1 });
  return { job, two: { kernel, diagNngp: diag.nngp, diagNtk: diag.ntk } };
}

/** Writes rows [r0, r1) (lower triangle only when symmetric) into the [n1, n2] outputs. */
export function gramRowsInto(
  state: GramState,
  r0: number,
  r1: number,
  outNngp: Float64Array,
  outNtk: Float64Array,
): void {
  const { x1, d, x2, n2 } = state.job;
  const symmetric = x2 === null;
  if (state.fc !== undefined) {
    const { plan, a, b } = state.fc;
    fcReluRowsInto(plan, a, b, symmetric, symmetric, r0, r1, outNngp, outNtk, r0 * n2, n2);
    return;
  }
  const two = state.two!;
  const rows = { rows: r1 - r0, cols: d, data: x1.subarray(r0 * d, r1 * d) };
  // Symmetric: columns [0, r1) of the cross kernel hold every j ≤ i of the block; the diagonal comes from
  // the kernel's own diagonal formula, as in the single-thread symmetric path.
  const cols = symmetric
    ? { rows: r1, cols: d, data: x1.subarray(0, r1 * d) }
    : { rows: n2, cols: d, data: x2 };
  const k = two.kernel(rows, cols);
  const w = k.nngp.cols;
  for (let i = r0; i < r1; i++) {
    const src = (i - r0) * w;
    const jEnd = symmetric ? i : w;
    const dst = i * n2;
    for (let j = 0; j < jEnd; j++) {
      outNngp[dst + j] = k.nngp.data[src + j];
      outNtk[dst + j] = k.ntk.data[src + j];
    }
    if (symmetric) {
      outNngp[dst + i] = two.diagNngp![i];
      outNtk[dst + i] = two.diagNtk![i];
    }
  }
}
