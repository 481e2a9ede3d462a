/**
 * The native layer recursions (native/ntk_kernels.cc) and the WebAssembly-SIMD ones (assembly/ntk.ts) against
 * the JavaScript ones (src/kernels/fcReluCore.ts, twoLayerNtk.ts) on the same GEMM dot products, for every
 * native code path this CPU has (AVX-512, AVX2, generic C++), and on the worker team (1 and 2 threads).
 *
 * Tolerance: none. The native code runs the same IEEE-754 operations (+, −, ×, ÷, √, no FMA) in the same
 * order as the JavaScript, with fdlibm's atan (the algorithm of V8's Math.atan2) ported, so each entry must
 * be bit-identical, whatever the lane or instruction set; the WASM port likewise (WebAssembly never fuses a
 * multiply-add). Negative controls: the same native path with the C library's atan (accurate to < 1 ulp but
 * not V8's bits), and the WASM path with fdlibm's atan polynomial evaluated by one Horner scheme (same
 * coefficients, different rounding), must be caught by the same comparison, and must still agree to rounding
 * (so the comparison is sensitive at the ulp level, not merely to gross errors).
 *
 * Inputs are random rows plus the adversarial ones: duplicated, antiparallel, near-parallel and
 * near-antiparallel rows (the REFINE path), exact multiples by powers of two, zero rows, and rows at scales
 * 2^±500, 1e-200 and 1e150 (exponent beyond 400: the rescaled dot-product path).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWasmSimdOverride } from '../../src/backend/wasm/loader.ts';
import { angularRowsInto, angularSide } from '../../src/kernels/angularGram.ts';
import { fcReluPrepare, fcReluRowsInto } from '../../src/kernels/fcReluCore.ts';
import { fcReluKernel, fcReluPlan } from '../../src/kernels/fcReluKernel.ts';
import { nativeRecursion } from '../../src/kernels/nativeRecursion.ts';
import { type RecursionImpl, withRecursion } from '../../src/kernels/recursionChoice.ts';
import { twoLayerFns, twoLayerNtk } from '../../src/kernels/twoLayerNtk.ts';
import { setWasmAtanVariant, wasmRecursion } from '../../src/kernels/wasmRecursion.ts';
import {
  closeTeam,
  setTeamCallerWaitsForAWorker,
  setTeamThreads,
  startTeam,
  teamStats,
} from '../../src/parallel/team.ts';
import { createRng } from '../../src/random/rng.ts';
import type { KernelPair, Mat } from '../../src/types.ts';
import { allClose } from '../helpers/allClose.ts';

const native = nativeRecursion('native');
const wasm = wasmRecursion('wasm');

function adversarial(n: number, d: number, seed: number): Mat {
  const rng = createRng(seed);
  const x = rng.fillNormal(new Float64Array(n * d));
  const row = (r: number, f: (k: number) => number) => {
    for (let k = 0; k < d; k++) x[r * d + k] = f(k);
  };
  row(1, (k) => x[k]); // θ = 0
  row(2, (k) => -x[k]); // θ = π
  row(3, (k) => x[k] * (1 + 1e-9 * rng.normal())); // near-parallel
  row(4, (k) => -x[k] * (1 + 1e-7 * rng.normal())); // near-antiparallel
  row(5, () => 0); // zero row
  row(6, (k) => x[k] * 2 ** 40); // exact multiple
  row(7, (k) => x[k] * 2 ** -500); // tiny, exact
  row(8, (k) => x[7 * d + k] * 2 ** 1000); // huge, parallel to the tiny one
  row(9, (k) => x[9 * d + k] * 1e-200); // |exponent| > 400
  row(10, (k) => x[10 * d + k] * 1e150); // |exponent| > 400, squared norm still finite
  row(11, (k) => -x[10 * d + k] * 1e-140); // antiparallel to the huge row, tiny
  row(12, (k) => (k === 0 ? 1 : 0)); // axis rows: exactly orthogonal pairs
  row(13, (k) => (k === 1 ? 1 : 0));
  return { rows: n, cols: d, data: x };
}

const sameBits = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
const samePair = (p: KernelPair, q: KernelPair): boolean =>
  sameBits(p.nngp.data, q.nngp.data) && sameBits(p.ntk.data, q.ntk.data);

const x1 = adversarial(37, 9, 1);
const x2 = adversarial(29, 9, 2);
// Cross pairs that are exactly parallel / antiparallel across the two inputs.
for (let k = 0; k < 9; k++) {
  x2.data[14 * 9 + k] = x1.data[20 * 9 + k];
  x2.data[15 * 9 + k] = -4 * x1.data[21 * 9 + k];
}

const FC_SPECS = [0, 1, 2, 3, 4].flatMap((depth) =>
  [0, 0.3].flatMap((bStd) => [
    { depth, bStd, wStd: 1.4 },
    { depth, bStd, wStd: 1, parameterization: 'standard' as const, width: 64 },
  ]),
);
const TWO_SPECS = (['relu', 'relu2'] as const).flatMap((activation) =>
  (['first', 'both'] as const).map((train) => ({ activation, train })),
);
const VARIANTS = ['avx512', 'avx2', 'generic'] as const;

describe.skipIf(native === undefined)('native recursion vs JavaScript (bit for bit)', () => {
  const k = native!;
  afterAll(() => {
    k.recursionVariant('');
  });

  for (const variant of VARIANTS) {
    it(`should reproduce the fc-ReLU kernel bit for bit, depth 0..4, bias, both parameterisations (${variant})`, () => {
      k.recursionVariant(variant);
      for (const spec of FC_SPECS) {
        const kern = fcReluKernel(spec);
        for (const b of [null, x2]) {
          const js = withRecursion('js', () => kern(x1, b));
          const nat = kern(x1, b);
          expect(samePair(nat, js), JSON.stringify({ spec, cross: b !== null })).toBe(true);
        }
      }
    });

    it(`should reproduce the two-layer kernel bit for bit, relu/relu2, first/both (${variant})`, () => {
      k.recursionVariant(variant);
      for (const spec of TWO_SPECS) {
        const kern = twoLayerNtk(spec);
        for (const b of [null, x2]) {
          const js = withRecursion('js', () => kern(x1, b));
          expect(samePair(kern(x1, b), js), JSON.stringify({ spec, cross: b !== null })).toBe(true);
        }
      }
    });
  }

  it("should catch the C library's atan in place of fdlibm's (negative control), which still agrees to rounding", () => {
    const used = k.recursionVariant('libm-atan');
    expect(used).toBe('libm-atan');
    const kern = fcReluKernel({ depth: 3, wStd: 1.4, bStd: 0.3 });
    const big = adversarial(120, 9, 3);
    const js = withRecursion('js', () => kern(big, null));
    const nat = kern(big, null);
    k.recursionVariant('');
    expect(samePair(nat, js)).toBe(false);
    // Both atans are within 1 ulp; through three layers the kernel moves by a few ulps at most.
    expect(allClose(nat.ntk.data, js.ntk.data, { rtol: 1e-13 })).toEqual({ ok: true });
    expect(allClose(nat.nngp.data, js.nngp.data, { rtol: 1e-13 })).toEqual({ ok: true });
  });
});

describe.skipIf(wasm === undefined)('WASM SIMD recursion vs JavaScript (bit for bit)', () => {
  const k = wasm!;
  const js = <T>(f: () => T): T => withRecursion('js', f);
  const ws = <T>(f: () => T): T => withRecursion('wasm', f);

  it('should reproduce the fc-ReLU kernel bit for bit, depth 0..4, bias, both parameterisations', () => {
    for (const spec of FC_SPECS) {
      const kern = fcReluKernel(spec);
      for (const b of [null, x2]) {
        expect(
          samePair(
            ws(() => kern(x1, b)),
            js(() => kern(x1, b)),
          ),
          JSON.stringify({ spec, cross: b !== null }),
        ).toBe(true);
      }
    }
  });

  it('should reproduce the two-layer kernel bit for bit, relu/relu2, first/both', () => {
    for (const spec of TWO_SPECS) {
      const kern = twoLayerNtk(spec);
      for (const b of [null, x2]) {
        expect(
          samePair(
            ws(() => kern(x1, b)),
            js(() => kern(x1, b)),
          ),
          JSON.stringify({ spec, cross: b !== null }),
        ).toBe(true);
      }
    }
  });

  it('should give the same bits on row blocks of odd sizes and offsets: full symmetric rows, lower triangle, cross', () => {
    const d = x1.cols;
    const n = x1.rows;
    const m = x2.rows;
    const splits = [0, 1, 4, 17, 18, 37];
    const { plan } = fcReluPlan({ depth: 2, wStd: 1.3, bStd: 0.2 });
    const sa = fcReluPrepare(plan, x1.data, n, d);
    const sb = fcReluPrepare(plan, x2.data, m, d);
    const aa = angularSide(x1.data, n, d);
    const ab = angularSide(x2.data, m, d);
    const two = twoLayerFns(true, true);
    for (const [b, cols, sym, lower] of [
      [sa, n, true, false],
      [sa, n, true, true],
      [sb, m, false, false],
    ] as const) {
      const run = (impl: RecursionImpl) => {
        const kn = new Float64Array(n * cols).fill(-1);
        const kt = new Float64Array(n * cols).fill(-1);
        for (let s = 0; s + 1 < splits.length; s++) {
          const r0 = splits[s];
          fcReluRowsInto(plan, sa, b, sym, lower, r0, splits[s + 1], kn, kt, r0 * cols, cols, impl);
        }
        return { kn, kt };
      };
      const w = run('wasm');
      const j = run('js');
      expect(sameBits(w.kn, j.kn) && sameBits(w.kt, j.kt), JSON.stringify({ sym, lower })).toBe(true);
    }
    for (const [b, cols, sym] of [
      [aa, n, true],
      [ab, m, false],
    ] as const) {
      const run = (impl: RecursionImpl) => {
        const outs = [new Float64Array(n * cols).fill(-1), new Float64Array(n * cols).fill(-1)];
        for (let s = 0; s + 1 < splits.length; s++) {
          const r0 = splits[s];
          const quadBoth = { quad: true, both: true };
          angularRowsInto(
            aa,
            b,
            sym,
            two.pairFn,
            two.diagFn,
            r0,
            splits[s + 1],
            outs,
            r0 * cols,
            cols,
            quadBoth,
            impl,
          );
        }
        return outs;
      };
      const w = run('wasm');
      const j = run('js');
      expect(sameBits(w[0], j[0]) && sameBits(w[1], j[1]), JSON.stringify({ sym })).toBe(true);
    }
  });

  it('should give the same bits when a row block spans several staging chunks (8000 columns)', () => {
    // 2^19 doubles per staged array: 8000 columns make chunks of 65 rows, so 70 rows take two chunks.
    const a = adversarial(70, 3, 6);
    const b = adversarial(8000, 3, 7);
    const kern = fcReluKernel({ depth: 1, wStd: 1.4, bStd: 0.3 });
    expect(
      samePair(
        ws(() => kern(a, b)),
        js(() => kern(a, b)),
      ),
    ).toBe(true);
  });

  it('should throw BackendUnavailableError for an explicit WASM recursion without WebAssembly SIMD', () => {
    setWasmSimdOverride(false);
    try {
      const kern = fcReluKernel({ depth: 1 });
      expect(() => ws(() => kern(x1, null))).toThrow(
        /impl must name an available implementation \(got 'wasm'/,
      );
      expect(() => ws(() => twoLayerNtk()(x1, null))).toThrow(/got 'wasm'/);
    } finally {
      setWasmSimdOverride(undefined);
    }
  });

  it('should catch a Horner-evaluated atan polynomial (negative control), which still agrees to rounding', () => {
    expect(setWasmAtanVariant(k, 'horner-atan')).toBe('horner-atan');
    const big = adversarial(120, 9, 3);
    const kern = fcReluKernel({ depth: 3, wStd: 1.4, bStd: 0.3 });
    const two = twoLayerNtk({ activation: 'relu', train: 'both' });
    let bad: ReturnType<typeof kern>;
    let badTwo: ReturnType<typeof kern>;
    try {
      bad = ws(() => kern(big, null));
      badTwo = ws(() => two(big, null));
    } finally {
      setWasmAtanVariant(k, 'fdlibm');
    }
    const ref = js(() => kern(big, null));
    const refTwo = js(() => two(big, null));
    expect(samePair(bad, ref)).toBe(false);
    expect(samePair(badTwo, refTwo)).toBe(false);
    // The restored variant agrees again (the control changed only the atan).
    expect(
      samePair(
        ws(() => kern(big, null)),
        ref,
      ),
    ).toBe(true);
    // Both atans are within about an ulp; through three layers the kernel moves by a few ulps at most.
    expect(allClose(bad.ntk.data, ref.ntk.data, { rtol: 1e-13 })).toEqual({ ok: true });
    expect(allClose(bad.nngp.data, ref.nngp.data, { rtol: 1e-13 })).toEqual({ ok: true });
  });
});

describe('fc-ReLU and two-layer Gram on the worker team (native in every thread when loaded)', () => {
  beforeAll(async () => {
    setTeamThreads(2);
    await startTeam();
  });
  afterAll(async () => {
    setTeamThreads(2);
    await closeTeam();
  });
  // 300 × 300 outputs pass the team threshold (256² entries); the blocks do not depend on the thread count.
  const a = adversarial(300, 9, 4);
  const b = adversarial(257, 9, 5);
  const kernels = [fcReluKernel({ depth: 3, wStd: 1.4, bStd: 0.3 }), ...TWO_SPECS.map((s) => twoLayerNtk(s))];
  it('should be bit-identical for 1 and 2 threads, symmetric and cross', () => {
    for (const kern of kernels) {
      for (const y of [null, b]) {
        setTeamThreads(1);
        const one = kern(a, y);
        setTeamThreads(2);
        expect(samePair(kern(a, y), one)).toBe(true);
      }
    }
  });
});

describe.skipIf(wasm === undefined)('WASM recursion in every thread of the worker team', () => {
  // The team members inherit the environment of the moment they start: with NTK_BACKEND=wasm-simd the
  // native recursion is skipped in every thread (and the Gram GEMM is the WASM one on both sides of the
  // comparison).
  const prevEnv = process.env.NTK_BACKEND;
  let prevWait = false;
  beforeAll(async () => {
    prevWait = setTeamCallerWaitsForAWorker(true);
    await closeTeam();
    process.env.NTK_BACKEND = 'wasm-simd';
    setTeamThreads(2);
    await startTeam();
  });
  afterAll(async () => {
    await closeTeam();
    setTeamCallerWaitsForAWorker(prevWait);
    if (prevEnv === undefined) delete process.env.NTK_BACKEND;
    else process.env.NTK_BACKEND = prevEnv;
  });
  const a = adversarial(300, 9, 8);
  const b = adversarial(257, 9, 9);
  const kernels = [
    fcReluKernel({ depth: 3, wStd: 1.4, bStd: 0.3 }),
    fcReluKernel({ depth: 2, bStd: 0.1, parameterization: 'standard', width: 64 }),
    ...TWO_SPECS.map((s) => twoLayerNtk(s)),
  ];
  // A worker took part in the last call (the caller waits for one to claim a block).
  const workerRan = (before: ReturnType<typeof teamStats>) =>
    teamStats().blocks - teamStats().mainBlocks > before.blocks - before.mainBlocks;

  it('should match the one-thread JavaScript recursion bit for bit with 2 threads, symmetric and cross', () => {
    for (const kern of kernels) {
      for (const y of [null, b]) {
        setTeamThreads(1);
        const ref = withRecursion('js', () => kern(a, y));
        setTeamThreads(2);
        const before = teamStats();
        const two = kern(a, y);
        expect(workerRan(before)).toBe(true);
        expect(samePair(two, ref)).toBe(true);
      }
    }
  });

  it('should catch a Horner atan in the workers alone (negative control: the workers run the WASM recursion)', async () => {
    const kern = kernels[0];
    setTeamThreads(1);
    const ref = withRecursion('js', () => kern(a, null));
    // The calling thread has its instance already (fdlibm); workers started now read the control.
    expect(
      samePair(
        withRecursion('wasm', () => kern(a, null)),
        ref,
      ),
    ).toBe(true);
    await closeTeam();
    process.env.NTK_TEST_WASM_ATAN = 'horner';
    try {
      setTeamThreads(2);
      await startTeam();
      const before = teamStats();
      const two = kern(a, null);
      expect(workerRan(before)).toBe(true);
      expect(samePair(two, ref)).toBe(false);
      expect(allClose(two.ntk.data, ref.ntk.data, { rtol: 1e-13 })).toEqual({ ok: true });
    } finally {
      delete process.env.NTK_TEST_WASM_ATAN;
      await closeTeam();
      await startTeam();
    }
  });
});
