import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  type BoxBounds,
  CAP,
  type KindCode,
  L2,
  LINF,
  randomStartRow,
} from '../../../src/attacks/setGeometry.ts';
import { arcCosineKernel } from '../../../src/kernels/arcCosineKernel.ts';
import { biasLiftKernel } from '../../../src/kernels/biasLiftKernel.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import type { KernelFn, ScalarKernelFn } from '../../../src/kernels/types.ts';
import { createRng, type Rng } from '../../../src/random/rng.ts';
import { type KernelPredictor, kernelPredictor } from '../../../src/regression/kernelPredictor.ts';
import { robustLossBracket } from '../../../src/robust/robustLossBracket.ts';
import type { Mat } from '../../../src/types.ts';

/** Every toolkit kernel family, both parameterisations, with and without the bias lift. */
const KERNELS: readonly (() => KernelFn | ScalarKernelFn)[] = [
  () => fcReluKernel({ depth: 1 }),
  () => fcReluKernel({ depth: 2, wStd: 1.3, bStd: 0.4 }),
  () => fcReluKernel({ depth: 1, bStd: 1, parameterization: 'standard', width: 3 }),
  () => twoLayerNtk(),
  () => twoLayerNtk({ activation: 'relu2', train: 'both' }),
  () => arcCosineKernel({ degree: 0 }),
  () => arcCosineKernel({ degree: 1 }),
  () => arcCosineKernel({ degree: 2 }),
  () => biasLiftKernel(fcReluKernel({ depth: 1, bStd: 0.2 })),
  () => biasLiftKernel(twoLayerNtk(), 0.7),
];

const SAMPLES = 2000;
const KIND: Record<'linf' | 'l2' | 'cap', KindCode> = { linf: LINF, l2: L2, cap: CAP };

function randomPredictor(k: KernelFn | ScalarKernelFn, get: 'ntk' | 'nngp', d: number, m: number, rng: Rng) {
  const C = new Float64Array(m * d).map(() => rng.normal());
  const alpha = new Float64Array(m).map(() => 2 * rng.normal());
  return kernelPredictor(k, { rows: m, cols: d, data: C }, alpha, { get });
}

/** SAMPLES points of B(x0) ∩ box (uniform / ball / cap samples from the attack module, plus ℓ∞ corners). */
function sampleSet(
  kind: 'linf' | 'l2' | 'cap',
  rho: number,
  x0: Float64Array,
  box: BoxBounds | null,
  rng: Rng,
): Mat {
  const d = x0.length;
  const P = new Float64Array(SAMPLES * d);
  const centres = new Float64Array(SAMPLES * d);
  for (let s = 0; s < SAMPLES; s++) centres.set(x0, s * d);
  const tmp = new Float64Array(3 * d);
  for (let s = 0; s < SAMPLES; s++) {
    if (kind === 'linf' && s % 2 === 0) {
      for (let k = 0; k < d; k++) {
        let v = x0[k] + (rng.uniform() < 0.5 ? -rho : rho);
        if (box !== null) v = Math.min(Math.max(v, box.lo[k]), box.hi[k]);
        P[s * d + k] = v;
      }
    } else randomStartRow(KIND[kind], rho, P, s * d, centres, d, box, rng, tmp);
  }
  return { rows: SAMPLES, cols: d, data: P };
}

function minOver(f: KernelPredictor, pts: Mat, sign: number): number {
  let mn = Number.POSITIVE_INFINITY;
  for (const v of f.predict(pts)) mn = Math.min(mn, sign * v);
  return mn;
}

describe('kernelPredictor.boundOutput (properties)', () => {
  test.prop(
    [
      fc.integer({ min: 0, max: KERNELS.length - 1 }),
      fc.constantFrom('ntk' as const, 'nngp' as const),
      fc.constantFrom('linf' as const, 'l2' as const, 'cap' as const),
      fc.double({ min: 0.01, max: 0.8, noNaN: true }),
      fc.boolean(),
      fc.integer({ min: 0, max: 1e6 }),
    ],
    { numRuns: 40 },
  )(
    'certified lower ≤ s·f at every sampled set point, any kernel, any set',
    (ki, get, kind, rho, withBox, seed) => {
      const rng = createRng(seed);
      const d = 2 + (seed % 3);
      const f = randomPredictor(KERNELS[ki](), get, d, 4, rng);
      const x0 = new Float64Array(d).map(() => rng.normal());
      if (kind === 'cap') {
        const n = Math.hypot(...x0);
        for (let k = 0; k < d; k++) x0[k] /= n;
      }
      const box: BoxBounds | null =
        withBox && kind !== 'cap' ? { lo: x0.map((v) => v - rho / 3), hi: x0.map((v) => v + rho / 2) } : null;
      const sign = seed % 2 === 0 ? 1 : -1;
      const pts = sampleSet(kind, rho, x0, box, rng);
      const sampled = minOver(f, pts, sign);
      for (const maxNodes of [0, 20]) {
        const b = f.boundOutput(
          { rows: 1, cols: d, data: x0 },
          {
            set: { kind, radius: rho },
            sign: new Float64Array([sign]),
            maxNodes,
            ...(box !== null ? { box: { lower: box.lo, upper: box.hi } } : {}),
          },
        );
        expect(b.lower[0]).toBeLessThanOrEqual(sampled);
        expect(Number.isFinite(b.lower[0])).toBe(true);
      }
    },
  );

  test.prop(
    [
      fc.integer({ min: 0, max: KERNELS.length - 1 }),
      fc.constantFrom('linf' as const, 'l2' as const, 'cap' as const),
      fc.constantFrom('square' as const, 'logistic' as const, 'hinge' as const),
      fc.integer({ min: 0, max: 1e6 }),
    ],
    { numRuns: 20 },
  )('robustLossBracket on a kernel predictor: lower ≤ upper < ∞', (ki, kind, lossName, seed) => {
    const rng = createRng(seed);
    const d = 3;
    const f = randomPredictor(KERNELS[ki](), 'ntk', d, 3, rng);
    const x = new Float64Array(2 * d).map(() => rng.normal());
    if (kind === 'cap') {
      for (let i = 0; i < 2; i++) {
        const n = Math.hypot(x[i * d], x[i * d + 1], x[i * d + 2]);
        for (let k = 0; k < d; k++) x[i * d + k] /= n;
      }
    }
    const y = lossName === 'square' ? [0.3, -1] : [1, -1];
    const r = robustLossBracket(f, { rows: 2, cols: d, data: x }, y, {
      set: { kind, radius: 0.2 },
      loss: lossName,
      ...(lossName === 'square' ? { targets: 'real' as const } : {}),
      maxNodes: 10,
      attack: { kind: 'pgd', steps: 5, restarts: 1 },
    });
    for (let i = 0; i < 2; i++) {
      expect(r.lower[i]).toBeLessThanOrEqual(r.upper[i]);
      expect(Number.isFinite(r.upper[i])).toBe(true);
    }
  });
});

describe('kernelPredictor.boundOutput budget (properties)', () => {
  test.prop(
    [
      fc.integer({ min: 0, max: KERNELS.length - 1 }),
      fc.constantFrom('linf' as const, 'l2' as const, 'cap' as const),
      fc.integer({ min: 0, max: 1e6 }),
    ],
    { numRuns: 20 },
  )('the gap attained − lower never grows with the node budget', (ki, kind, seed) => {
    const rng = createRng(seed);
    const d = 3;
    const f = randomPredictor(KERNELS[ki](), 'ntk', d, 4, rng);
    const x0 = new Float64Array(d).map(() => rng.normal());
    if (kind === 'cap') {
      const n = Math.hypot(...x0);
      for (let k = 0; k < d; k++) x0[k] /= n;
    }
    const gaps = [0, 10, 40].map((maxNodes) => {
      const b = f.boundOutput(
        { rows: 1, cols: d, data: x0 },
        { set: { kind, radius: 0.3 }, sign: new Float64Array([1]), maxNodes, timeLimitMs: 1e9, tolerance: 0 },
      );
      return f.predict({ rows: 1, cols: d, data: x0 })[0] - b.lower[0];
    });
    expect(gaps[1]).toBeLessThanOrEqual(gaps[0]);
    expect(gaps[2]).toBeLessThanOrEqual(gaps[1]);
  });
});
