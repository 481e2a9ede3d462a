/**
 * numpy-style closeness: |a − b| ≤ atol + rtol·|b| elementwise. Returns `{ ok: true }` or the worst entry,
 * so a failing `expect(...).toEqual({ ok: true })` prints where and by how much.
 */
export type AllCloseResult =
  | { ok: true }
  | { ok: false; index: number; a: number; b: number; absErr: number; allowed: number };

export function allClose(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  { rtol = 1e-12, atol = 0 }: { rtol?: number; atol?: number } = {},
): AllCloseResult {
  if (a.length !== b.length)
    return { ok: false, index: -1, a: a.length, b: b.length, absErr: Number.NaN, allowed: 0 };
  let worst: AllCloseResult = { ok: true };
  let worstRatio = 1;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - b[i]);
    const allowed = atol + rtol * Math.abs(b[i]);
    if (!(err <= allowed)) {
      const ratio = allowed > 0 ? err / allowed : Number.POSITIVE_INFINITY;
      if (worst.ok || ratio > worstRatio || Number.isNaN(err)) {
        worst = { ok: false, index: i, a: a[i], b: b[i], absErr: err, allowed };
        worstRatio = ratio;
      }
    }
  }
  return worst;
}

/** Largest relative error max |a−b| / max(|b|, floor) over all entries. */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-300): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  return m;
}
