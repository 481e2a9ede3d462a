/**
 * Robust kernel interpolation: a function in the NTK's RKHS that fits every label on the whole perturbation
 * set of its input, and what robustness costs in RKHS norm (the kernel analogue of the distance from
 * initialisation R in the paper's convergence theorem).
 *
 * Part 1 — the circle (THEORY.md C7): six equispaced points with alternating labels, first-layer ReLU NTK on
 * (x, 1)/√2, arcs of half-width ρ. The norm grows with ρ and blows up as ρ → π/6, where neighbouring arcs touch.
 * Part 2 — real data: UCI digits 3 vs 8 on the unit sphere S^63, spherical caps of angle ρ, the search for
 * worst-case points done by gradient ascent with the kernel's closed-form input gradient. The plain
 * interpolant (ρ = 0) is compared with the robust one on the worst points the search finds.
 *
 * Run: npx tsx examples/robustKernelInterpolation.ts   (NTK_EXAMPLE_QUICK=1 for a < 10 s version)
 */
import { loadDigits } from '../src/data/index.ts';
import { appendBias, fcReluKernel, twoLayerNtk } from '../src/kernels/index.ts';
import { robustInterpolate } from '../src/robust/index.ts';
import type { KernelPair, Mat } from '../src/types.ts';

const quick = process.env.NTK_EXAMPLE_QUICK === '1';

// Part 1: the circle.
const h = twoLayerNtk({ activation: 'relu', train: 'first' });
const biasNtk = (x1: Mat, x2?: Mat): KernelPair =>
  x2 ? h(appendBias(x1), appendBias(x2)) : h(appendBias(x1));
const circle = [0, 1, 2, 3, 4, 5].map((k) => [Math.cos((k * Math.PI) / 3), Math.sin((k * Math.PI) / 3)]);
const labels = [1, -1, 1, -1, 1, -1];
console.log('Part 1: six points on the circle, alternating labels (π/6 ≈ 0.5236)');
console.log('   ρ     RKHS norm   constraints   sup error on the arcs');
for (const rho of quick ? [0, 0.2, 0.4, 0.5, 0.52] : [0, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.51, 0.52]) {
  const r = robustInterpolate(circle, labels, {
    kernel: biasNtk,
    set: { kind: 'cap', radius: rho },
    tolerance: 1e-3,
  });
  console.log(
    `${rho.toFixed(3).padStart(6)}  ${r.rkhsNorm.toFixed(3).padStart(10)}  ${String(r.centers.rows).padStart(12)}   ${r.maxViolation.toExponential(2)}`,
  );
}
const overlap = robustInterpolate(circle, labels, {
  kernel: biasNtk,
  set: { kind: 'cap', radius: 0.6 },
  maxIterations: 3,
});
console.log(`ρ = 0.6 > π/6: converged = ${overlap.converged} (reason: ${overlap.reason})\n`);

// Part 2: digits 3 vs 8 on the unit sphere.
const digits = loadDigits();
const d = digits.x.cols;
const n = quick ? 16 : 24;
const rows: number[] = [];
for (let i = 0; i < digits.x.rows && rows.length < n; i++)
  if (digits.y[i] === 3 || digits.y[i] === 8) rows.push(i);
const x = new Float64Array(n * d);
const y = new Float64Array(n);
rows.forEach((i, k) => {
  let s = 0;
  for (let j = 0; j < d; j++) s += digits.x.data[i * d + j] ** 2;
  for (let j = 0; j < d; j++) x[k * d + j] = digits.x.data[i * d + j] / Math.sqrt(s);
  y[k] = digits.y[i] === 3 ? 1 : -1;
});
const xs: Mat = { rows: n, cols: d, data: x };
const kernel = fcReluKernel({ depth: 2, wStd: Math.SQRT2, bStd: 0.1 });
console.log(`Part 2: ${n} digits (3 vs 8) on S^63, caps of angle ρ, fc ReLU NTK depth 2`);
console.log(
  '   ρ     RKHS norm   rounds   converged   worst |f − y| found   plain interpolant: worst |f − y| there',
);
const plain = robustInterpolate(xs, y, { kernel, set: { kind: 'cap', radius: 0 } });
for (const rho of quick ? [0.05, 0.1] : [0.05, 0.1, 0.15]) {
  const r = robustInterpolate(xs, y, {
    kernel,
    set: { kind: 'cap', radius: rho },
    tolerance: 0.05,
    maxIterations: quick ? 15 : 20,
    restarts: 4,
    steps: 10,
    seed: 1,
  });
  const fPlain = plain.predictor.predict(r.worstPoints);
  let plainWorst = 0;
  for (let i = 0; i < n; i++) plainWorst = Math.max(plainWorst, Math.abs(fPlain[i] - y[i]));
  console.log(
    `${rho.toFixed(3).padStart(6)}  ${r.rkhsNorm.toFixed(3).padStart(10)}  ${String(r.iterations).padStart(6)}   ${String(r.converged).padStart(9)}   ${r.maxViolation.toFixed(4).padStart(19)}   ${plainWorst.toFixed(4)}`,
  );
}
console.log(`(plain interpolant ρ = 0: RKHS norm ${plain.rkhsNorm.toFixed(3)})`);
