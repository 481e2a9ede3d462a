/**
 * The native backend (native/gemm.cc, native/lapack.cc) on its own terms:
 * - every instruction-set path (NTK_NATIVE_ISA = generic | avx2 | avx512, each in a child process because the
 *   choice is process-wide) stays within the rigorous forward-error bound 2γ_{k+2}·(|α|Σ|a||b| + |β||c|) of a
 *   naive product, on transpositions, offsets, α/β, k = 0, 1×1 and sizes that are not multiples of the
 *   micro-tiles (4×4, 6×8, 8×24); AVX2 and AVX-512 give the same bits (same FMA chain per entry), the
 *   generic path (mul + add) does not;
 * - GEMM, SYRK, Cholesky and the triangular solves are bit-identical on 1, 2 and 3 threads, and the SYRK's
 *   lower triangle is bit-identical to the full GEMM's;
 * - Cholesky reports the same failing pivot as the JavaScript factor, in a later block column too;
 * - negative controls: an α off by one part in 10⁹ and a transposed operand computed by the native GEMM
 *   itself fail the bound check; a corrupted solve fails the residual check.
 * Skipped, with the reason printed, when the addon is not built (`npm install` builds it here).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativeDgemmSerial } from '../../src/backend/native/dgemm.ts';
import { type NativeKernels, nativeKernels, nativeStatus } from '../../src/backend/native/loader.ts';
import { getKernel, isBackendAvailable, resolveBackend } from '../../src/backend/registry.ts';
import { gramGemm } from '../../src/kernels/gramGemm.ts';
import { createRng } from '../../src/random/rng.ts';
import { type GemmCase, type GemmProblem, gemmProblem, gemmReference } from '../helpers/gemmCases.ts';

const NATIVE = isBackendAvailable('native');
if (!NATIVE) console.warn(`native conformance skipped: ${nativeStatus().reason}`);
const K = nativeKernels() as NativeKernels;
const ADDON = fileURLToPath(new URL('../../build/Release/ntk_native.node', import.meta.url));

const CASES: readonly GemmCase[] = [
  { m: 1, n: 1, k: 1, transA: false, transB: false, alpha: 1, beta: 0, pad: 0 },
  { m: 9, n: 25, k: 7, transA: false, transB: false, alpha: 1.5, beta: 0.5, pad: 3 },
  { m: 17, n: 13, k: 300, transA: true, transB: false, alpha: -2, beta: 1, pad: 0 },
  { m: 50, n: 49, k: 33, transA: true, transB: true, alpha: 0.75, beta: 0, pad: 1 },
  { m: 7, n: 30, k: 0, transA: false, transB: false, alpha: 1, beta: 2, pad: 0 },
  { m: 5, n: 6, k: 4, transA: false, transB: true, alpha: 0, beta: -0.5, pad: 2 },
  { m: 40, n: 40, k: 40, transA: false, transB: false, alpha: 1, beta: 0, pad: 0 },
  { m: 130, n: 97, k: 61, transA: false, transB: true, alpha: 1, beta: -1, pad: 1 },
  // 2mnk ≥ 4·10⁶: split into task tiles, so the thread counts below really share the work.
  { m: 203, n: 211, k: 59, transA: false, transB: false, alpha: 1, beta: 0.25, pad: 2 },
  { m: 161, n: 150, k: 270, transA: true, transB: true, alpha: -1, beta: 0, pad: 0 },
];

/** A problem as JSON for the child process (typed arrays as plain arrays). */
const asJson = (p: GemmProblem) => ({ ...p, a: Array.from(p.a), b: Array.from(p.b), c0: Array.from(p.c0) });
const PROBLEMS = CASES.map((c, i) => gemmProblem(c, 500 + i));

function withinBound(out: ArrayLike<number>, ref: Float64Array, bound: Float64Array): string | true {
  for (let i = 0; i < ref.length; i++) {
    if (!(Math.abs(out[i] - ref[i]) <= bound[i]))
      return `entry ${i}: got ${out[i]}, want ${ref[i]} ± ${bound[i]}`;
  }
  return true;
}

const same = (x: ArrayLike<number>, y: ArrayLike<number>): boolean =>
  x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));

/**
 * Runs in a child process (plain Node, the addon required directly) with NTK_NATIVE_ISA set: every problem
 * on 1, 2 and 3 threads, a SYRK against the full GEMM, and the two deliberately wrong calls.
 */
const CHILD = `
const K = require(process.argv[1]);
const { problems, syrk } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const gemm = (p, th, alpha = p.c.alpha, transB = p.c.transB) => {
  const out = Float64Array.from(p.c0);
  K.dgemm(p.c.transA, transB, p.c.m, p.c.n, p.c.k, alpha, Float64Array.from(p.a), p.c.pad, p.lda,
    Float64Array.from(p.b), p.c.pad, p.ldb, p.c.beta, out, p.c.pad, p.ldc, th);
  return out;
};
const same = (x, y) => Buffer.compare(Buffer.from(x.buffer), Buffer.from(y.buffer)) === 0;
const results = problems.map((p) => {
  const t1 = gemm(p, 1);
  return { out: Array.from(t1), threadsSame: same(t1, gemm(p, 2)) && same(t1, gemm(p, 3)) };
});
const s = problems[syrk.wrong];
const wrongAlpha = Array.from(gemm(s, 1, s.c.alpha * (1 + 1e-9)));
const wrongTrans = Array.from(gemm(s, 1, s.c.alpha, !s.c.transB));
const { n, k } = syrk;
const a = Float64Array.from({ length: n * k }, (_, i) => Math.sin(i + 1));
const c0 = Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
const full = c0.slice();
K.dgemm(false, true, n, n, k, -0.5, a, 0, k, a, 0, k, 2, full, 0, n, 1);
let syrkSame = true;
for (const th of [1, 2, 3]) {
  const low = c0.slice();
  K.dsyrk(n, k, -0.5, a, 0, k, 2, low, 0, n, th);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (!Object.is(low[i * n + j], j <= i ? full[i * n + j] : c0[i * n + j])) syrkSame = false;
}
const np = 300;
const g = Float64Array.from({ length: np * 40 }, (_, i) => Math.sin(i * 0.7 + 1));
const spd = new Float64Array(np * np);
K.dgemm(false, true, np, np, 40, 1 / 40, g, 0, 40, g, 0, 40, 0, spd, 0, np, 1);
for (let i = 0; i < np; i++) spd[i * np + i] += 1;
K.dpotrf(np, spd, 0, np, 64, 2, new Float64Array(2));
const potrf = Array.from(spd);
process.stdout.write(JSON.stringify({ isa: K.gemmIsa(), results, wrongAlpha, wrongTrans, syrkSame, potrf }));
`;

/** The square 40×40×40 problem, used for the negative controls (a transposed operand changes the product). */
const WRONG = CASES.findIndex((c) => c.m === 40 && c.n === 40 && c.k === 40);

interface ChildOut {
  readonly isa: string;
  readonly results: readonly { readonly out: number[]; readonly threadsSame: boolean }[];
  readonly wrongAlpha: number[];
  readonly wrongTrans: number[];
  readonly syrkSame: boolean;
  /** Cholesky factor (n = 300, block 64) of a fixed SPD matrix built with this path's GEMM. */
  readonly potrf: number[];
}

const ORDER = ['generic', 'avx2', 'avx512'];

describe.skipIf(!NATIVE)('native GEMM on every instruction-set path (child processes)', () => {
  const refs = PROBLEMS.map(gemmReference);
  const best = ORDER.indexOf(nativeStatus().isa ?? 'generic');
  const outputs = new Map<string, ChildOut>();
  for (const isa of ORDER) {
    it(`should stay within the forward-error bound, be thread-count invariant and catch wrong calls (${isa})`, () => {
      const wrong = WRONG;
      const r = spawnSync(process.execPath, ['-e', CHILD, ADDON], {
        input: JSON.stringify({ problems: PROBLEMS.map(asJson), syrk: { n: 150, k: 37, wrong } }),
        env: { ...process.env, NTK_NATIVE_ISA: isa },
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as ChildOut;
      outputs.set(out.isa, out);
      // The path actually taken: the requested one, capped by what this CPU supports.
      expect(out.isa).toBe(ORDER[Math.min(ORDER.indexOf(isa), best)]);
      out.results.forEach((res, i) => {
        expect({ i, check: withinBound(res.out, refs[i].ref, refs[i].bound) }).toEqual({ i, check: true });
        expect({ i, threadsSame: res.threadsSame }).toEqual({ i, threadsSame: true });
      });
      expect(out.syrkSame).toBe(true);
      // Negative controls: the same checker rejects a wrong α and a transposed operand.
      expect(withinBound(out.wrongAlpha, refs[wrong].ref, refs[wrong].bound)).not.toBe(true);
      expect(withinBound(out.wrongTrans, refs[wrong].ref, refs[wrong].bound)).not.toBe(true);
    });
  }

  it.skipIf(best < 2)(
    'should give the same bits on avx2 and avx512 (same FMA chain per entry, same KC)',
    () => {
      const [x, y] = [outputs.get('avx2'), outputs.get('avx512')];
      expect(x !== undefined && y !== undefined).toBe(true);
      x?.results.forEach((res, i) => {
        expect({ i, same: same(res.out, y?.results[i].out ?? []) }).toEqual({ i, same: true });
      });
      expect(same(x?.potrf ?? [], y?.potrf ?? [1])).toBe(true); // GEMM, SYRK and substitutions alike
      // ...while the generic path (mul + add, no FMA) rounds differently on some entry.
      const g = outputs.get('generic');
      expect(g?.results.some((res, i) => !same(res.out, x?.results[i].out ?? []))).toBe(true);
    },
  );
});

describe.skipIf(!NATIVE)('native backend selection', () => {
  it('should be the default backend and the Gram GEMM (on the calling thread, 256 rows per call at n2 = 128)', () => {
    const saved = process.env.NTK_BACKEND;
    delete process.env.NTK_BACKEND;
    try {
      expect(resolveBackend('f')).toBe('native');
      expect(gramGemm(64, 128)).toEqual({ gemm: nativeDgemmSerial, rows: 256, transB: true });
    } finally {
      if (saved !== undefined) process.env.NTK_BACKEND = saved;
    }
  });
});

/** SPD matrix X·Xᵀ/d + shift·I (full storage). */
function spd(n: number, seed: number, shift: number): Float64Array {
  const rng = createRng(seed);
  const d = 24;
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const a = new Float64Array(n * n);
  getKernel('dgemm', 'js')(false, true, n, n, d, 1 / d, x, 0, d, x, 0, d, 0, a, 0, n);
  for (let i = 0; i < n; i++) a[i * n + i] += shift;
  return a;
}

describe.skipIf(!NATIVE)('native Cholesky and triangular solves', () => {
  const n = 600; // > 2 block columns of 256: panel tasks and threaded SYRK updates run
  const a0 = spd(n, 3, 0.5);

  it('should give bit-identical factors on 1, 2 and 3 threads, agreeing with js to 1e-12·max|L|', () => {
    const run = (th: number, nb: number) => {
      const a = a0.slice();
      const out = new Float64Array(2);
      K.dpotrf(n, a, 0, n, nb, th, out);
      expect(out[0]).toBe(-1);
      return a;
    };
    for (const nb of [256, 64]) {
      const one = run(1, nb);
      expect(same(run(2, nb), one)).toBe(true);
      expect(same(run(3, nb), one)).toBe(true);
      const js = a0.slice();
      getKernel('dpotrf', 'js')(n, js, 0, n);
      let max = 0;
      let worst = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) {
          max = Math.max(max, Math.abs(js[i * n + j]));
          worst = Math.max(worst, Math.abs(js[i * n + j] - one[i * n + j]));
        }
      expect(worst).toBeLessThanOrEqual(1e-12 * max);
    }
  });

  it('should report the same failing pivot as js, in a later block column and for NaN', () => {
    for (const [row, value] of [
      [450, -3],
      [3, Number.NaN],
    ] as const) {
      const a = a0.slice();
      a[row * n + row] = value;
      const js = getKernel('dpotrf', 'js')(n, a.slice(), 0, n);
      const nat = getKernel('dpotrf', 'native')(n, a.slice(), 0, n);
      expect(js.info).toBe(row);
      expect(nat.info).toBe(row);
      if (Number.isNaN(value)) expect(nat.minPivot).toBeNaN();
      else expect(Math.abs(nat.minPivot - js.minPivot)).toBeLessThan(1e-12 * Math.abs(js.minPivot));
    }
  });

  it('should solve L·X = B and Lᵀ·X = B within γ_{n+3}·|L||X| (each column), bit-identical on 1, 2, 3 threads', () => {
    const m = 300;
    const l = spd(m, 4, 0.5);
    const out = new Float64Array(2);
    K.dpotrf(m, l, 0, m, 256, 1, out); // L in the lower triangle (the upper one is never read)
    const rng = createRng(9);
    for (const k of [1, 150]) {
      const b = new Float64Array(m * k);
      for (let i = 0; i < b.length; i++) b[i] = rng.normal();
      for (const trans of [false, true]) {
        const solve = (th: number) => {
          const x = b.slice();
          K.dtrsm(trans, m, k, l, 0, m, x, 0, k, th);
          return x;
        };
        const x = solve(1);
        expect(same(solve(2), x)).toBe(true);
        expect(same(solve(3), x)).toBe(true);
        const check = (xs: Float64Array) => residualOk(trans, m, k, l, xs, b);
        expect(check(x)).toBe(true);
        // Negative control: one wrong entry of X is caught by the same residual check.
        const bad = x.slice();
        bad[(m >> 1) * k] *= 1 + 1e-8;
        expect(check(bad)).not.toBe(true);
      }
    }
  });
});

/**
 * Componentwise residual |B − op(L)·X| ≤ 2γ_{m+3}·|op(L)||X| + tiny: substitution in any summation order
 * (blocked GEMM updates included) has backward error γ_{m+1}|L| per row, and the residual's own naive
 * evaluation adds at most γ_{m+1}|L||X|.
 */
function residualOk(
  trans: boolean,
  m: number,
  k: number,
  l: Float64Array,
  x: Float64Array,
  b: Float64Array,
): true | string {
  const g = 2 * (m + 3) * Number.EPSILON * 2;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      let sAbs = 0;
      const lo = trans ? i : 0;
      const hi = trans ? m - 1 : i;
      for (let p = lo; p <= hi; p++) {
        const lv = trans ? l[p * m + i] : l[i * m + p];
        s += lv * x[p * k + j];
        sAbs += Math.abs(lv * x[p * k + j]);
      }
      const r = Math.abs(b[i * k + j] - s);
      if (!(r <= g * sAbs + Number.MIN_VALUE)) return `row ${i} col ${j}: residual ${r} > ${g * sAbs}`;
    }
  }
  return true;
}
