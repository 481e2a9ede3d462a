import { describe, expect, it } from 'vitest';
import { ArgumentTypeError, DomainError, ShapeError } from '../../../src/errors.ts';
import { appendBias } from '../../../src/kernels/appendBias.ts';
import { arcCosineKernel } from '../../../src/kernels/arcCosineKernel.ts';
import { biasLiftKernel } from '../../../src/kernels/biasLiftKernel.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { kernelEnclosure, kernelSlopeEnclosure } from '../../../src/kernels/kernelEnclosure.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import type { KernelFn, ScalarKernelFn } from '../../../src/kernels/types.ts';
import { createRng } from '../../../src/random/rng.ts';
import { fitKernelPredictor } from '../../../src/regression/fitKernelPredictor.ts';
import { fitKernelRegression } from '../../../src/regression/fitKernelRegression.ts';
import { kernelPredictor } from '../../../src/regression/kernelPredictor.ts';
import type { Mat, MatLike } from '../../../src/types.ts';

const KERNELS: readonly [string, KernelFn | ScalarKernelFn][] = [
  ['fcRelu ntk', fcReluKernel({ depth: 2, wStd: 1.2, bStd: 0.3 })],
  ['fcRelu standard', fcReluKernel({ depth: 1, bStd: 1, parameterization: 'standard', width: 4 })],
  ['twoLayer relu', twoLayerNtk()],
  ['twoLayer relu2 both', twoLayerNtk({ activation: 'relu2', train: 'both' })],
  ['arcCos 0', arcCosineKernel({ degree: 0 })],
  ['arcCos 1', arcCosineKernel({ degree: 1 })],
  ['arcCos 2', arcCosineKernel({ degree: 2 })],
  ['biasLift fcRelu', biasLiftKernel(fcReluKernel({ depth: 1 }), 0.8)],
];

const rng = createRng(7);
const d = 3;
const m = 5;
const C: Mat = { rows: m, cols: d, data: new Float64Array(m * d).map(() => rng.normal()) };
const alpha = new Float64Array(m).map(() => rng.normal());
const X: Mat = { rows: 4, cols: d, data: new Float64Array(4 * d).map(() => rng.normal()) };

describe('kernelPredictor', () => {
  it('should predict Σ_j α_j k(x, c_j) with the two-layer NTK written out by hand', () => {
    const f = kernelPredictor(twoLayerNtk(), C, alpha);
    const got = f.predict(X);
    for (let i = 0; i < X.rows; i++) {
      let want = 0;
      for (let j = 0; j < m; j++) {
        let dot = 0;
        let nx = 0;
        let nc = 0;
        for (let k = 0; k < d; k++) {
          dot += X.data[i * d + k] * C.data[j * d + k];
          nx += X.data[i * d + k] ** 2;
          nc += C.data[j * d + k] ** 2;
        }
        const theta = Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(nx * nc))));
        want += (alpha[j] * dot * (Math.PI - theta)) / (2 * Math.PI);
      }
      expect(got[i]).toBeCloseTo(want, 12);
    }
  });

  for (const [name, k] of KERNELS) {
    for (const get of ['ntk', 'nngp'] as const) {
      it(`should give input gradients equal to central differences (${name}, ${get})`, () => {
        const f = kernelPredictor(k, C, alpha, { get });
        const up = new Float64Array([1, -2, 0.5, 3]);
        const g = f.inputGradient(X, up);
        const h = 1e-6;
        for (let i = 0; i < X.rows; i++) {
          for (let q = 0; q < d; q++) {
            const p = X.data.slice(i * d, i * d + d);
            p[q] += h;
            const fp = f.predict({ rows: 1, cols: d, data: p })[0];
            p[q] -= 2 * h;
            const fm = f.predict({ rows: 1, cols: d, data: p })[0];
            // central difference error O(h²·f''') plus rounding O(ε·|f|/h): ≤ 1e-6 for these O(1) values
            expect(g.data[i * d + q]).toBeCloseTo((up[i] * (fp - fm)) / (2 * h), 5);
          }
        }
      });
    }
  }

  it('should certify exactly at ρ = 0 and report −∞ / none for a kernel without a spec', () => {
    const f = kernelPredictor(twoLayerNtk(), C, alpha);
    const b = f.boundOutput(X, { set: { kind: 'l2', radius: 0 }, sign: new Float64Array([1, -1, 1, -1]) });
    const fx = f.predict(X);
    expect(Array.from(b.lower)).toEqual(Array.from(fx).map((v, i) => (i % 2 === 0 ? v : -v)));
    expect(b.method).toEqual(['exact', 'exact', 'exact', 'exact']);
    const base = twoLayerNtk();
    const bare = Object.assign((a: MatLike, c?: MatLike | null) => base(a, c), {
      diag: base.diag,
      inputGradient: base.inputGradient,
    });
    const u = kernelPredictor(bare, C, alpha).boundOutput(X, {
      set: { kind: 'l2', radius: 0.1 },
      sign: new Float64Array(4).fill(1),
    });
    expect(u.method[0]).toBe('none');
    expect(u.lower[0]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('should reject bad arguments with typed errors', () => {
    expect(() => kernelPredictor(3 as unknown as KernelFn, C, alpha)).toThrow(ArgumentTypeError);
    expect(() => kernelPredictor(twoLayerNtk(), C, [1, 2])).toThrow(ShapeError);
    const f = kernelPredictor(twoLayerNtk(), C, alpha);
    expect(() => f.predict({ rows: 1, cols: 2, data: new Float64Array(2) })).toThrow(ShapeError);
    expect(() =>
      f.boundOutput(X, {
        set: { kind: 'cap', radius: 0.1 },
        sign: new Float64Array(4),
        box: { lower: 0, upper: 1 },
      }),
    ).toThrow(DomainError);
    expect(() => f.boundOutput(X, { set: { kind: 'l2', radius: -1 }, sign: new Float64Array(4) })).toThrow(
      DomainError,
    );
  });

  it('fitKernelPredictor and fitKernelRegression.toKernelPredictor should agree with the regression predictions', () => {
    const k = fcReluKernel({ depth: 1, bStd: 0.5 });
    const y = [1, -1, 0.5, 2, -0.3];
    const f = fitKernelPredictor(k, C, y);
    const fc = f.predict(C);
    for (let i = 0; i < m; i++) expect(fc[i]).toBeCloseTo(y[i], 8); // interpolation (λ = 0)
    const reg = fitKernelRegression(k, C, y, { t: 2 });
    const g = reg.toKernelPredictor();
    const want = reg.predict(X).data;
    const got = g.predict(X);
    for (let i = 0; i < X.rows; i++) expect(got[i]).toBeCloseTo(want[i], 10);
    expect(() => reg.toKernelPredictor(1)).toThrow(DomainError);
  });
});

describe('biasLiftKernel', () => {
  it('should equal the base kernel on appendBias rows', () => {
    const base = fcReluKernel({ depth: 1 });
    const k = biasLiftKernel(base, 2);
    expect(Array.from(k(X, C).ntk.data)).toEqual(
      Array.from(base(appendBias(X, 2), appendBias(C, 2)).ntk.data),
    );
    expect(k.spec).toEqual({ name: 'biasLift', c: 2, base: base.spec });
  });
});

describe('kernelEnclosure', () => {
  it('should contain k(x, z) for x sampled with x·z and ‖x‖² in the ranges; a point evaluation would not', () => {
    let pointMisses = 0;
    for (const [name, k] of KERNELS) {
      const spec = k.spec;
      if (spec === undefined) throw new Error(name);
      for (const get of ['ntk', 'nngp'] as const) {
        const enc = kernelEnclosure(spec, get);
        const z = C.data.slice(0, d);
        const p = z.reduce((s, v) => s + v * v, 0);
        const pts = new Float64Array(200 * d).map(() => 0.3 * rng.normal());
        for (let s = 0; s < 200; s++) for (let q = 0; q < d; q++) pts[s * d + q] += X.data[q];
        const P: Mat = { rows: 200, cols: d, data: pts };
        const r = k(P, { rows: 1, cols: d, data: z }) as unknown as Record<string, Mat> | Mat;
        const vals = ('data' in r ? r : (r as Record<string, Mat>)[get]).data as Float64Array;
        let sl = Number.POSITIVE_INFINITY;
        let sh = Number.NEGATIVE_INFINITY;
        let ql = Number.POSITIVE_INFINITY;
        let qh = Number.NEGATIVE_INFINITY;
        for (let s = 0; s < 200; s++) {
          let dot = 0;
          let n2 = 0;
          for (let q = 0; q < d; q++) {
            dot += pts[s * d + q] * z[q];
            n2 += pts[s * d + q] ** 2;
          }
          sl = Math.min(sl, dot);
          sh = Math.max(sh, dot);
          ql = Math.min(ql, n2);
          qh = Math.max(qh, n2);
        }
        const out = new Float64Array(2);
        enc(sl, sh, ql, qh, p, d, out);
        for (const v of vals) {
          expect(v).toBeGreaterThanOrEqual(out[0]);
          expect(v).toBeLessThanOrEqual(out[1]);
        }
        // negative control: the enclosure of the mid-point alone misses sampled values
        enc((sl + sh) / 2, (sl + sh) / 2, (ql + qh) / 2, (ql + qh) / 2, p, d, out);
        if (vals.some((v) => v < out[0] || v > out[1])) pointMisses++;
      }
    }
    expect(pointMisses).toBe(2 * KERNELS.length);
  });
});

describe('kernelSlopeEnclosure', () => {
  it('should contain central-difference slopes of k in (s, q) over the rectangle, or report the kink', () => {
    let bounded = 0;
    for (const [name, k] of KERNELS) {
      const spec = k.spec;
      if (spec === undefined) throw new Error(name);
      for (const get of ['ntk', 'nngp'] as const) {
        const enc = kernelEnclosure(spec, get);
        const slopes = kernelSlopeEnclosure(spec, get);
        const p = 1.3;
        const [sl, sh, ql, qh] = [0.2, 0.5, 0.9, 1.2];
        const g = new Float64Array(4);
        if (!slopes(sl, sh, ql, qh, p, d, g)) continue;
        bounded++;
        const out = new Float64Array(2);
        const G = (s: number, q: number) => {
          enc(s, s, q, q, p, d, out);
          return (out[0] + out[1]) / 2;
        };
        const h = 1e-5;
        for (let a = 0; a <= 4; a++) {
          for (let b = 0; b <= 4; b++) {
            const s = sl + ((sh - sl) * a) / 4;
            const q = ql + ((qh - ql) * b) / 4;
            const gs = (G(s + h, q) - G(s - h, q)) / (2 * h);
            const gq = (G(s, q + h) - G(s, q - h)) / (2 * h);
            // FD error O(h²) + point-enclosure width 1e-13/h: below 1e-6 here
            expect(gs).toBeGreaterThanOrEqual(g[0] - 1e-6);
            expect(gs).toBeLessThanOrEqual(g[1] + 1e-6);
            expect(gq).toBeGreaterThanOrEqual(g[2] - 1e-6);
            expect(gq).toBeLessThanOrEqual(g[3] + 1e-6);
          }
        }
      }
    }
    expect(bounded).toBe(2 * KERNELS.length);
    // at the kink (ρ reaches 1: x ∥ z) the slopes are unbounded and must be reported as such
    const g = new Float64Array(4);
    expect(
      kernelSlopeEnclosure({ name: 'twoLayerNtk', activation: 'relu', train: 'first' }, 'ntk')(
        0.9,
        1,
        1,
        1,
        1,
        2,
        g,
      ),
    ).toBe(false);
  });
});

describe('boundOutput soundness check (negative control)', () => {
  it('should catch a bound computed for the wrong kernel (a spec that lies) at sampled set points', () => {
    const truth = fcReluKernel({ depth: 1, wStd: 1.6, bStd: 0.5 });
    const lie = fcReluKernel({ depth: 1, wStd: 1, bStd: 0.5 }).spec;
    const lying = Object.assign((a: MatLike, b?: MatLike | null) => truth(a, b), {
      diag: truth.diag,
      inputGradient: truth.inputGradient,
      spec: lie as NonNullable<typeof lie>,
    });
    const r = createRng(11);
    let caught = 0;
    for (let t = 0; t < 5; t++) {
      const Ct: Mat = { rows: 4, cols: 3, data: new Float64Array(12).map(() => r.normal()) };
      const at = new Float64Array(4).map(() => r.normal());
      const honest = kernelPredictor(truth, Ct, at);
      const liar = kernelPredictor(lying, Ct, at);
      const x0 = new Float64Array(3).map(() => r.normal());
      const pts = new Float64Array(500 * 3);
      for (let s = 0; s < 500; s++)
        for (let k = 0; k < 3; k++) pts[s * 3 + k] = x0[k] + 0.2 * (2 * r.uniform() - 1);
      const sampled = Math.min(...honest.predict({ rows: 500, cols: 3, data: pts }));
      const opts = { set: { kind: 'linf' as const, radius: 0.2 }, sign: new Float64Array([1]), maxNodes: 0 };
      const X0: Mat = { rows: 1, cols: 3, data: x0 };
      expect(honest.boundOutput(X0, opts).lower[0]).toBeLessThanOrEqual(sampled);
      if (liar.boundOutput(X0, opts).lower[0] > sampled) caught++;
    }
    expect(caught).toBeGreaterThan(0);
  });
});
