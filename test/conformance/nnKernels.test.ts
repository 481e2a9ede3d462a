/**
 * The two-layer network's fused passes (src/nn/twoLayerRows.ts, native/nn_kernels.cc, assembly/nn.ts) and
 * the fused attack (src/attacks/twoLayerAttackJob.ts).
 *
 * Tolerances: the native and WASM-SIMD ReLU/ReLU² kernels perform the same IEEE-754 operations (×, +, −,
 * comparisons; no FMA contraction: -ffp-contract=off) in the same order as the JavaScript loops, so they must
 * agree bit for bit (tolerance 0, including signed zeros and NaN), the native ones on every instruction set
 * (child processes). The fused attack runs the same ascent on fixed row blocks; on the WASM-SIMD and native
 * GEMMs an entry of C does not depend on which rows share a call (nor, natively, on the thread count), so it
 * must be bit-identical to the generic attack loop, and bit-identical for 1 and 2 threads. Negative controls:
 * a reduction summed in one accumulator, the subgradient 1 at z = 0 and a weight or upstream entry changed by
 * one ulp are caught by the same comparisons.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgd } from '../../src/attacks/pgd.ts';
import { nativeKernels } from '../../src/backend/native/loader.ts';
import { getKernel, isBackendAvailable } from '../../src/backend/registry.ts';
import { NonFiniteError } from '../../src/errors.ts';
import { twoLayerNet } from '../../src/nn/twoLayerNet.ts';
import {
  type ActivationKernels,
  activationBackward,
  activationForward,
  activationKernels,
  TwoLayerRows,
} from '../../src/nn/twoLayerRows.ts';
import { closeTeam, setTeamThreads, startTeam, teamStats } from '../../src/parallel/team.ts';
import { createRng } from '../../src/random/rng.ts';
import type { DifferentiableModel, Mat } from '../../src/types.ts';

const same = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Pre-activations with exact zeros, negative zeros, ties between symmetric pairs and a wide range. */
function preactivations(n: number, m: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const z = new Float64Array(n * m);
  for (let k = 0; k < z.length; k++) {
    const u = rng.uniform();
    z[k] = u < 0.05 ? 0 : u < 0.1 ? -0 : rng.normal() * 10 ** (4 * rng.uniform() - 2);
  }
  return z;
}

const addon = nativeKernels();
const native = addon?.nnActForward !== undefined ? activationKernels('relu', 'native') : undefined;
const wasm = isBackendAvailable('wasm-simd') ? activationKernels('relu', 'wasm-simd') : undefined;
const fastPaths = [native, wasm].filter((k): k is ActivationKernels => k !== undefined);

describe.each(fastPaths.map((k) => [k.path, k] as const))('fused activation kernels (%s)', (_path, fast) => {
  const n = 37; // not a multiple of the native kernel's 8-row groups
  const m = 130; // not a multiple of the SIMD widths
  const z = preactivations(n, m, 1);
  const rng = createRng(2);
  const a = Float64Array.from({ length: m }, (_, r) => (r < m / 2 ? 1 : -1) * (0.5 + rng.uniform()));
  const u = Float64Array.from({ length: n }, () => rng.normal());
  const s = 1 / Math.sqrt(m);
  for (const act of ['relu', 'relu2'] as const) {
    it(`should match the JavaScript forward pass bit for bit (${act})`, () => {
      const js = new Float64Array(n);
      const got = new Float64Array(n);
      activationForward(z, n, m, a, s, act, js, undefined);
      activationForward(z, n, m, a, s, act, got, fast);
      expect(same(js, got)).toBe(true);
      // Negative control: one accumulator instead of the separate positive/negative sums differs.
      const broken = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let t = 0;
        for (let r = 0; r < m; r++) {
          const v = z[i * m + r];
          t += act === 'relu' ? (v > 0 ? a[r] * v : 0) : a[r] * (v > 0 ? v * v : 0);
        }
        broken[i] = s * t;
      }
      expect(same(broken, got)).toBe(false);
    });

    it(`should match the JavaScript backward pass bit for bit (${act})`, () => {
      const js = z.slice();
      const got = z.slice();
      activationBackward(js, n, m, a, s, act, u, undefined);
      activationBackward(got, n, m, a, s, act, u, fast);
      expect(same(js, got)).toBe(true);
      // Negative control: the subgradient 1 at z = 0 (instead of 0) is caught.
      const broken = z.slice();
      for (let k = 0; k < broken.length; k++) broken[k] = z[k] >= 0 ? 1 : 0;
      activationBackward(broken, n, m, a, s, act, u, undefined);
      expect(same(broken, got)).toBe(false);
    });
  }

  it('should give f(W₀, x) = 0 exactly for the symmetric initialisation', () => {
    const backend = fast.path;
    const net = twoLayerNet({ inputDim: 5, width: 66, init: 'symmetric', seed: 3, backend });
    const x = { rows: 19, cols: 5, data: preactivations(19, 5, 4) };
    expect(Array.from(net.predict(x)).every((v) => v === 0)).toBe(true);
  });

  it('should leave NaN pre-activations to the loss (as the JavaScript loop does)', () => {
    const zz = Float64Array.of(Number.NaN, 1, -1, 2, Number.NaN, -1, 3, 0);
    const out = new Float64Array(2);
    activationForward(zz, 2, 4, Float64Array.of(1, 1, 1, 1), 1, 'relu', out, fast);
    expect(Array.from(out)).toEqual([3, 3]);
  });
});

/** Seeded inputs, generated identically in the test and in the child processes (a string evaluated by both). */
const GEN = `(n, m, seed) => {
  let st = seed >>> 0;
  const next = () => ((st = (Math.imul(st, 1664525) + 1013904223) >>> 0), st / 4294967296);
  const z = new Float64Array(n * m);
  for (let k = 0; k < z.length; k++) {
    const v = next();
    z[k] = v < 0.05 ? 0 : v < 0.1 ? -0 : (next() - 0.5) * 10 ** (4 * next() - 2);
  }
  const a = Float64Array.from({ length: m }, (_, r) => (r < m / 2 ? 1 : -1) * (0.5 + next()));
  const u = Float64Array.from({ length: n }, () => next() - 0.5);
  return { z, a, u };
}`;
/** Forward (ReLU, ReLU²) and backward (ReLU, ReLU²) outputs of 37 × 130 inputs, as one base64 string. */
const RUN = `(fwd, bwd) => {
  const { z, a, u } = (${GEN})(37, 130, 11);
  const s = 1 / Math.sqrt(130);
  const parts = [];
  for (const sq of [false, true]) {
    const out = new Float64Array(37);
    fwd(z, 37, 130, a, s, sq, out);
    parts.push(out);
    const g = z.slice();
    bwd(g, 37, 130, a, s, u, sq);
    parts.push(g);
  }
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer))).toString('base64');
}`;
const ADDON = fileURLToPath(new URL('../../build/Release/ntk_native.node', import.meta.url));

describe.skipIf(native === undefined)(
  'native fused kernels on every instruction-set path (child processes)',
  () => {
    // The JavaScript loops are the reference (the instruction set is chosen once per process).
    const js = (new Function(`return ${RUN}`)() as (f: unknown, b: unknown) => string)(
      (z: Float64Array, n: number, m: number, a: Float64Array, s: number, sq: boolean, out: Float64Array) =>
        activationForward(z, n, m, a, s, sq ? 'relu2' : 'relu', out, undefined),
      (z: Float64Array, n: number, m: number, a: Float64Array, s: number, u: Float64Array, sq: boolean) =>
        activationBackward(z, n, m, a, s, sq ? 'relu2' : 'relu', u, undefined),
    );
    for (const isa of ['generic', 'avx2', 'avx512']) {
      it(`should match the JavaScript loops bit for bit with NTK_NATIVE_ISA=${isa}`, () => {
        const child = `const k = require(process.argv[1]); process.stdout.write(k.info().isa + ':' + (${RUN})(k.nnActForward, k.nnActBackward));`;
        const r = spawnSync(process.execPath, ['-e', child, ADDON], {
          encoding: 'utf8',
          env: { ...process.env, NTK_NATIVE_ISA: isa },
        });
        expect(r.status, r.stderr).toBe(0);
        // The child ran the requested path (capped by this CPU) and matched the reference.
        const order = ['generic', 'avx2', 'avx512'];
        const machine = order.indexOf(addon?.info().isa ?? 'generic');
        expect(r.stdout).toBe(`${order[Math.min(order.indexOf(isa), machine)]}:${js}`);
      });
    }
  },
);

describe('TwoLayerRows', () => {
  it('should match predict / inputGradient of the net bit for bit, native and JavaScript paths', () => {
    const net = twoLayerNet({ inputDim: 6, width: 40, init: 'gaussian', seed: 5 });
    const rng = createRng(6);
    const rows = 23;
    const p = Float64Array.from({ length: rows * 6 }, () => rng.normal());
    const up = Float64Array.from({ length: rows }, () => rng.normal());
    const want = net.predict({ rows, cols: 6, data: p });
    const wantG = net.inputGradient({ rows, cols: 6, data: p }, up).data;
    const weights = { ...net, w: net.params, a: net.a };
    for (const fused of [false, true]) {
      const tr = new TwoLayerRows(weights, 32, fused);
      expect(same(tr.forward(p, rows), want)).toBe(true);
      expect(same(tr.backward(up, rows), wantG)).toBe(true);
    }
  });
});

const backends = (['wasm-simd', 'native'] as const).filter((b) => isBackendAvailable(b));

describe.each(backends)('fused two-layer attack (%s)', (backend) => {
  const d = 8;
  const n = 600; // three blocks of ≤ 256 rows for width 512
  const m = 512;
  const rng = createRng(7);
  const x: Mat = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) };
  const y = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
  const opts = {
    set: { kind: 'l2', radius: 0.3 },
    loss: 'logistic',
    steps: 5, // 600·512·8·(5 + 1)·2 ≥ 2²⁴ multiply-adds: the blocks go to the team
    restarts: 2,
    randomStart: true,
    seed: 9,
  } as const;
  /** The same net seen through the generic DifferentiableModel interface (no fused path). */
  const generic = (net: ReturnType<typeof twoLayerNet>): DifferentiableModel => ({
    inputDim: d,
    predict: (p) => net.predict(p),
    inputGradient: (p, u) => net.inputGradient(p, u),
  });

  /** Runs f until a worker has taken a block (the calling thread may take them all on a loaded machine). */
  const withWorker = <T>(f: () => T): T[] => {
    const out: T[] = [];
    for (let k = 0; k < 20; k++) {
      const s0 = teamStats();
      out.push(f());
      const s1 = teamStats();
      if (s1.mainBlocks - s0.mainBlocks < s1.blocks - s0.blocks) return out;
    }
    throw new Error('no worker took a block in 20 runs');
  };

  beforeAll(async () => {
    setTeamThreads(2);
    await startTeam();
  });
  afterAll(async () => {
    setTeamThreads(2);
    await closeTeam();
  });

  for (const activation of ['relu', 'softplus'] as const) {
    it(`should be bit-identical to the generic attack loop and for 1 and 2 threads (${activation})`, () => {
      const net = twoLayerNet({ inputDim: d, width: m, activation, seed: 8, backend });
      const ref = pgd(generic(net), x, y, opts);
      setTeamThreads(1);
      const one = pgd(net, x, y, opts);
      setTeamThreads(2);
      const twos = withWorker(() => pgd(net, x, y, opts));
      for (const r of [one, ...twos]) {
        expect(same(r.points.data, ref.points.data)).toBe(true);
        expect(same(r.losses, ref.losses)).toBe(true);
        expect(same(r.predictions, ref.predictions)).toBe(true);
        expect(r.evaluations).toBe(ref.evaluations);
      }
      // Negative control: a one-ulp change of one weight is visible to the same comparison.
      const bent = net.clone();
      bent.params[3] *= 1 + 2 ** -52;
      expect(same(pgd(bent, x, y, opts).points.data, ref.points.data)).toBe(false);
    });
  }

  it('should give predict / paramGradient bit-identical to single GEMM calls, for 1 and 2 threads', () => {
    const dd = 16; // 600·512·16 ≥ 2²² multiply-adds: the blocked passes
    const net = twoLayerNet({ inputDim: dd, width: m, seed: 11, backend });
    const xx = Float64Array.from({ length: n * dd }, () => rng.normal());
    const u = Float64Array.from({ length: n }, () => rng.normal());
    // Reference: one GEMM call for z = X·Wᵀ, the fused passes, one GEMM call for ∂W = Gᵀ X.
    const gemm = getKernel('dgemm', backend);
    const z = new Float64Array(n * m);
    gemm(false, true, n, m, dd, 1, xx, 0, dd, net.params, 0, dd, 0, z, 0, m);
    const f = new Float64Array(n);
    const s = 1 / Math.sqrt(m);
    activationForward(z, n, m, net.a, s, 'relu', f, undefined);
    activationBackward(z, n, m, net.a, s, 'relu', u, undefined);
    const grad = new Float64Array(m * dd);
    gemm(true, false, m, dd, n, 1, z, 0, m, xx, 0, dd, 0, grad, 0, dd);
    const xm = { rows: n, cols: dd, data: xx };
    setTeamThreads(1);
    const one = [net.predict(xm), net.paramGradient(xm, u)];
    setTeamThreads(2);
    for (const r of [one, ...withWorker(() => [net.predict(xm), net.paramGradient(xm, u)])]) {
      expect(same(r[0], f)).toBe(true);
      expect(same(r[1], grad)).toBe(true);
    }
    // Negative control: a one-ulp change of one upstream entry is visible.
    const bent = u.slice();
    bent[5] *= 1 + 2 ** -52;
    expect(same(net.paramGradient(xm, bent), grad)).toBe(false);
  });

  it('should report the same first non-finite loss as the generic loop', () => {
    const net = twoLayerNet({ inputDim: d, width: m, seed: 10, backend });
    for (let k = 0; k < net.params.length; k++) net.params[k] *= 1e160;
    const sq = { ...opts, loss: 'square' } as const;
    const message = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(NonFiniteError);
        return (e as Error).message;
      }
      return 'no error';
    };
    const want = message(() => pgd(generic(net), x, y, sq));
    expect(want).toMatch(/sample \d+, restart 0, step 0/);
    expect(message(() => pgd(net, x, y, sq))).toBe(want);
  });
});
