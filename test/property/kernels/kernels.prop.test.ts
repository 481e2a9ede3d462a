import { fc, test } from '@fast-check/vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { appendBias } from '../../../src/kernels/appendBias.ts';
import { arcCosineKernel } from '../../../src/kernels/arcCosineKernel.ts';
import { type FcReluKernelOptions, fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { createRng } from '../../../src/random/rng.ts';
import { kernelPsdLaw, kernelSymmetryLaw } from '../../../src/testing/index.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';
import { inputPair, matrix } from '../../helpers/arbitraries.ts';

/**
 * Smallest eigenvalue of a symmetric [n, n] Mat (ml-matrix EVD). The matrix is scaled to max |K| = 1 and
 * entries below 1e-300 are flushed to 0 first: ml-matrix's tql2 throws on subnormal entries (they are far
 * below the n·eps·max|K| resolution of the test anyway).
 */
function lambdaMin(k: Mat): number {
  const s = maxAbs(k.data);
  if (s === 0) return 0;
  const m = new Matrix(k.rows, k.cols);
  for (let i = 0; i < k.rows; i++)
    for (let j = 0; j < k.cols; j++) {
      const v = k.data[i * k.cols + j] / s;
      m.set(i, j, Math.abs(v) < 1e-300 ? 0 : v);
    }
  return s * Math.min(...new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues);
}

function maxAbs(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i]));
  return s;
}

/**
 * Absolute tolerance for K(x1, x2): |K(x, z)| ≤ √(K(x, x)K(z, z)), so entries that cancel to ≈ 0 (x ⟂ z)
 * are compared at 1e-12 of that bound instead of their own size.
 */
function cauchySchwarzAtol(d1: Float64Array, d2: Float64Array, factor = 1e-12): number {
  let s = 0;
  for (const a of d1) for (const b of d2) s = Math.max(s, Math.sqrt(Math.abs(a * b)));
  return factor * s + 1e-280; // products of tiny entries lose bits near underflow
}

function scaleRows(x: Mat, c: number): Mat {
  return { rows: x.rows, cols: x.cols, data: x.data.map((v) => v * c) };
}

const fcOptions: fc.Arbitrary<FcReluKernelOptions> = fc.record({
  depth: fc.integer({ min: 0, max: 4 }),
  wStd: fc.double({ min: 0.3, max: 2, noNaN: true }),
  bStd: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1.5, noNaN: true })),
  parameterization: fc.constantFrom('ntk' as const, 'standard' as const),
  width: fc.integer({ min: 1, max: 64 }),
});

/** Every kernel under test, as (x1, x2?) → list of matrices. */
const kernels = fc.oneof(
  fcOptions.map((o) => ({ name: `fcRelu ${JSON.stringify(o)}`, f: fcReluKernel(o), homogeneous: 0 })),
  fc
    .record({
      activation: fc.constantFrom('relu' as const, 'relu2' as const),
      train: fc.constantFrom('first' as const, 'both' as const),
    })
    .map((o) => ({ name: `twoLayer ${JSON.stringify(o)}`, f: twoLayerNtk(o), homogeneous: 0 })),
);

function both(f: (x1: Mat, x2?: Mat) => { nngp: Mat; ntk: Mat }, x1: Mat, x2?: Mat): Mat[] {
  const r = f(x1, x2);
  return [r.nngp, r.ntk];
}

/** n unit rows (Gaussian directions from a seeded stream) at pairwise angles, also to antipodes, ≥ minAngle. */
function unitRows(d: number, n: number, minAngle: number): fc.Arbitrary<Mat> {
  return fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => {
    const rng = createRng(seed);
    const rows: number[][] = [];
    while (rows.length < n) {
      const r = Array.from({ length: d }, () => rng.normal());
      const nr = Math.hypot(...r);
      const u = r.map((v) => v / nr);
      const ok = rows.every((q) => Math.abs(q.reduce((s, v, k) => s + v * u[k], 0)) < Math.cos(minAngle));
      if (ok) rows.push(u);
    }
    return { rows: n, cols: d, data: Float64Array.from(rows.flat()) };
  });
}

describe('closed-form kernels (properties)', () => {
  test.prop([kernels, inputPair({ maxRows: 5, maxCols: 4, max: 100 })])(
    'should satisfy K(x1, x2) = K(x2, x1)ᵀ (kernelSymmetryLaw of ntk-toolkit/testing)',
    (k, [x1, x2]) => {
      for (const which of ['nngp', 'ntk'] as const) kernelSymmetryLaw(k.f, x1, x2, { which });
    },
  );

  test.prop([kernels, matrix({ maxRows: 8, maxCols: 4, max: 100 })])(
    'should produce positive semidefinite Gram matrices (kernelPsdLaw: λ_min ≥ −rounding tolerance)',
    (k, x) => {
      for (const which of ['nngp', 'ntk'] as const) kernelPsdLaw(k.f, x, { which });
    },
  );

  test.prop([fc.integer({ min: 0, max: 2 }), matrix({ maxRows: 8, maxCols: 4, max: 100 })])(
    'should produce positive semidefinite arc-cosine Gram matrices',
    (degree, x) => {
      const k = arcCosineKernel({ degree: degree as 0 | 1 | 2 });
      kernelPsdLaw((a, b) => k(a, b), x);
    },
  );

  test.prop([fc.integer({ min: 2, max: 4 }).chain((d) => unitRows(d, 5, 0.2))])(
    'should be strictly PD on distinct non-parallel unit inputs (bias-free ReLU NTKs and NNGPs)',
    (x) => {
      const strict = { strict: true, minRelativeEigenvalue: 1e-10 } as const;
      for (const which of ['nngp', 'ntk'] as const) {
        kernelPsdLaw(twoLayerNtk({ activation: 'relu', train: 'first' }), x, { ...strict, which });
        kernelPsdLaw(fcReluKernel({ depth: 2 }), x, { ...strict, which });
      }
      const a0 = arcCosineKernel({ degree: 0 });
      kernelPsdLaw((u, v) => a0(u, v), x, strict);
    },
  );

  test.prop([
    fc.integer({ min: 1, max: 3 }).chain((d) =>
      fc
        .uniqueArray(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: d, maxLength: d }), {
          minLength: 2,
          maxLength: 6,
          selector: (r) => r.join(','),
        })
        .map((rows) => ({
          rows: rows.length,
          cols: d,
          data: Float64Array.from(rows.flat().map((v) => v / 10)),
        })),
    ),
  ])('should be strictly PD on any distinct inputs with a bias coordinate or bStd > 0', (x) => {
    const xb = appendBias(x);
    const strict = { strict: true, minRelativeEigenvalue: 1e-12 } as const;
    kernelPsdLaw(twoLayerNtk({ activation: 'relu', train: 'first' }), xb, strict);
    kernelPsdLaw(fcReluKernel({ depth: 2, bStd: 0.5 }), x, strict);
    kernelPsdLaw(fcReluKernel({ depth: 1, bStd: 0.5 }), x, { ...strict, which: 'nngp' });
  });

  it('should be exactly singular on three antipodal pairs of the circle without bias, PD with it (C3)', () => {
    const pts = [0, 1, 2, 3, 4, 5].map((k) => [Math.cos((k * Math.PI) / 3), Math.sin((k * Math.PI) / 3)]);
    const x: Mat = { rows: 6, cols: 2, data: Float64Array.from(pts.flat()) };
    const xb = appendBias(x);
    const bare = [
      ...both(twoLayerNtk({ activation: 'relu', train: 'first' }), x),
      twoLayerNtk({ activation: 'relu', train: 'both' })(x).ntk,
      ...both(fcReluKernel({ depth: 1 }), x),
    ];
    for (const g of bare) expect(lambdaMin(g)).toBeLessThanOrEqual(1e-9);
    const withBias = [
      ...both(twoLayerNtk({ activation: 'relu', train: 'first' }), xb),
      twoLayerNtk({ activation: 'relu', train: 'both' })(xb).ntk,
      ...both(fcReluKernel({ depth: 1, bStd: 0.5 }), x),
    ];
    for (const g of withBias) expect(lambdaMin(g)).toBeGreaterThan(1e-3);
  });

  test.prop([
    fcOptions.map((o) => ({ ...o, bStd: 0 })),
    inputPair({ maxRows: 4, maxCols: 4, max: 100 }),
    fc.double({ min: 0.1, max: 10, noNaN: true }),
  ])('should be positively homogeneous of degree 1 in x1 when bStd = 0', (o, [x1, x2], c) => {
    const k = fcReluKernel(o);
    const a = k(scaleRows(x1, c), x2);
    const b = k(x1, x2);
    const d1 = k.diag(x1);
    const d2 = k.diag(x2);
    for (const key of ['nngp', 'ntk'] as const) {
      const atol = c * cauchySchwarzAtol(d1[key], d2[key]);
      expect(
        allClose(
          a[key].data,
          b[key].data.map((v) => c * v),
          { rtol: 1e-11, atol },
        ),
      ).toEqual({ ok: true });
    }
  });

  test.prop([inputPair({ maxRows: 4, maxCols: 4, max: 100 }), fc.double({ min: 0.1, max: 10, noNaN: true })])(
    'should scale the two-layer and arc-cosine kernels like c (ReLU, degree 1) or c² (ReLU², degree 2)',
    ([x1, x2], c) => {
      const xs = scaleRows(x1, c);
      const kernelsAndPowers: [(x: Mat, z?: Mat) => Mat, (x: Mat) => Float64Array, number][] = [
        [
          (x, z) => twoLayerNtk({ train: 'both' })(x, z).ntk,
          (x) => twoLayerNtk({ train: 'both' }).diag(x).ntk,
          1,
        ],
        [
          (x, z) => twoLayerNtk({ activation: 'relu2' })(x, z).ntk,
          (x) => twoLayerNtk({ activation: 'relu2' }).diag(x).ntk,
          2,
        ],
        [(x, z) => arcCosineKernel({ degree: 0 })(x, z), (x) => arcCosineKernel({ degree: 0 }).diag(x), 0],
        [(x, z) => arcCosineKernel({ degree: 2 })(x, z), (x) => arcCosineKernel({ degree: 2 }).diag(x), 2],
      ];
      for (const [f, diag, power] of kernelsAndPowers) {
        const s = c ** power;
        const a = f(xs, x2).data;
        const b = f(x1, x2).data;
        const atol = s * cauchySchwarzAtol(diag(x1), diag(x2));
        expect(
          allClose(
            a,
            b.map((v) => s * v),
            { rtol: 1e-11, atol },
          ),
        ).toEqual({ ok: true });
      }
    },
  );

  test.prop([matrix({ maxRows: 4, maxCols: 4, max: 1e3 })])(
    'should give exactly 0 (never a negative rounding residue) for x against −x (depth-1 NNGP)',
    (x) => {
      const neg = scaleRows(x, -1);
      const r = fcReluKernel({ depth: 1 })(x, neg).nngp;
      for (let i = 0; i < x.rows; i++) expect(r.data[i * x.rows + i]).toBe(0);
      for (const v of r.data) expect(v).toBeGreaterThanOrEqual(0);
    },
  );

  test.prop([
    kernels,
    fc
      .integer({ min: 1, max: 4 })
      .chain((d) =>
        fc.tuple(
          matrix({ cols: d, minRows: 1, maxRows: 2, max: 3 }),
          matrix({ cols: d, minRows: 1, maxRows: 3, max: 3 }),
          fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }),
        ),
      ),
    fc.constantFrom('nngp' as const, 'ntk' as const),
  ])(
    'should have input gradients equal to central finite differences away from kinks',
    (k, [x, z, al], get) => {
      const d = x.cols;
      // keep away from x = 0 and from x ∥ z, where the NTK has a kink
      for (let i = 0; i < x.rows; i++) {
        const xi = x.data.subarray(i * d, (i + 1) * d);
        const nx = Math.hypot(...xi);
        fc.pre(nx > 0.3);
        for (let j = 0; j < z.rows; j++) {
          const zj = z.data.subarray(j * d, (j + 1) * d);
          const nz = Math.hypot(...zj);
          const c = nz === 0 ? 0 : xi.reduce((s, v, t) => s + v * zj[t], 0) / (nx * nz);
          fc.pre(Math.abs(c) < 0.995);
        }
      }
      const alpha = Float64Array.from(al.slice(0, z.rows));
      const g = k.f.inputGradient(x, z, alpha, { get });
      const h = 1e-6;
      const fd = new Float64Array(x.rows * d);
      for (let i = 0; i < x.rows; i++)
        for (let c = 0; c < d; c++) {
          const p = Float64Array.from(x.data.subarray(i * d, (i + 1) * d));
          const m = p.slice();
          p[c] += h;
          m[c] -= h;
          const kp = k.f({ rows: 1, cols: d, data: p }, z)[get].data;
          const km = k.f({ rows: 1, cols: d, data: m }, z)[get].data;
          let s = 0;
          for (let j = 0; j < z.rows; j++) s += alpha[j] * (kp[j] - km[j]);
          fd[i * d + c] = s / (2 * h);
        }
      const scale = Math.max(1, maxAbs(fd));
      expect(allClose(g.data, fd, { rtol: 1e-5, atol: 1e-6 * scale })).toEqual({ ok: true });
    },
  );
});
