/**
 * Shared boundary checks for the linear-algebra and regression public layers.
 * @internal
 * @packageDocumentation
 */
import { DomainError } from '../errors.ts';
import { assertSquare } from '../internal/assert.ts';
import type { Mat } from '../types.ts';

/**
 * Throws DomainError unless `m` is square and symmetric: |a_ij − a_ji| ≤ rtol·max(|a_ij|, |a_ji|) + rtol·max|a|·1e-3
 * for every pair. Kernel matrices built by mirroring one triangle are exactly symmetric.
 */
export function assertSymmetric(fn: string, arg: string, m: Mat, rtol = 1e-10): void {
  assertSquare(fn, arg, m);
  const n = m.rows;
  const a = m.data;
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) maxAbs = Math.max(maxAbs, Math.abs(a[i]));
  const floor = rtol * 1e-3 * maxAbs;
  // A cache-friendly pass in 64×64 tiles first (the column reads of a plain row scan cost 0.3 s at
  // n = 4096); only a failing matrix is rescanned row by row, to report its first offending pair.
  if (symmetricTiles(a, n, rtol, floor)) return;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const u = a[i * n + j];
      const v = a[j * n + i];
      if (Math.abs(u - v) > rtol * Math.max(Math.abs(u), Math.abs(v)) + floor) {
        throw new DomainError(`${arg} must be symmetric (got [${i}, ${j}] = ${u} but [${j}, ${i}] = ${v})`, {
          fn,
          arg,
          expected: 'symmetric',
          actual: [u, v],
          index: [i, j],
        });
      }
    }
  }
}

/** Whether every pair passes the test of {@link assertSymmetric}, scanned in 64×64 tiles. */
function symmetricTiles(a: Float64Array, n: number, rtol: number, floor: number): boolean {
  const T = 64;
  for (let i0 = 0; i0 < n; i0 += T) {
    const i1 = Math.min(n, i0 + T);
    for (let j0 = 0; j0 <= i0; j0 += T) {
      for (let i = i0; i < i1; i++) {
        const j1 = Math.min(i, j0 + T);
        for (let j = j0; j < j1; j++) {
          const u = a[i * n + j];
          const v = a[j * n + i];
          if (!(Math.abs(u - v) <= rtol * Math.max(Math.abs(u), Math.abs(v)) + floor)) return false;
        }
      }
    }
  }
  return true;
}
