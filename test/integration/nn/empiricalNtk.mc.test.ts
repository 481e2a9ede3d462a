/**
 * Finite-width networks against the closed-form kernels (Monte Carlo over seeded initialisations).
 */
import { describe, expect, it } from 'vitest';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { empiricalNtk } from '../../../src/nn/empiricalNtk.ts';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';

function sphere(n: number, d: number, seed: number): Mat {
  const rng = createRng(seed);
  const x = rng.fillNormal(new Float64Array(n * d));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[i * d + j] ** 2;
    for (let j = 0; j < d; j++) x[i * d + j] /= Math.sqrt(s);
  }
  return { rows: n, cols: d, data: x };
}

/** Mean and standard error per entry of samples (each a Float64Array of equal length). */
function meanSe(samples: Float64Array[]): { mean: Float64Array; se: Float64Array } {
  const k = samples.length;
  const len = samples[0].length;
  const mean = new Float64Array(len);
  const se = new Float64Array(len);
  for (const s of samples) for (let i = 0; i < len; i++) mean[i] += s[i] / k;
  for (const s of samples) for (let i = 0; i < len; i++) se[i] += (s[i] - mean[i]) ** 2;
  for (let i = 0; i < len; i++) se[i] = Math.sqrt(se[i] / (k - 1) / k);
  return { mean, se };
}

function maxZ(mean: Float64Array, se: Float64Array, exact: Float64Array): number {
  let z = 0;
  for (let i = 0; i < mean.length; i++)
    z = Math.max(z, Math.abs(mean[i] - exact[i]) / Math.max(se[i], 1e-12));
  return z;
}

describe('empirical NTK vs closed-form kernels (Monte Carlo)', () => {
  it('should converge to twoLayerNtk at rate m^{-1/2} for every activation/training configuration', () => {
    const x = sphere(8, 3, 1);
    const widths = [100, 400, 1600, 6400];
    for (const [activation, train] of [
      ['relu', 'first'],
      ['relu', 'both'],
      ['relu2', 'first'],
      ['relu2', 'both'],
    ] as const) {
      const exact = twoLayerNtk({ activation, train })(x).ntk.data;
      const errs = widths.map((m) => {
        let s = 0;
        for (let seed = 0; seed < 10; seed++) {
          const h = empiricalNtk(
            twoLayerNet({ inputDim: 3, width: m, activation, train, seed: seed * 31 + m }),
            x,
          ).data;
          let e = 0;
          for (let k = 0; k < h.length; k++) e = Math.max(e, Math.abs(h[k] - exact[k]));
          s += e / 10;
        }
        return s;
      });
      const scaled = errs.map((e, i) => e * Math.sqrt(widths[i]));
      // error·√m roughly constant: within a factor 2 across a 64× range of widths
      expect(Math.max(...scaled) / Math.min(...scaled)).toBeLessThan(2);
      expect(errs[3]).toBeLessThan(errs[0] / 4);
    }
  });

  it('should match the two-layer NNGP: Cov f(x), f(x′) over initialisations (train both)', () => {
    const x = sphere(4, 3, 2);
    const exact = twoLayerNtk({ activation: 'relu', train: 'both' })(x).nngp.data;
    const samples: Float64Array[] = [];
    for (let s = 0; s < 400; s++) {
      const f = twoLayerNet({ inputDim: 3, width: 64, activation: 'relu', seed: 1000 + s }).predict(x);
      const outer = new Float64Array(16);
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) outer[i * 4 + j] = f[i] * f[j];
      samples.push(outer);
    }
    const { mean, se } = meanSe(samples);
    expect(maxZ(mean, se, exact)).toBeLessThan(4);
  });

  it('should match fcReluKernel (NTK parameterisation) for deep nets within 4 standard errors', () => {
    for (const arch of [
      { depth: 1, wStd: 1, bStd: 0 },
      { depth: 2, wStd: 1.5, bStd: 0.1 },
      { depth: 3, wStd: 1.2, bStd: 0.3 },
    ]) {
      const x = sphere(4, 4, 3 + arch.depth);
      const k = fcReluKernel({ ...arch, parameterization: 'ntk' })(x);
      const ntks: Float64Array[] = [];
      for (let s = 0; s < 20; s++)
        ntks.push(empiricalNtk(fcReluNet({ inputDim: 4, width: 256, ...arch, seed: s }), x).data);
      const { mean, se } = meanSe(ntks);
      expect(maxZ(mean, se, k.ntk.data)).toBeLessThan(4);
    }
  });

  it('should match the fcReluKernel NNGP: Cov f(x), f(x′) over initialisations', () => {
    const arch = { depth: 2, wStd: 1.5, bStd: 0.2 };
    const x = sphere(3, 4, 9);
    const exact = fcReluKernel({ ...arch, parameterization: 'ntk' })(x).nngp.data;
    const samples: Float64Array[] = [];
    for (let s = 0; s < 400; s++) {
      const f = fcReluNet({ inputDim: 4, width: 64, ...arch, seed: 5000 + s }).predict(x);
      const outer = new Float64Array(9);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) outer[i * 3 + j] = f[i] * f[j];
      samples.push(outer);
    }
    const { mean, se } = meanSe(samples);
    expect(maxZ(mean, se, exact)).toBeLessThan(4);
  });

  it('should equal the kernel exactly for depth 0 (a linear model has a deterministic NTK)', () => {
    const x = sphere(5, 3, 4);
    const k = fcReluKernel({ depth: 0, wStd: 1.3, bStd: 0.5, parameterization: 'ntk' })(x).ntk.data;
    const h = empiricalNtk(
      fcReluNet({ inputDim: 3, width: 7, depth: 0, wStd: 1.3, bStd: 0.5, seed: 1 }),
      x,
    ).data;
    for (let i = 0; i < k.length; i++)
      expect(Math.abs(h[i] - k[i])).toBeLessThan(1e-14 * (1 + Math.abs(k[i])));
  });
});
