/**
 * Adversarial training of a two-layer network on real data: UCI digits "3" vs "8", each image scaled to the
 * unit sphere S^63, perturbation sets = spherical caps of angle ρ. Prints the surrogate loss L_A (on the
 * PGD-attacked batch), the robust loss L* estimated by a stronger attack, the clean loss and the distance
 * from initialisation over the iterations, and the online-learning slack at the end.
 *
 * Run: npx tsx examples/adversarialTraining.ts   (NTK_EXAMPLE_QUICK=1 for a small, fast run)
 */
import { loadDigits } from '../src/data/loadDigits.ts';
import { twoLayerNet } from '../src/nn/twoLayerNet.ts';
import { adversarialTrain } from '../src/robust/adversarialTrain.ts';

const quick = process.env.NTK_EXAMPLE_QUICK === '1';
const digits = loadDigits();
const d = digits.x.cols;

// Keep 3s (label +1) and 8s (label −1); scale each image to unit norm.
const rows: number[] = [];
for (let i = 0; i < digits.x.rows; i++) if (digits.y[i] === 3 || digits.y[i] === 8) rows.push(i);
const n = quick ? 120 : rows.length;
const x = new Float64Array(n * d);
const y = new Float64Array(n);
for (let k = 0; k < n; k++) {
  const i = rows[k];
  let s = 0;
  for (let j = 0; j < d; j++) s += digits.x.data[i * d + j] ** 2;
  for (let j = 0; j < d; j++) x[k * d + j] = digits.x.data[i * d + j] / Math.sqrt(s);
  y[k] = digits.y[i] === 3 ? 1 : -1;
}

const width = quick ? 64 : 512;
const iterations = quick ? 20 : 200;
const rho = 0.15; // cap angle in radians
const R = 8;
const net = twoLayerNet({ inputDim: d, width, activation: 'relu', init: 'symmetric', seed: 1 });
console.log(
  `digits 3 vs 8: n = ${n}, d = ${d}, width m = ${width}, caps of angle ρ = ${rho} rad, R = ${R}, T = ${iterations}`,
);
console.log(' iter  surrogate L_A   robust L*   clean    ‖W_t − W₀‖');
const t0 = performance.now();
const result = adversarialTrain(net, { rows: n, cols: d, data: x }, y, {
  attack: { kind: 'pgd', steps: 5, stepSize: rho / 2 },
  set: { kind: 'cap', radius: rho },
  loss: 'logistic',
  learningRate: 4,
  iterations,
  ballRadius: R,
  robustEvery: quick ? 5 : 20,
  robustAttack: { kind: 'pgd', steps: 20, stepSize: rho / 5, restarts: 3, randomStart: true },
  seed: 7,
  onProgress: (h) => {
    if (h.robustLoss === undefined) return;
    console.log(
      `${String(h.iteration).padStart(5)}  ${h.surrogateLoss.toFixed(4).padStart(13)}  ${h.robustLoss
        .toFixed(4)
        .padStart(10)}  ${h.cleanLoss.toFixed(4)}  ${h.distanceFromInit.total.toFixed(3).padStart(10)}`,
    );
  },
});
const b = result.bound;
console.log(
  `best iterate t = ${result.best.iteration}: L_A = ${result.best.surrogateLoss.toFixed(4)}; ` +
    `slack R²/(2αT) + αG²/2 = ${b.distanceTerm.toFixed(4)} + ${b.gradientTerm.toFixed(4)} (G = ${b.gradBound.toFixed(3)})`,
);
const f = result.net.predict({ rows: n, cols: d, data: x });
let correct = 0;
for (let i = 0; i < n; i++) if (Math.sign(f[i]) === y[i]) correct++;
console.log(
  `clean training accuracy ${(correct / n).toFixed(3)}; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
