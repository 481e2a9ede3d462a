/**
 * Certified robust-loss brackets of networks: mean gap and time per point for interval bound propagation
 * (IBP), CROWN-style linear bounds, and CROWN + branch-and-bound (issue 9, benchmark (i)).
 * Run: npx tsx bench/certify.netBounds.ts [points] [timeLimitMs]
 *
 * Setting: d = 10, ℓ∞ ρ = 0.1, logistic loss, `points` unit-norm inputs with labels ±1 (seeded); the lower
 * end is the default attack (PGD 20 steps, 5 restarts) and is shared by the three methods, so the gaps
 * differ only by the certified upper end. Times are wall-clock per point on a shared, noisy machine.
 */
import { netNodeBound } from '../src/certify/netNodeBound.ts';
import { fcReluPiecewise, type PiecewiseNet, twoLayerPiecewise } from '../src/certify/piecewiseNet.ts';
import { fcReluNet } from '../src/nn/fcReluNet.ts';
import { loss } from '../src/nn/loss.ts';
import { twoLayerNet } from '../src/nn/twoLayerNet.ts';
import { createRng } from '../src/random/rng.ts';
import { robustLossBracket } from '../src/robust/index.ts';
import type { CertifiableModel } from '../src/types.ts';

const points = Number(process.argv[2] ?? 20);
const timeLimitMs = Number(process.argv[3] ?? 10_000);
const d = 10;
const rho = 0.1;
const set = { kind: 'linf', radius: rho } as const;
const logistic = loss('logistic');

const rng = createRng(2026);
const xs: number[][] = [];
const ys: number[] = [];
for (let i = 0; i < points; i++) {
  const v = Array.from({ length: d }, () => rng.normal());
  const n = Math.hypot(...v);
  xs.push(v.map((t) => t / n));
  ys.push(rng.uniform() < 0.5 ? -1 : 1);
}

interface Case {
  readonly name: string;
  readonly model: CertifiableModel;
  readonly view: PiecewiseNet;
}

const cases: Case[] = [];
for (const activation of ['relu', 'relu2', 'softplus'] as const) {
  const net = twoLayerNet({ inputDim: d, width: 100, activation, seed: 1 });
  cases.push({
    name: `twoLayerNet ${activation}, m = 100`,
    model: net,
    view: twoLayerPiecewise(d, activation, net.W.data, net.a),
  });
}
{
  const net = fcReluNet({ inputDim: d, width: 32, depth: 2, bStd: 0.1, seed: 1 });
  cases.push({
    name: 'fcReluNet depth 2, width 32',
    model: net,
    view: fcReluPiecewise(
      net.sizes,
      net.params,
      net.layers.map((l) => l.offset),
      net.wStd,
      net.bStd,
    ),
  });
}

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

console.log(`| net | method | mean gap | max gap | bound time / point | branched |`);
console.log(`|---|---|---|---|---|---|`);
for (const c of cases) {
  // The attack alone (a wrapper without boundOutput): subtracted from the branch-and-bound bracket time.
  const plain = {
    inputDim: d,
    predict: c.model.predict.bind(c.model),
    inputGradient: c.model.inputGradient.bind(c.model),
  };
  const ta = performance.now();
  robustLossBracket(plain, xs, ys, { set, loss: 'logistic' });
  const tAttack = (performance.now() - ta) / points;
  // CROWN first pass (max of IBP and CROWN, no branching) gives the shared lower end; its time is that of
  // boundOutput alone (one sign per point for the logistic loss).
  const first = robustLossBracket(c.model, xs, ys, { set, loss: 'logistic', maxNodes: 0 });
  const flat = { rows: points, cols: d, data: Float64Array.from(xs.flat()) };
  c.model.boundOutput(flat, { set, sign: Float64Array.from(ys), maxNodes: 0 }); // warm-up (JIT)
  let t0 = performance.now();
  c.model.boundOutput(
    { rows: points, cols: d, data: Float64Array.from(xs.flat()) },
    { set, sign: Float64Array.from(ys), maxNodes: 0 },
  );
  const tFirst = (performance.now() - t0) / points;
  // IBP, on the same lower end (computed in the same pass as CROWN: no separate time).
  const ibpUpper = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    const x = Float64Array.from(xs[i]);
    const dom = {
      kind: 'linf' as const,
      x,
      rho,
      lo: x.map((v) => v - rho),
      hi: x.map((v) => v + rho),
      full: true,
    };
    const b = netNodeBound(c.view, dom, ys[i], null, false);
    ibpUpper[i] = Math.max(logistic.value(ys[i] * b.ibp, ys[i]), first.lower[i]);
  }
  t0 = performance.now();
  const bab = robustLossBracket(c.model, xs, ys, {
    set,
    loss: 'logistic',
    maxNodes: 1e9,
    timeLimitMs,
    tolerance: 1e-3,
  });
  const tBab = (performance.now() - t0) / points - tAttack;
  const gapsIbp = ibpUpper.map((u, i) => u - first.lower[i]);
  const gapsFirst = first.upper.map((u, i) => u - first.lower[i]);
  // The BaB run found its own attack points: measure its gap against the best lower end of both runs.
  const low = first.lower.map((l, i) => Math.max(l, bab.lower[i]));
  const gapsBab = bab.upper.map((u, i) => u - low[i]);
  const row = (m: string, g: Float64Array, t: number, nodes: string) =>
    console.log(
      `| ${c.name} | ${m} | ${mean(g).toExponential(2)} | ${Math.max(...g).toExponential(2)} | ${Number.isNaN(t) ? 'same pass as CROWN' : `${t.toFixed(1)} ms`} | ${nodes} |`,
    );
  row('IBP', gapsIbp, Number.NaN, '–');
  row('CROWN', gapsFirst, tFirst, '–');
  row('CROWN + BaB', gapsBab, tBab, `${bab.method.filter((m) => m === 'bab').length}/${points}`);
  console.log(`(attack alone: ${tAttack.toFixed(1)} ms / point)`);
}
