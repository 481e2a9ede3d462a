/**
 * Kernel regression in the infinite-width limit on the UCI digits (8×8 images, 10 classes).
 *
 * An infinitely wide fully connected ReLU network (depth 2, σ_w = √2, σ_b = 0.1, NTK parameterisation) trained
 * by gradient flow on the MSE with one-hot ±1 targets: test accuracy at several training times t (in units of
 * the learning rate, neural-tangents convention), at t = ∞ (kernel interpolation), and the NNGP posterior.
 *
 * Run: `npx tsx examples/kernelRegression.ts` (NTK_EXAMPLE_QUICK=1 for a < 10 s version).
 */
import { loadDigits } from '../src/data/index.ts';
import { fcReluKernel } from '../src/kernels/index.ts';
import { createRng } from '../src/random/index.ts';
import { argmaxAccuracy, gpInference, gradientDescentMse, oneHot } from '../src/regression/index.ts';
import type { Mat } from '../src/types.ts';

const quick = process.env.NTK_EXAMPLE_QUICK === '1';
const nTrain = quick ? 300 : 1000;
const t0 = performance.now();

const digits = loadDigits();
const rng = createRng(0);
const perm = Array.from({ length: digits.x.rows }, (_, i) => i);
for (let i = perm.length - 1; i > 0; i--) {
  const j = rng.int(i + 1);
  [perm[i], perm[j]] = [perm[j], perm[i]];
}
function take(idx: readonly number[]): { x: Mat; y: Float64Array } {
  const d = digits.x.cols;
  const data = new Float64Array(idx.length * d);
  const y = new Float64Array(idx.length);
  idx.forEach((r, i) => {
    for (let p = 0; p < d; p++) data[i * d + p] = digits.x.data[r * d + p] / 16;
    y[i] = digits.y[r];
  });
  return { x: { rows: idx.length, cols: d, data }, y };
}
const train = take(perm.slice(0, nTrain));
const test = take(perm.slice(nTrain));

const kernel = fcReluKernel({ depth: 2, wStd: Math.SQRT2, bStd: 0.1 });
const kTrainTrain = kernel(train.x);
const kTestTrain = kernel(test.x, train.x);
const yTrain = oneHot(train.y, { numClasses: 10 });
console.log(`digits: ${train.x.rows} train, ${test.x.rows} test, d = ${train.x.cols}; fc-ReLU depth 2`);

const predictor = gradientDescentMse(kTrainTrain.ntk, yTrain, { learningRate: 1 });
const times = quick
  ? [100, 1e4, Number.POSITIVE_INFINITY]
  : [10, 100, 1e3, 1e4, 1e5, Number.POSITIVE_INFINITY];
console.log('NTK gradient flow (learning rate 1, t in steps):');
for (const r of predictor.predictMany(times, { kTestTrain: kTestTrain.ntk })) {
  const acc = argmaxAccuracy(r.fxTest!, test.y);
  const trainAcc = argmaxAccuracy(r.fxTrain, train.y);
  console.log(
    `  t = ${String(r.t).padStart(8)}  train acc ${(100 * trainAcc).toFixed(1)} %  test acc ${(100 * acc).toFixed(1)} %`,
  );
}

const gp = gpInference(kTrainTrain, yTrain, { diagReg: { value: 1e-4, scale: 'trace' } });
const post = gp.predict({ get: 'nngp', kTestTrain, kTestTestDiag: kernel.diag(test.x).nngp });
let meanVar = 0;
for (const v of post.variance!) meanVar += v / post.variance!.length;
console.log(
  `NNGP posterior (diagReg 1e-4·trace): test acc ${(100 * argmaxAccuracy(post.mean, test.y)).toFixed(1)} %, mean variance ${meanVar.toExponential(2)}`,
);
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
