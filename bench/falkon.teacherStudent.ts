/**
 * FALKON on the synthetic teacher–student task of bench/falkonTask.ts (x uniform on S⁶³, ±1 labels of a
 * random two-layer ReLU teacher), the student kernel the depth-1 ReLU NTK (`fcReluKernel()`).
 *
 *   FALKON_CACHE_GIB=4 npx tsx bench/falkon.teacherStudent.ts falkon 1000000 500   # n, M: time, memory, error
 *   npx tsx bench/falkon.teacherStudent.ts compare 20000 2000      # exact KRR vs FALKON on n points
 */
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { falkon } from '../src/regression/falkon.ts';
import { kernelRidge } from '../src/regression/kernelRidge.ts';
import { cgProgress, rssTracker, solveFields } from './falkonRun.ts';
import { d, labels, testError, testInputs, trainInputs } from './falkonTask.ts';

const [mode = 'falkon', nArg = '100000', mArg = '1000'] = process.argv.slice(2);
const n = Number(nArg);
const M = Number(mArg);
const ridge = 1e-3 * Math.sqrt(n);
const kernel = fcReluKernel({ depth: 1 });
const xt = testInputs();
const yt = labels(xt);
const rss = rssTracker();
const mem = rss.sample;
const t0 = performance.now();
const x = trainInputs(n);
const y = labels(x);
const tData = (performance.now() - t0) / 1000;
mem();
const t1 = performance.now();
const model = falkon(kernel, x, y, {
  centers: M,
  sampling: process.env.FALKON_SAMPLING === 'leverage' ? 'leverage' : 'uniform',
  diagReg: ridge,
  maxIterations: Number(process.env.FALKON_MAXIT ?? 30),
  cacheBytes: Number(process.env.FALKON_CACHE_GIB ?? 2) * 2 ** 30,
  tol: Number(process.env.FALKON_TOL ?? 1e-6),
  onProgress: cgProgress(mem),
});
const fTest = model.predict(xt).data;
const tFalkon = (performance.now() - t1) / 1000;
mem();
const result: Record<string, unknown> = {
  n,
  d,
  M,
  ridge,
  ...solveFields(model, tData, tFalkon),
  falkonTestError: testError(fTest, yt),
  peakRssGiB: rss.peakGiB(),
};
if (mode === 'compare') {
  const t2 = performance.now();
  const K = kernel(x).ntk;
  const fit = kernelRidge(K, y, { diagReg: { value: ridge, scale: 'absolute' } });
  const fExact = fit.predict(kernel(xt, x).ntk).data;
  mem();
  result.exactSeconds = (performance.now() - t2) / 1000;
  result.exactTestError = testError(fExact, yt);
  result.peakRssGiB = rss.peakGiB();
}
console.log(JSON.stringify(result));
