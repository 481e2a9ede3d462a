/**
 * The budget of one branch-and-bound search.
 * @internal
 * @packageDocumentation
 */

/** Stop rule of one sample's branch-and-bound search. @internal */
export interface SearchBudget {
  /** Stop once attained − lower ≤ tolerance. */
  readonly tolerance: number;
  /** Stop after this many bounded sub-domains. */
  readonly maxNodes: number;
  /** Stop after this `performance.now()` time (ms). */
  readonly deadline: number;
  /** Stop once aborted. */
  readonly signal: AbortSignal | undefined;
}

/** Whether the search must stop (nodes, time, cancellation). @internal */
export function outOfBudget(b: SearchBudget, nodes: number): boolean {
  return nodes >= b.maxNodes || performance.now() > b.deadline || b.signal?.aborted === true;
}
