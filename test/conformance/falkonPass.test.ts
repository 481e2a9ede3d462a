/**
 * FALKON's fused pass w ← w + K_bᵀ·(K_b·u + v)·invN (src/backend/js/falkonPass.ts, native/falkon_pass.cc,
 * assembly/falkon.ts).
 *
 * Tolerances: the summation order is part of the kernel's contract (fixed 256-row parts added in part order,
 * 8-lane row products, no FMA), so the native kernel on every instruction set (child processes) and for
 * 1, 2 and 3 threads, and the WASM-SIMD one, must give the JavaScript loop's bits (tolerance 0); the native
 * call reports how many parts ran off the calling thread, and some must in one of 20 runs, so the thread
 * invariance is exercised, not vacuous. The
 * JavaScript loop itself is checked against the plain formula (sequential sums, division by n) with the
 * forward-error bound of both: each is within γ_{rows+M+5}·(|w₀| + Σ_r |K_rj|·(Σ_i |K_ri·u_i| + |v_r|)/n)
 * of the exact value (γ_m = m·ε/(1 − m·ε), ε = 2⁻⁵³: a dot product of M terms plus v, the scaling by a
 * rounded 1/n, the rounded products K_rj·t_r and a sum of rows + 1 terms in any order), so they differ by at
 * most twice that. Negative controls: the partials added in another order (what a completion-order sum on
 * two threads produces), the row products summed in one sequential accumulator, and the plain formula
 * without v or without the last row are caught by the same comparisons.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FALKON_PART_ROWS,
  falkonPartial,
  jsFalkonPass,
  transposeCentres,
} from '../../src/backend/js/falkonPass.ts';
import { nativeFalkonPass } from '../../src/backend/native/falkonPass.ts';
import { nativeKernels } from '../../src/backend/native/loader.ts';
import { getKernel, isBackendAvailable } from '../../src/backend/registry.ts';
import { wasmFalkonPass } from '../../src/backend/wasm/falkonPass.ts';
import { fcReluKernel } from '../../src/kernels/fcReluKernel.ts';
import { setTeamThreads, teamThreads } from '../../src/parallel/team.ts';
import { createRng } from '../../src/random/rng.ts';
import { falkon } from '../../src/regression/falkon.ts';

const same = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Seeded operands, generated identically here and in the child processes (a string evaluated by both). */
const GEN = `(rows, M, k, seed) => {
  let st = seed >>> 0;
  const next = () => ((st = (Math.imul(st, 1664525) + 1013904223) >>> 0), st / 4294967296);
  const val = () => (next() < 0.03 ? 0 : (next() - 0.5) * 10 ** (3 * next() - 1.5));
  const f = (len) => Float64Array.from({ length: len }, val);
  return { kb: f(rows * M), u: f(M * k), v: f(rows * k), w: f(M * k) };
}`;
const gen = new Function(`return ${GEN}`)() as (
  rows: number,
  M: number,
  k: number,
  seed: number,
) => { kb: Float64Array; u: Float64Array; v: Float64Array; w: Float64Array };

/**
 * Shapes: 4 parts with a 3-row tail group and M ≢ 0 (mod 8); k = 10 (column groups 4, 4, 2); M < 8; one
 * exact part; k = 3.
 */
const SHAPES: readonly (readonly [number, number, number])[] = [
  [1003, 501, 1],
  [1003, 501, 10],
  [5, 3, 2],
  [256, 8, 4],
  [530, 37, 3],
];
/** Every shape with (u, v), (u, null), (null, v), (null, null); the native calls on 1, 2 and 3 threads. */
const RUN = `(pass) => {
  const shapes = ${JSON.stringify(SHAPES)};
  const parts = [];
  shapes.forEach(([rows, M, k], s) => {
    const { kb, u, v, w } = (${GEN})(rows, M, k, 100 + s);
    for (const [uu, vv] of [[u, v], [u, null], [null, v], [null, null]]) {
      for (const threads of [1, 2, 3]) {
        const out = w.slice();
        pass(rows, M, k, kb, uu, vv, 1 / 7919, out, threads);
        parts.push(out);
      }
    }
  });
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer))).toString('base64');
}`;
const run = new Function(`return ${RUN}`)() as (pass: (...a: unknown[]) => void) => string;

const addon = nativeKernels();
const native = addon?.falkonPass !== undefined ? addon : undefined;
const ADDON = fileURLToPath(new URL('../../build/Release/ntk_native.node', import.meta.url));

/** The plain formula: t_r = (v_r + Σ_j K_rj·u_j)/n summed in order, w += K_rᵀ·t_r; and its error bound. */
function plainPass(
  rows: number,
  M: number,
  k: number,
  kb: Float64Array,
  u: Float64Array | null,
  v: Float64Array | null,
  n: number,
  w: Float64Array,
): { w: Float64Array; bound: Float64Array } {
  const out = w.slice();
  const scale = Float64Array.from(w, Math.abs);
  const eps = 2 ** -53;
  const m = rows + M + 5;
  const gamma = (m * eps) / (1 - m * eps);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < k; c++) {
      let s = v === null ? 0 : v[r * k + c];
      let a = Math.abs(s);
      if (u !== null) {
        for (let j = 0; j < M; j++) {
          s += kb[r * M + j] * u[j * k + c];
          a += Math.abs(kb[r * M + j] * u[j * k + c]);
        }
      }
      const t = s / n;
      for (let j = 0; j < M; j++) {
        out[j * k + c] += kb[r * M + j] * t;
        scale[j * k + c] += (Math.abs(kb[r * M + j]) * a) / n;
      }
    }
  }
  return { w: out, bound: scale.map((x) => 2 * gamma * x * (1 + 1e-12)) };
}

/** A registered pass behind the signature of the native export (its `threads` argument ignored). */
const asPass =
  (f: typeof jsFalkonPass) =>
  (...a: unknown[]): void =>
    f(
      a[0] as number,
      a[1] as number,
      a[2] as number,
      a[3] as Float64Array,
      a[4] as Float64Array | null,
      a[5] as Float64Array | null,
      a[6] as number,
      a[7] as Float64Array,
    );

let jsRunMemo: string | undefined;
/** {@link RUN} on the JavaScript loop: the reference of the other paths. */
const jsRun = (): string => {
  jsRunMemo ??= run(asPass(jsFalkonPass));
  return jsRunMemo;
};

const within = (a: Float64Array, b: Float64Array, bound: Float64Array): boolean =>
  a.every((x, i) => Math.abs(x - b[i]) <= bound[i]);

describe('falkonPass (JavaScript reference)', () => {
  it('should equal the plain formula within the forward-error bound of both (k = 1, 10, u/v null)', () => {
    SHAPES.forEach(([rows, M, k], s) => {
      const { kb, u, v, w } = gen(rows, M, k, 200 + s);
      const n = 7919;
      for (const [uu, vv] of [
        [u, v],
        [u, null],
        [null, v],
      ] as const) {
        const got = w.slice();
        jsFalkonPass(rows, M, k, kb, uu, vv, 1 / n, got);
        const plain = plainPass(rows, M, k, kb, uu, vv, n, w);
        expect(within(got, plain.w, plain.bound)).toBe(true);
        // Negative controls: the formula without v, or without the last row, is outside the bound.
        if (vv !== null)
          expect(within(got, plainPass(rows, M, k, kb, uu, null, n, w).w, plain.bound)).toBe(false);
        const short = plainPass(rows - 1, M, k, kb, uu, vv, n, w).w;
        expect(within(got, short, plain.bound)).toBe(false);
      }
      // Without u and v the pass adds zeros: w is unchanged.
      const zero = w.slice();
      jsFalkonPass(rows, M, k, kb, null, null, 1 / n, zero);
      expect(same(zero, w)).toBe(true);
    });
  });

  it('should be registered on every backend', () => {
    expect(getKernel('falkonPass', 'js')).toBe(jsFalkonPass);
    expect(getKernel('falkonPass', 'wasm-simd')).toBe(wasmFalkonPass);
    expect(getKernel('falkonPass', 'native')).toBe(nativeFalkonPass);
  });
});

describe.skipIf(!isBackendAvailable('wasm-simd'))('falkonPass (WASM-SIMD)', () => {
  it('should match the JavaScript loop bit for bit', () => {
    expect(run(asPass(wasmFalkonPass))).toBe(jsRun());
  });
});

describe.skipIf(native === undefined)('falkonPass (native)', () => {
  it('should match the JavaScript loop bit for bit on 1, 2 and 3 threads (this process)', () => {
    const pass = native?.falkonPass?.bind(native) as (...a: unknown[]) => void;
    expect(run(pass)).toBe(jsRun());
  });

  for (const isa of ['generic', 'avx2', 'avx512']) {
    it(`should match the JavaScript loop bit for bit with NTK_NATIVE_ISA=${isa} (child process)`, () => {
      const child = `const k = require(process.argv[1]); process.stdout.write(k.info().isa + ':' + (${RUN})(k.falkonPass.bind(k)));`;
      const r = spawnSync(process.execPath, ['-e', child, ADDON], {
        encoding: 'utf8',
        env: { ...process.env, NTK_NATIVE_ISA: isa },
      });
      expect(r.status, r.stderr).toBe(0);
      // The child ran the requested path (capped by this CPU) and matched the reference.
      const order = ['generic', 'avx2', 'avx512'];
      const machine = order.indexOf(native?.info().isa ?? 'generic');
      expect(r.stdout).toBe(`${order[Math.min(order.indexOf(isa), machine)]}:${jsRun()}`);
    });
  }

  it('should give the same bits when the pool threads do take parts (else the invariance is vacuous)', () => {
    const [rows, M, k] = [4396, 501, 4]; // 18 parts: two waves of the pool (16 + 2)
    const { kb, u, v, w } = gen(rows, M, k, 400);
    const want = w.slice();
    jsFalkonPass(rows, M, k, kb, u, v, 1 / 7919, want);
    const pass = (threads: number): number => {
      const got = w.slice();
      const off = native?.falkonPass?.(rows, M, k, kb, u, v, 1 / 7919, got, threads) ?? 0;
      expect(same(got, want)).toBe(true);
      return off;
    };
    expect(pass(1)).toBe(0);
    // On a loaded machine the caller may finish every part before a worker wakes: retry until one took some.
    for (const threads of [2, 3]) {
      let off = 0;
      for (let attempt = 0; attempt < 20 && off === 0; attempt++) off = pass(threads);
      expect(off).toBeGreaterThan(0);
    }
  });

  it('should be caught by the same comparison if partials were added in completion order or rows summed in one chain', () => {
    const [rows, M, k] = [1003, 501, 10];
    const { kb, u, v, w } = gen(rows, M, k, 300);
    const invN = 1 / 7919;
    const got = w.slice();
    native?.falkonPass?.(rows, M, k, kb, u, v, invN, got, 2);
    // The partials of the fixed parts, added in part order (the contract) and in the order two threads
    // finishing alternately would produce (1, 0, 3, 2): the comparison tells them apart.
    const uT = transposeCentres(u, M, k);
    const parts: Float64Array[] = [];
    for (let r0 = 0; r0 < rows; r0 += FALKON_PART_ROWS) {
      const g = new Float64Array(M * k);
      falkonPartial(r0, Math.min(rows, r0 + FALKON_PART_ROWS), M, k, kb, uT, v, invN, g);
      parts.push(g);
    }
    expect(parts.length).toBe(4);
    const addParts = (order: number[]): Float64Array => {
      const out = w.slice();
      for (const p of order)
        for (let j = 0; j < M; j++) for (let c = 0; c < k; c++) out[j * k + c] += parts[p][c * M + j];
      return out;
    };
    expect(same(got, addParts([0, 1, 2, 3]))).toBe(true);
    expect(same(got, addParts([1, 0, 3, 2]))).toBe(false);
    // Row products in one sequential chain instead of the 8 lanes.
    const chain = w.slice();
    for (let r0 = 0; r0 < rows; r0 += FALKON_PART_ROWS) {
      const g = new Float64Array(M * k);
      for (let r = r0; r < Math.min(rows, r0 + FALKON_PART_ROWS); r++) {
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let j = 0; j < M; j++) s += kb[r * M + j] * u[j * k + c];
          const t = (s + v[r * k + c]) * invN;
          for (let j = 0; j < M; j++) g[c * M + j] += kb[r * M + j] * t;
        }
      }
      for (let j = 0; j < M; j++) for (let c = 0; c < k; c++) chain[j * k + c] += g[c * M + j];
    }
    expect(same(got, chain)).toBe(false);
  });
});

describe.skipIf(!isBackendAvailable('native'))('falkon on the native backend', () => {
  const threads0 = teamThreads();
  afterAll(() => setTeamThreads(threads0));

  it('should give the same model bits for 1, 2 and 3 native threads, cached and streamed', () => {
    const rng = createRng(5);
    const n = 700; // 3 parts per 2048-row block
    const x = { rows: n, cols: 4, data: Float64Array.from({ length: n * 4 }, () => rng.normal()) };
    const y = Float64Array.from({ length: n }, () => rng.normal());
    const kernel = fcReluKernel({ depth: 1 });
    const alphaOf = (threads: number, cacheBytes = 2 ** 31) => {
      setTeamThreads(threads);
      return falkon(kernel, x, y, {
        centers: 40,
        diagReg: 1e-2,
        backend: 'native',
        maxIterations: 8,
        cacheBytes,
      }).alpha.data;
    };
    const one = alphaOf(1);
    for (const t of [2, 3]) {
      expect(same(alphaOf(t), one)).toBe(true);
      expect(same(alphaOf(t, 0), one)).toBe(true);
    }
    // Negative control: a different ridge changes the bits.
    setTeamThreads(1);
    const other = falkon(kernel, x, y, {
      centers: 40,
      diagReg: 1.01e-2,
      backend: 'native',
      maxIterations: 8,
    });
    expect(same(other.alpha.data, one)).toBe(false);
  });
});
