/**
 * Running the toolkit's laws against YOUR kernel and model with fast-check, as a research group would in
 * its own CI (docs/testing.md shows the same bodies inside vitest + @fast-check/vitest `test.prop`).
 *
 * 1. A user-written kernel (Laplace kernel exp(−‖a − b‖), PSD) passes kernel symmetry and PSD on random
 *    unit-sphere data; a "kernel" with an asymmetric term and one that is not PSD are rejected.
 * 2. The convergence card's laws (a) L_A ≤ L* ≤ certified upper end and (b) exact cap attack within the
 *    grid resolution of L*, on random small d = 2 cap problems.
 *
 * Run: npx tsx examples/testingLaws.ts   (NTK_EXAMPLE_QUICK=1 for fewer runs)
 */
import fc from 'fast-check';
import {
  capProblem,
  exactAttackResolutionLaw,
  kernelPsdLaw,
  kernelSymmetryLaw,
  LawViolationError,
  robustLossOrderLaw,
  unitSphereData,
} from '../src/testing/index.ts';
import type { Mat } from '../src/types.ts';

const quick = process.env.NTK_EXAMPLE_QUICK === '1';
const numRuns = quick ? 20 : 100;

/** The user's own kernel: Laplace exp(−‖a − b‖) (positive definite on distinct points). */
function laplace(a: Mat, b: Mat): Mat {
  const data = new Float64Array(a.rows * b.rows);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.rows; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += (a.data[i * a.cols + k] - b.data[j * b.cols + k]) ** 2;
      data[i * b.rows + j] = Math.exp(-Math.sqrt(s));
    }
  return { rows: a.rows, cols: b.rows, data };
}

// 1. Kernel laws on the user's kernel.
fc.assert(
  fc.property(unitSphereData({ dim: 3 }), unitSphereData({ dim: 3 }), (p, q) => {
    kernelSymmetryLaw(laplace, p.x, q.x);
    kernelPsdLaw(laplace, p.x);
  }),
  { numRuns, seed: 1 },
);
console.log(`Laplace kernel: symmetric and PSD on ${numRuns} random unit-sphere data sets`);

// Broken kernels must be rejected: the laws throw LawViolationError, fc.check reports the counterexample.
const asymmetric = (a: Mat, b: Mat): Mat => {
  const k = laplace(a, b);
  return { ...k, data: k.data.map((v, idx) => v * (1 + 1e-6 * a.data[Math.floor(idx / b.rows) * a.cols])) };
};
const notPsd = (a: Mat, b: Mat): Mat => {
  const k = laplace(a, b);
  return { ...k, data: k.data.map((v) => 1 - v) }; // zero diagonal, positive off-diagonal: indefinite
};
for (const [name, law] of [
  [
    'asymmetric',
    (p: { x: Mat }, q: { x: Mat }): void => {
      kernelSymmetryLaw(asymmetric, p.x, q.x);
    },
  ],
  [
    'not PSD',
    (p: { x: Mat }): void => {
      kernelPsdLaw(notPsd, p.x);
    },
  ],
] as const) {
  const run = fc.check(
    fc.property(unitSphereData({ dim: 3, points: { min: 2, max: 6 } }), unitSphereData({ dim: 3 }), law),
    { numRuns, seed: 2 },
  );
  if (!run.failed || !(run.errorInstance instanceof LawViolationError)) {
    throw new Error(`the ${name} kernel was not rejected`);
  }
  console.log(`${name} kernel rejected: ${String(run.errorInstance.message).slice(0, 100)}…`);
}

// 2. The card's laws (a) and (b) on random small d = 2 cap problems.
fc.assert(
  fc.property(capProblem(), (p) => {
    robustLossOrderLaw(p.model, p.x, p.y, { set: p.set, loss: p.loss });
    exactAttackResolutionLaw(p.model, p.x, p.y, { radius: p.set.radius, loss: p.loss });
  }),
  { numRuns, seed: 3 },
);
console.log(`laws (a) and (b) hold on ${numRuns} random d = 2 cap problems`);
