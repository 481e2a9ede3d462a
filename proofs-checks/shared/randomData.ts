/** Seeded synthetic inputs for the checks. */
import type { Rng } from '../../src/random/rng.ts';
import type { Mat } from '../../src/types.ts';

/** n points uniform on the unit sphere S^{d−1}, shape [n, d]. */
export function unitSphere(n: number, d: number, rng: Rng): Mat {
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = rng.normal();
      data[i * d + j] = v;
      s += v * v;
    }
    s = Math.sqrt(s);
    for (let j = 0; j < d; j++) data[i * d + j] /= s;
  }
  return { rows: n, cols: d, data };
}

/** Largest |A_ij − A_ji|. */
export function asymmetry(a: Mat): number {
  let m = 0;
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < i; j++) m = Math.max(m, Math.abs(a.data[i * a.cols + j] - a.data[j * a.cols + i]));
  return m;
}
