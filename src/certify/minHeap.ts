/**
 * A binary min-heap keyed by numbers, ties broken by insertion order (deterministic best-first search).
 * @internal
 * @packageDocumentation
 */

/** Min-heap of values by numeric key; equal keys pop in insertion order. @internal */
export class MinHeap<T> {
  private readonly keys: number[] = [];
  private readonly order: number[] = [];
  private readonly values: T[] = [];
  private counter = 0;

  get size(): number {
    return this.keys.length;
  }

  /** The smallest key (+∞ when empty). */
  peekKey(): number {
    return this.keys.length > 0 ? this.keys[0] : Number.POSITIVE_INFINITY;
  }

  push(key: number, value: T): void {
    this.keys.push(key);
    this.order.push(this.counter++);
    this.values.push(value);
    let i = this.keys.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): T {
    const top = this.values[0];
    const last = this.keys.length - 1;
    this.swap(0, last);
    this.keys.pop();
    this.order.pop();
    this.values.pop();
    let i = 0;
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    return this.keys[a] < this.keys[b] || (this.keys[a] === this.keys[b] && this.order[a] < this.order[b]);
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b], this.keys[a]];
    [this.order[a], this.order[b]] = [this.order[b], this.order[a]];
    [this.values[a], this.values[b]] = [this.values[b], this.values[a]];
  }
}
