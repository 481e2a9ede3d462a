/** Binary tasks on the shipped real data sets, prepared for kernels (unit-norm rows, ±1 labels), seeded splits. */
import { loadBreastCancer } from '../../src/data/loadBreastCancer.ts';
import { loadDigits } from '../../src/data/loadDigits.ts';
import type { Rng } from '../../src/random/rng.ts';
import type { Mat } from '../../src/types.ts';

export interface BinaryTask {
  readonly name: string;
  readonly xTrain: Mat;
  readonly yTrain: Float64Array;
  readonly xTest: Mat;
  readonly yTest: Float64Array;
}

function pickRows(x: Mat, idx: readonly number[]): Mat {
  const d = x.cols;
  const data = new Float64Array(idx.length * d);
  for (let i = 0; i < idx.length; i++) data.set(x.data.subarray(idx[i] * d, idx[i] * d + d), i * d);
  return { rows: idx.length, cols: d, data };
}

function normalise(x: Mat): Mat {
  const d = x.cols;
  const data = x.data.slice();
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += data[i * d + j] ** 2;
    s = Math.sqrt(s) || 1;
    for (let j = 0; j < d; j++) data[i * d + j] /= s;
  }
  return { rows: x.rows, cols: d, data };
}

function shuffle(idx: number[], rng: Rng): number[] {
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

function split(name: string, x: Mat, y: Float64Array, nTrain: number, nTest: number, rng: Rng): BinaryTask {
  const idx = shuffle(
    Array.from({ length: x.rows }, (_, i) => i),
    rng,
  );
  const tr = idx.slice(0, nTrain);
  const te = idx.slice(nTrain, nTrain + nTest);
  return {
    name,
    xTrain: pickRows(x, tr),
    yTrain: Float64Array.from(tr, (i) => y[i]),
    xTest: pickRows(x, te),
    yTest: Float64Array.from(te, (i) => y[i]),
  };
}

/** UCI digits, 3 (label +1) vs 8 (label −1), pixel rows scaled to unit norm. */
export function digits3vs8(nTrain: number, nTest: number, rng: Rng): BinaryTask {
  const ds = loadDigits();
  const keep: number[] = [];
  for (let i = 0; i < ds.x.rows; i++) if (ds.y[i] === 3 || ds.y[i] === 8) keep.push(i);
  const x = normalise(pickRows(ds.x, keep));
  const y = Float64Array.from(keep, (i) => (ds.y[i] === 3 ? 1 : -1));
  return split('digits 3 vs 8', x, y, Math.min(nTrain, keep.length - nTest), nTest, rng);
}

/** UCI breast cancer (benign +1, malignant −1): features standardised, then rows scaled to unit norm. */
export function breastCancer(nTrain: number, nTest: number, rng: Rng): BinaryTask {
  const ds = loadBreastCancer();
  const { rows: n, cols: d } = ds.x;
  const data = ds.x.data.slice();
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[i * d + j];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (data[i * d + j] - m) ** 2;
    const s = Math.sqrt(v / n) || 1;
    for (let i = 0; i < n; i++) data[i * d + j] = (data[i * d + j] - m) / s;
  }
  const x = normalise({ rows: n, cols: d, data });
  const y = Float64Array.from(ds.y, (v) => (v === 1 ? 1 : -1));
  return split('breast cancer', x, y, Math.min(nTrain, n - nTest), nTest, rng);
}
