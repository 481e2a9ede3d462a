/**
 * Runs a check's negative controls: each broken ingredient must make at least one comparison fail. Used by
 * the negative-control test and available to anyone who writes a check (or replaces an ingredient).
 */
import type { Check, CheckContext, Comparison } from './check.ts';

/** The outcome of one negative control. */
export interface NegativeControlResult {
  readonly name: string;
  readonly description: string;
  /** Number of comparisons the broken run produced. */
  readonly comparisons: number;
  /** The comparisons that failed (the evidence that the control was caught). */
  readonly failed: readonly Comparison[];
  /** Message of an error the broken run threw; a throw does not count as caught. */
  readonly error?: string;
  /** True iff the run returned normally and at least one comparison failed. */
  readonly caught: boolean;
}

/**
 * Runs every negative control of `check` with the given context (quick mode is what the test uses).
 *
 * @param check - the check; its `negativeControls` (none = an empty result)
 * @param ctx - mode, seed, signal and log passed to every run
 * @returns one result per control, in declaration order
 */
export async function runNegativeControls<I extends object>(
  check: Check<I>,
  ctx: CheckContext,
): Promise<NegativeControlResult[]> {
  const results: NegativeControlResult[] = [];
  for (const control of check.negativeControls ?? []) {
    if (ctx.signal?.aborted) break;
    try {
      const out = await check.run(ctx, control.ingredients);
      const failed = out.comparisons.filter((c) => !c.pass);
      results.push({
        name: control.name,
        description: control.description,
        comparisons: out.comparisons.length,
        failed,
        caught: failed.length > 0,
      });
    } catch (e) {
      if (ctx.signal?.aborted) throw e;
      results.push({
        name: control.name,
        description: control.description,
        comparisons: 0,
        failed: [],
        error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
        caught: false,
      });
    }
  }
  return results;
}
