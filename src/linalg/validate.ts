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
