/**
 * The synthetic teacher–student task of the FALKON benches: x uniform on S^{d−1} (d = 64), labels
 * y = sign(f*(x) − median) of a random two-layer ReLU teacher f*(x) = Σ_r a_r·relu(w_r·x) with 32 units
 * (seeded), thresholded at its median on a 20 000-point reference sample so the classes are balanced.
 * Training inputs use seed 1, the 10 000 test inputs seed 2.
 */
import { uniformSphere } from '../src/data/uniformSphere.ts';
import { createRng } from '../src/random/rng.ts';
import type { Mat } from '../src/types.ts';

export const d = 64;
const width = 32;
const teacherRng = createRng(12345);
const W = new Float64Array(width * d);
teacherRng.fillNormal(W);
const A = Float64Array.from({ length: width }, () => (teacherRng.uniform() < 0.5 ? -1 : 1));

function teacher(x: Mat): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    for (let r = 0; r < width; r++) {
      let z = 0;
      for (let k = 0; k < d; k++) z += W[r * d + k] * x.data[i * d + k];
      s += A[r] * Math.max(0, z);
    }
    out[i] = s;
  }
  return out;
}
const ref = teacher(uniformSphere(20000, d, { seed: 999 }));
const median = Float64Array.from(ref).sort()[10000];

/** ±1 labels of the teacher. */
export const labels = (x: Mat): Float64Array => teacher(x).map((v) => (v > median ? 1 : -1));
/** Fraction of sign disagreements. */
export const testError = (f: Float64Array, y: Float64Array): number =>
  f.reduce((e, v, i) => e + (Math.sign(v) === y[i] ? 0 : 1), 0) / y.length;
/** The n training inputs (seed 1). */
export const trainInputs = (n: number): Mat => uniformSphere(n, d, { seed: 1 });
/** The m test inputs (seed 2). */
export const testInputs = (m = 10000): Mat => uniformSphere(m, d, { seed: 2 });
