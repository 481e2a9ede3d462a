/**
 * The ascent of {@link attackLoop} on a block of rows [i0, i1): every restart and step for those samples,
 * keeping the highest-loss candidate per sample. Samples are independent, so the result for a row does not
 * depend on the block it ran in (given a model pass that is row-independent, as the GEMMs are).
 * @internal
 * @packageDocumentation
 */
import type { Loss } from '../nn/loss.ts';
import { type BoxBounds, type KindCode, projectRow, stepRow } from './setGeometry.ts';

/** A model's passes over a block of rows, as the ascent needs them. @internal */
export interface RowPasses {
  /** f(p_i) for the `rows` rows of p ([rows, d]). */
  forward(p: Float64Array, rows: number): Float64Array;
  /** ∂(Σ_i u_i f(p_i))/∂p at the rows of the last forward, [rows, d]. */
  backward(u: Float64Array, rows: number): Float64Array;
}

/** The settings and buffers of one attack (shared by all blocks). @internal */
export interface AscentJob {
  readonly d: number;
  /** Centres x, [n, d] (unit rows for caps). */
  readonly c: Float64Array;
  readonly y: Float64Array;
  /** Start of each restart, [n, d], or null for the clean point. */
  readonly starts: readonly (Float64Array | null)[];
  /** Step size at each step: stepSize·schedule(s, steps). */
  readonly etas: Float64Array;
  readonly kind: KindCode;
  readonly rho: number;
  readonly box: BoxBounds | null;
  readonly lossFn: Loss;
  /** Outputs: best point [n, d] (initialised to x), its loss (−∞) and prediction. */
  readonly best: Float64Array;
  readonly bestLoss: Float64Array;
  readonly bestPred: Float64Array;
  /** Output f(x_i) [n] from the first evaluation when restart 0 starts at the clean point, else null. */
  readonly clean: Float64Array | null;
}

/** The first non-finite loss of a block, in (restart, step, sample) order. @internal */
export interface AscentFailure {
  readonly restart: number;
  readonly step: number;
  readonly index: number;
  readonly loss: number;
}

/**
 * Runs every restart and step for rows [i0, i1) with `passes`; returns the first non-finite loss met (and
 * stops there), else null.
 * @internal
 */
export function ascendRows(passes: RowPasses, job: AscentJob, i0: number, i1: number): AscentFailure | null {
  const { d, y, etas, kind, rho, box, lossFn, best, bestLoss, bestPred } = job;
  const rows = i1 - i0;
  const steps = etas.length;
  const c = job.c.subarray(i0 * d, i1 * d);
  const p = new Float64Array(rows * d);
  const up = new Float64Array(rows);
  const tmp = new Float64Array(d);
  for (let r = 0; r < job.starts.length; r++) {
    const start = job.starts[r];
    p.set(start === null ? c : start.subarray(i0 * d, i1 * d));
    for (let s = 0; s <= steps; s++) {
      const f = passes.forward(p, rows);
      for (let i = 0; i < rows; i++) {
        const k = i0 + i;
        const l = lossFn.value(f[i], y[k]);
        if (!Number.isFinite(l)) return { restart: r, step: s, index: k, loss: l };
        if (l > bestLoss[k]) {
          bestLoss[k] = l;
          bestPred[k] = f[i];
          best.set(p.subarray(i * d, (i + 1) * d), k * d);
        }
        up[i] = lossFn.derivative(f[i], y[k]);
      }
      if (r === 0 && s === 0 && start === null && job.clean !== null) job.clean.set(f, i0);
      if (s === steps) break;
      const g = passes.backward(up, rows);
      const eta = etas[s];
      for (let i = 0; i < rows; i++) {
        stepRow(kind, eta, p, g, i * d, d, tmp);
        projectRow(kind, rho, p, i * d, c, d, box, tmp);
      }
    }
  }
  return null;
}
