/**
 * FALKON on a large task built from real data: the UCI optical digits (1797 images of 8×8 pixels 0..16,
 * vendored by `loadDigits`, CC BY 4.0, Alpaydin & Kaynak) replicated with noise.
 *
 * - Split (seed 0, `trainTestSplit`): 1200 original images are the replication base, the other 597
 *   originals are the held-out test set (never replicated, no noise).
 * - Replication (seed 7): training point i is base image i mod 1200 plus independent N(0, σ²) pixel noise,
 *   σ = 2 pixel units (of the 0..16 range); n up to 10⁵ and beyond.
 * - Features: pixels/16, then `normalizeRows` (unit sphere); kernel: depth-1 ReLU NTK (`fcReluKernel()`).
 * - Targets: one-hot [n, 10] (10 outputs, one CG recursion each); the prediction is the argmax; test error
 *   = fraction of the 597 held-out digits misclassified. Ridge r = 10⁻³·√n (absolute), the same for the
 *   exact and the FALKON solver at a given n.
 *
 *   npx tsx bench/falkon.digits.ts compare 20000 2000   # exact kernel ridge vs FALKON on the first n points
 *   FALKON_CACHE_GIB=4 npx tsx bench/falkon.digits.ts falkon 100000 2000
 */
import { loadDigits } from '../src/data/loadDigits.ts';
import { trainTestSplit } from '../src/data/trainTestSplit.ts';
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { normalizeRows } from '../src/kernels/normalizeRows.ts';
import { createRng } from '../src/random/rng.ts';
import { falkon } from '../src/regression/falkon.ts';
import { kernelRidge } from '../src/regression/kernelRidge.ts';
import type { Mat } from '../src/types.ts';
import { cgProgress, rssTracker, solveFields } from './falkonRun.ts';

const SIGMA = 2;
const BASE = 1200;
const digits = loadDigits();
const { train, test } = trainTestSplit(digits, { testFraction: 597 / 1797, seed: 0 });
if (train.x.rows !== BASE) throw new Error(`expected ${BASE} base images, got ${train.x.rows}`);
const d = 64;
const scale = (x: Mat): Mat => normalizeRows({ rows: x.rows, cols: d, data: x.data.map((v) => v / 16) });

function replicate(n: number): { x: Mat; y: Mat } {
  const rng = createRng(7);
  const data = new Float64Array(n * d);
  const y = new Float64Array(n * 10);
  for (let i = 0; i < n; i++) {
    const b = i % BASE;
    for (let k = 0; k < d; k++) data[i * d + k] = train.x.data[b * d + k] + SIGMA * rng.normal();
    y[i * 10 + train.y[b]] = 1;
  }
  return { x: scale({ rows: n, cols: d, data }), y: { rows: n, cols: 10, data: y } };
}
const argmaxError = (f: Mat, labels: Float64Array): number => {
  let wrong = 0;
  for (let i = 0; i < f.rows; i++) {
    let a = 0;
    for (let c = 1; c < f.cols; c++) if (f.data[i * f.cols + c] > f.data[i * f.cols + a]) a = c;
    if (a !== labels[i]) wrong++;
  }
  return wrong / f.rows;
};

const [mode = 'falkon', nArg = '100000', mArg = '2000'] = process.argv.slice(2);
const n = Number(nArg);
const M = Number(mArg);
const ridge = 1e-3 * Math.sqrt(n);
const kernel = fcReluKernel({ depth: 1 });
const xt = scale(test.x);
const rss = rssTracker();
const mem = rss.sample;
const t0 = performance.now();
const { x, y } = replicate(n);
const tData = (performance.now() - t0) / 1000;
mem();
const t1 = performance.now();
const model = falkon(kernel, x, y, {
  centers: M,
  diagReg: ridge,
  maxIterations: Number(process.env.FALKON_MAXIT ?? 50),
  cacheBytes: Number(process.env.FALKON_CACHE_GIB ?? 4) * 2 ** 30,
  tol: Number(process.env.FALKON_TOL ?? 1e-4),
  onProgress: cgProgress(mem),
});
const fTest = model.predict(xt);
const tFalkon = (performance.now() - t1) / 1000;
mem();
const result: Record<string, unknown> = {
  task: 'digits replicated',
  sigma: SIGMA,
  n,
  M,
  ridge,
  testPoints: xt.rows,
  ...solveFields(model, tData, tFalkon),
  falkonTestError: argmaxError(fTest, test.y),
  peakRssGiB: rss.peakGiB(),
};
if (mode === 'compare') {
  const t2 = performance.now();
  const K = kernel(x).ntk;
  const fit = kernelRidge(K, y, { diagReg: { value: ridge, scale: 'absolute' } });
  const fExact = fit.predict(kernel(xt, x).ntk);
  mem();
  result.exactSeconds = (performance.now() - t2) / 1000;
  result.exactTestError = argmaxError(fExact, test.y);
  result.peakRssGiB = rss.peakGiB();
}
console.log(JSON.stringify(result));
