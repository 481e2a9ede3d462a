/**
 * Certified output bounds of a kernel predictor (issue 9, benchmark ii): the NTK kernel predictor of
 * 200 centres in d = 10 at ℓ∞ ρ = 0.05. Per point: the best PGD attack value of min s·f (attained) and the
 * certified lower bound from interval bounds only, the linear relaxation only, and branch-and-bound; prints
 * the mean absolute and relative gap (attained − lower)/|f(x)| and the mean time per point.
 *
 * Run: `npx tsx bench/robust.kernelBracket.ts [points] [timeLimitMs]` (defaults 20, 2000).
 */
import { runAttack } from '../src/attacks/runAttack.ts';
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { createRng } from '../src/random/rng.ts';
import { fitKernelPredictor } from '../src/regression/fitKernelPredictor.ts';
import type { Mat } from '../src/types.ts';

const points = Number(process.argv[2] ?? 10);
const timeLimitMs = Number(process.argv[3] ?? 2000);
const d = 10;
const m = 200;
const rng = createRng(2026);

function unitRows(n: number): Mat {
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) {
      data[i * d + k] = rng.normal();
      s += data[i * d + k] ** 2;
    }
    for (let k = 0; k < d; k++) data[i * d + k] /= Math.sqrt(s);
  }
  return { rows: n, cols: d, data };
}

// Labels from a smooth teacher, fitted with a small ridge (the kernel regression t = ∞ predictor).
const X = unitRows(m);
const y = new Float64Array(m);
for (let i = 0; i < m; i++)
  y[i] = Math.sign(X.data[i * d] + 0.5 * X.data[i * d + 1] * X.data[i * d + 2]) || 1;
function benchmark(ridge: number, rho: number): void {
  const kernel = fcReluKernel({ depth: 1, bStd: 0.1 });
  const fits = {
    ibp: fitKernelPredictor(kernel, X, y, { diagReg: { value: ridge, scale: 'trace' }, firstPass: 'ibp' }),
    linear: fitKernelPredictor(kernel, X, y, {
      diagReg: { value: ridge, scale: 'trace' },
      firstPass: 'linear',
    }),
    both: fitKernelPredictor(kernel, X, y, { diagReg: { value: ridge, scale: 'trace' } }),
  };
  const T = unitRows(points);
  const f0 = fits.both.predict(T);
  const sign = f0.map((v) => (v < 0 ? -1 : 1));
  const attack = runAttack(fits.both, T, sign, {
    attack: { kind: 'pgd', steps: 50, restarts: 5, randomStart: true },
    set: { kind: 'linf', radius: rho },
    loss: 'logistic',
    seed: 1,
  });
  const attained = attack.predictions.map((v, i) => Math.min(sign[i] * v, sign[i] * f0[i]));

  const rows: string[] = [];
  const run = (
    name: string,
    model: (typeof fits)['both'],
    maxNodes: number,
    limit: number,
  ): { gap: number; rel: number; ms: number; nodes: number } => {
    let gap = 0;
    let rel = 0;
    let nodes = 0;
    const t = performance.now();
    for (let i = 0; i < points; i++) {
      const xi: Mat = { rows: 1, cols: d, data: T.data.slice(i * d, i * d + d) };
      const b = model.boundOutput(xi, {
        set: { kind: 'linf', radius: rho },
        sign: new Float64Array([sign[i]]),
        attained: new Float64Array([attained[i]]),
        maxNodes,
        timeLimitMs: limit,
        tolerance: 1e-2 * Math.abs(f0[i]),
      });
      gap += attained[i] - b.lower[0];
      rel += (attained[i] - b.lower[0]) / Math.abs(f0[i]);
      nodes += b.nodes[0];
    }
    const ms = (performance.now() - t) / points;
    const r = { gap: gap / points, rel: rel / points, ms, nodes: nodes / points };
    rows.push(
      `${name.padEnd(28)} ${r.gap.toExponential(3).padStart(11)} ${r.rel.toExponential(3).padStart(11)} ${r.ms.toFixed(1).padStart(9)} ${r.nodes.toFixed(1).padStart(8)}`,
    );
    return r;
  };

  run('interval (IBP) only', fits.ibp, 0, timeLimitMs);
  run('linear relaxation only', fits.linear, 0, timeLimitMs);
  run('first pass (max of both)', fits.both, 0, timeLimitMs);
  run(`branch-and-bound (${timeLimitMs} ms)`, fits.both, 1e9, timeLimitMs);
  const meanAbsF = f0.reduce((s, v) => s + Math.abs(v), 0) / points;
  const sumAbsAlpha = fits.both.alpha.reduce((s, v) => s + Math.abs(v), 0);
  console.log(
    `\nNTK kernel predictor (fcRelu depth 1, bStd 0.1), m = ${m} centres, d = ${d}, ridge ${ridge}·mean diag, Σ|α| = ${sumAbsAlpha.toFixed(0)}, ℓ∞ ρ = ${rho}, ${points} test points, mean |f(x)| = ${meanAbsF.toFixed(3)}`,
  );
  console.log(
    `${'method'.padEnd(28)} ${'mean gap'.padStart(11)} ${'rel. gap'.padStart(11)} ${'ms/point'.padStart(9)} ${'nodes'.padStart(8)}`,
  );
  for (const r of rows) console.log(r);
}

for (const [ridge, rho] of [
  [1e-3, 0.05],
  [1, 0.05],
  [1e-3, 0.01],
  [1, 0.01],
] as const) {
  benchmark(ridge, rho);
}
