/**
 * FALKON's CG pass alone, w = K_nMᵀ(K_nM·u)/n over a cached K_nM [n, M] in 2048-row blocks: the former two
 * GEMMs per block (T = K_b·u/n, w += K_bᵀ·T, as falkon.ts did before the fused kernel) against the fused
 * `falkonPass` (each row read once), natively on 1 and 2 threads, plus the WASM-SIMD and JavaScript fused
 * passes against the WASM-SIMD and JavaScript GEMM pairs (the paths without the addon). Alternating, median of `REPS` passes each; GB/s counts
 * the bytes of K_nM read once per pass; CPU/wall > 1 shows a second thread at work.
 *
 *   npx tsx bench/falkonPass.ts 200000 500 1     # n, M, k (outputs)
 */

import { jsFalkonPass } from '../src/backend/js/falkonPass.ts';
import { nativeKernels } from '../src/backend/native/loader.ts';
import { getKernel } from '../src/backend/registry.ts';
import { wasmFalkonPass } from '../src/backend/wasm/falkonPass.ts';
import { createRng } from '../src/random/rng.ts';

const [nArg = '200000', mArg = '500', kArg = '1'] = process.argv.slice(2);
const n = Number(nArg);
const M = Number(mArg);
const k = Number(kArg);
const REPS = Number(process.env.REPS ?? 3);
const blockRows = Number(process.env.BLOCK_ROWS ?? 2048);
const rng = createRng(1);
const K = new Float64Array(n * M);
rng.fillNormal(K);
const u = new Float64Array(M * k);
rng.fillNormal(u);
const addon = nativeKernels();
const wasmGemm = getKernel('dgemm', 'wasm-simd');
const jsGemm = getKernel('dgemm', 'js');

type Dgemm = (...a: Parameters<typeof wasmGemm>) => void;

/** The former pass: two GEMMs per block. */
function gemmPair(gemm: Dgemm): Float64Array {
  const w = new Float64Array(M * k);
  const t = new Float64Array(blockRows * k);
  for (let r0 = 0; r0 < n; r0 += blockRows) {
    const rows = Math.min(n, r0 + blockRows) - r0;
    t.fill(0, 0, rows * k);
    gemm(false, false, rows, k, M, 1, K, r0 * M, M, u, 0, k, 1, t, 0, k);
    for (let i = 0; i < rows * k; i++) t[i] /= n;
    gemm(true, false, M, k, rows, 1, K, r0 * M, M, t, 0, k, 1, w, 0, k);
  }
  return w;
}

/** The fused pass. */
function fused(pass: (rows: number, kb: Float64Array, w: Float64Array) => void): Float64Array {
  const w = new Float64Array(M * k);
  for (let r0 = 0; r0 < n; r0 += blockRows) {
    const r1 = Math.min(n, r0 + blockRows);
    pass(r1 - r0, K.subarray(r0 * M, r1 * M), w);
  }
  return w;
}

const variants: [string, () => Float64Array][] = [];
if (addon !== undefined) {
  const fp = addon.falkonPass;
  for (const threads of [1, 2]) {
    variants.push([
      `native GEMM pair, ${threads} thread(s)`,
      () => gemmPair((...a) => addon.dgemm(...a, threads)),
    ]);
    if (fp !== undefined) {
      variants.push([
        `native fused, ${threads} thread(s)`,
        () => fused((rows, kb, w) => fp(rows, M, k, kb, u, null, 1 / n, w, threads)),
      ]);
    }
  }
}
if (process.env.WITH_JS !== '0') {
  variants.push(['wasm-simd GEMM pair', () => gemmPair(wasmGemm)]);
  variants.push([
    'wasm-simd fused',
    () => fused((rows, kb, w) => wasmFalkonPass(rows, M, k, kb, u, null, 1 / n, w)),
  ]);
  variants.push(['js GEMM pair', () => gemmPair(jsGemm)]);
  variants.push(['js fused', () => fused((rows, kb, w) => jsFalkonPass(rows, M, k, kb, u, null, 1 / n, w))]);
}

const times = variants.map(() => [] as number[]);
const cpu = variants.map(() => 0);
const outs: Float64Array[] = [];
for (let rep = 0; rep < REPS; rep++) {
  variants.forEach(([, run], i) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    outs[i] = run();
    times[i].push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu[i] += (c.user + c.system) / 1e6;
  });
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const gb = (n * M * 8) / 1e9;
const base = median(times[0]);
console.log(`n = ${n}, M = ${M}, k = ${k}: K_nM ${gb.toFixed(2)} GB, median of ${REPS}`);
variants.forEach(([name], i) => {
  const t = median(times[i]);
  let rel = 0;
  for (let j = 0; j < outs[i].length; j++)
    rel = Math.max(rel, Math.abs(outs[i][j] - outs[0][j]) / (Math.abs(outs[0][j]) + 1e-300));
  const busy = cpu[i] / times[i].reduce((x, y) => x + y, 0);
  console.log(
    `${name.padEnd(30)} ${t.toFixed(3)} s  ${(gb / t).toFixed(2)} GB/s  ×${(base / t).toFixed(2)}  CPU/wall ${busy.toFixed(2)}  max rel diff ${rel.toExponential(1)}  [${times[i].map((x) => x.toFixed(3)).join(', ')}]`,
  );
});
