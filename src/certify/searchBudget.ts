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

/** The best point found by one sample's search: value s·f(point) (the model's own forward pass). @internal */
export interface Incumbent {
  value: number;
  readonly point: Float64Array;
  /** Whether `point` holds a point found by the search (otherwise the value came from the caller). */
  found: boolean;
}

/** Replaces the incumbent when s·f(p) = `value` is smaller. @internal */
export function offer(inc: Incumbent, value: number, p: ArrayLike<number>): void {
  if (value < inc.value) {
    inc.value = value;
    for (let j = 0; j < inc.point.length; j++) inc.point[j] = p[j];
    inc.found = true;
  }
}

/** Whether the search must stop (nodes, time, cancellation). @internal */
export function outOfBudget(b: SearchBudget, nodes: number): boolean {
  return nodes >= b.maxNodes || performance.now() > b.deadline || b.signal?.aborted === true;
}
