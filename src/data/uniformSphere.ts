import { checkInteger, checkOptions } from '../internal/assert.ts';
import type { Rng } from '../random/rng.ts';
import type { Mat } from '../types.ts';
import { resolveRng } from './resolveRng.ts';

/** Options of {@link uniformSphere}. */
export interface UniformSphereOptions {
  /** Seed of the random stream. @defaultValue 0 */
  readonly seed?: number;
  /** A random stream to draw from instead of `seed`. @defaultValue none */
  readonly rng?: Rng;
}

/**
 * Points drawn independently and uniformly from the unit sphere S^{d−1} ⊂ R^d (normalised Gaussians).
 *
 * @param n - number of points
 * @param d - dimension of the ambient space (d ≥ 1; d = 1 gives ±1)
 * @param options - seed or rng
 * @returns shape [n, d], every row of norm 1 (to within 1 ulp)
 * @throws {@link DomainError} for n < 0 or d < 1 or a non-integer seed
 * @example
 * const x = uniformSphere(4, 3, { seed: 1 });
 * Math.hypot(x.data[0], x.data[1], x.data[2]); // 1.000000
 * @remarks Since 0.1.0
 */
export function uniformSphere(n: number, d: number, options?: UniformSphereOptions): Mat {
  const opts = checkOptions('uniformSphere', options);
  checkInteger('uniformSphere', 'n', n, 0);
  checkInteger('uniformSphere', 'd', d, 1);
  const rng = resolveRng('uniformSphere', opts);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    do {
      s = 0;
      for (let j = 0; j < d; j++) {
        const v = rng.normal();
        data[i * d + j] = v;
        s += v * v;
      }
    } while (s === 0);
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < d; j++) data[i * d + j] *= inv;
  }
  return { rows: n, cols: d, data };
}
