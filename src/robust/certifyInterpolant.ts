/**
 * Certified sup error of a kernel interpolant over its perturbation sets, from the kernel predictor's
 * certified output bounds.
 * @internal
 * @packageDocumentation
 */
import type { KernelPredictor } from '../regression/kernelPredictor.ts';
import type { Mat, OutputBoundMethod, PerturbationSet } from '../types.ts';

/** Budget of the certificate (per set and per side). */
export interface CertifyBudget {
  readonly tolerance?: number;
  readonly maxNodes?: number;
  readonly timeLimitMs?: number;
  readonly signal?: AbortSignal;
}

/** Certified upper bounds of sup_{x' ∈ B(x_i)} |f(x') − y_i| per set. */
export interface CertifiedSupError {
  readonly setBounds: Float64Array;
  readonly max: number;
  readonly method: OutputBoundMethod[];
}

/**
 * sup_{x' ∈ B(x_i)} |f(x') − y_i| ≤ max(y_i − L⁺_i, −L⁻_i − y_i), where L⁺_i ≤ min f and L⁻_i ≤ min(−f) over
 * the set are the predictor's certified lower bounds (signs +1 and −1). `attainedPlus/Minus` are the best
 * values found by the search (they let branch-and-bound stop early).
 */
export function certifySupError(
  predictor: KernelPredictor,
  x: Mat,
  y: Float64Array,
  set: PerturbationSet,
  fWorst: Float64Array,
  budget: CertifyBudget,
): CertifiedSupError {
  const n = x.rows;
  const fClean = predictor.predict(x);
  const plus = new Float64Array(n).fill(1);
  const minus = new Float64Array(n).fill(-1);
  const attPlus = fClean.map((v, i) => Math.min(v, fWorst[i]));
  const attMinus = fClean.map((v, i) => Math.min(-v, -fWorst[i]));
  const lo = predictor.boundOutput(x, { set, sign: plus, attained: attPlus, ...budget });
  const hi = predictor.boundOutput(x, { set, sign: minus, attained: attMinus, ...budget });
  const setBounds = new Float64Array(n);
  const method: OutputBoundMethod[] = [];
  let max = 0;
  for (let i = 0; i < n; i++) {
    setBounds[i] = Math.max(y[i] - lo.lower[i], -hi.lower[i] - y[i], 0);
    const a = lo.method[i];
    const b = hi.method[i];
    method.push(a === 'none' || b === 'none' ? 'none' : a === 'bab' || b === 'bab' ? 'bab' : a);
    max = Math.max(max, setBounds[i]);
  }
  return { setBounds, max, method };
}
