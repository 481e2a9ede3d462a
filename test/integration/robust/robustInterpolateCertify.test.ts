import { describe, expect, it } from 'vitest';
import { CAP, randomStartRow } from '../../../src/attacks/setGeometry.ts';
import { ArgumentTypeError } from '../../../src/errors.ts';
import { biasLiftKernel } from '../../../src/kernels/biasLiftKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { createRng } from '../../../src/random/rng.ts';
import { robustInterpolate } from '../../../src/robust/robustInterpolate.ts';
import type { KernelPair, Mat } from '../../../src/types.ts';

/** Four unit points in d = 3 with alternating labels. */
const x = [
  [1, 0, 0],
  [0, 1, 0],
  [-0.6, -0.8, 0],
];
const y = [1, -1, 1];

describe('robustInterpolate certify (d = 3 caps)', () => {
  it('should certify a sup error that bounds the sampled sup error and the search value', () => {
    const kernel = biasLiftKernel(twoLayerNtk());
    const set = { kind: 'cap' as const, radius: 0.02 };
    const r = robustInterpolate(x, y, {
      kernel,
      set,
      tolerance: 1e-2,
      maxIterations: 4,
      certify: { maxNodes: 150 },
    });
    expect(r.certifiedViolation).toBeDefined();
    const cert = r.certifiedViolation as number;
    expect(cert).toBeGreaterThanOrEqual(r.maxViolation);
    // sampled sup error over each cap (uniform directions from the attack module's sampler)
    const rng = createRng(3);
    const d = 3;
    const N = 1000;
    let sampled = 0;
    for (let i = 0; i < 3; i++) {
      const c = new Float64Array(N * d);
      for (let s = 0; s < N; s++) c.set(x[i], s * d);
      const P = new Float64Array(N * d);
      const tmp = new Float64Array(3 * d);
      for (let s = 0; s < N; s++) randomStartRow(CAP, set.radius, P, s * d, c, d, null, rng, tmp);
      const f = r.predictor.predict({ rows: N, cols: d, data: P });
      for (const v of f) sampled = Math.max(sampled, Math.abs(v - y[i]));
      expect((r.certifiedSetViolations as Float64Array)[i]).toBeGreaterThanOrEqual(r.setViolations[i]);
    }
    expect(cert).toBeGreaterThanOrEqual(sampled);
    // the certificate is informative here: it verifies the interpolant at the tolerance
    expect(cert).toBeLessThanOrEqual(1e-2);
    expect(r.converged).toBe(true);
    expect(r.verified).toBe(true);
  });

  it('should refuse to certify with a user kernel', () => {
    const k = (a: Mat, b?: Mat): KernelPair => {
      const B = b ?? a;
      const data = new Float64Array(a.rows * B.rows);
      for (let i = 0; i < a.rows; i++)
        for (let j = 0; j < B.rows; j++) {
          let s = 1;
          for (let q = 0; q < a.cols; q++) s += a.data[i * a.cols + q] * B.data[j * a.cols + q];
          data[i * B.rows + j] = s * s;
        }
      const m = { rows: a.rows, cols: B.rows, data };
      return { nngp: m, ntk: m };
    };
    expect(() =>
      robustInterpolate(x, y, {
        kernel: k,
        set: { kind: 'l2', radius: 0.01 },
        maxIterations: 1,
        certify: true,
      }),
    ).toThrow(ArgumentTypeError);
  });
});
