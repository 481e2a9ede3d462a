/**
 * Native backend against NumPy/SciPy (OpenBLAS) in the same run: DGEMM C = A·B (GFLOP/s = 2n³/t) and Cholesky
 * (n³/3/t) on 1 and 2 threads, ntk and the peer alternating, median of `reps` (default 3). Each peer figure is
 * one fresh `python3` process with OPENBLAS_NUM_THREADS set (timed inside Python, after a warm-up call); the
 * Cholesky peers factor the same SPD matrix G·Gᵀ/64 + I (G n×64 from a shared .npy). Prints Markdown tables
 * and the load average before and after; on 1 thread also the rate per CPU-second of each side (`(cpu)`
 * columns, less sensitive to other jobs on a shared machine). Optional: skips the peer columns when NumPy/SciPy are missing.
 *
 *   npx tsx bench/native.peer.ts gemm 1024 2048
 *   npx tsx bench/native.peer.ts chol 2048 4096 8192
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativeStatus } from '../src/backend/native/loader.ts';
import { getKernel } from '../src/backend/registry.ts';
import { writeNpy } from '../src/io/writeNpy.ts';
import { setTeamThreads } from '../src/parallel/team.ts';
import { createRng } from '../src/random/rng.ts';

const mode = process.argv[2] ?? 'gemm';
const sizes = process.argv.slice(3).map(Number);
const reps = Number(process.env.BENCH_REPS ?? 3);
if (!nativeStatus().available) {
  console.log(`native backend unavailable (${nativeStatus().reason}); nothing to measure`);
  process.exit(0);
}
const env = { ...process.env };
delete env.OPENBLAS_CORETYPE;
delete env.OPENBLAS_L2_SIZE;
const dir = mkdtempSync(join(tmpdir(), 'ntk-native-peer-'));

const PY_GEMM = `import numpy as np, sys, time
n = int(sys.argv[1]); rng = np.random.default_rng(0)
a = rng.uniform(-1, 1, (n, n)); b = rng.uniform(-1, 1, (n, n)); a @ b
t = time.perf_counter(); c = time.process_time(); a @ b; print("numpy", time.perf_counter() - t)
if int(sys.argv[2]) == 1: print("numpy(cpu)", time.process_time() - c)`;
const PY_CHOL = `import numpy as np, sys, time
g = np.load(sys.argv[1]); a0 = g @ g.T / g.shape[1]; a0[np.diag_indices_from(a0)] += 1
np.linalg.cholesky(a0[:256, :256])
a = a0.copy(); t = time.perf_counter(); c = time.process_time(); np.linalg.cholesky(a); print("numpy", time.perf_counter() - t)
if int(sys.argv[2]) == 1: print("numpy(cpu)", time.process_time() - c)
try:
    import scipy.linalg as sl
    sl.cholesky(a0[:256, :256], lower=True)
    a = a0.copy(); t = time.perf_counter(); sl.cholesky(a, lower=True, overwrite_a=True, check_finite=False)
    print("scipy", time.perf_counter() - t)
except ImportError:
    pass`;

/** One Python process; returns { numpy: s, scipy?: s } or undefined when Python/NumPy is missing. */
function peer(code: string, args: string[], threads: number): Record<string, number> | undefined {
  const r = spawnSync('python3', ['-c', code, ...args], {
    env: { ...env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) },
    encoding: 'utf8',
  });
  if (r.status !== 0) return undefined;
  const out: Record<string, number> = {};
  for (const line of r.stdout.trim().split('\n')) {
    const [k, v] = line.split(' ');
    out[k] = Number(v);
  }
  return out;
}

/** CPU seconds of this process since `u0` (1-thread runs: robust to other jobs taking the core). */
const cpuSeconds = (u0: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(u0);
  return (d.user + d.system) / 1e6;
};

const median = (v: number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
};

function table(
  title: string,
  flops: (n: number) => number,
  run: (n: number, t: number) => Record<string, number>,
) {
  const load0 = loadavg()[0];
  const rows: string[] = [];
  let cols: string[] = [];
  for (const n of sizes) {
    const times: Record<string, number[]> = {};
    for (let r = 0; r < reps; r++) {
      for (const t of [1, 2]) {
        for (const [k, v] of Object.entries(run(n, t)))
          times[`${k} ${t}T`] = [...(times[`${k} ${t}T`] ?? []), v];
      }
    }
    cols = Object.keys(times);
    rows.push(`| ${n} | ${cols.map((c) => (flops(n) / median(times[c]) / 1e9).toFixed(1)).join(' | ')} |`);
  }
  console.log(
    `\n${title} (GFLOP/s, median of ${reps}; load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)})\n`,
  );
  console.log(`| n | ${cols.join(' | ')} |`);
  console.log(`|---:|${cols.map(() => '---:').join('|')}|`);
  for (const r of rows) console.log(r);
}

if (mode === 'gemm') {
  const dgemm = getKernel('dgemm', 'native');
  table(
    'DGEMM C = A·B',
    (n) => 2 * n ** 3,
    (n, t) => {
      const rng = createRng(n);
      const a = new Float64Array(n * n);
      const b = new Float64Array(n * n);
      for (let i = 0; i < a.length; i++) {
        a[i] = rng.uniform() * 2 - 1;
        b[i] = rng.uniform() * 2 - 1;
      }
      const c = new Float64Array(n * n);
      setTeamThreads(t);
      dgemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n); // warm-up (pool start, scratch)
      const t0 = performance.now();
      const u0 = process.cpuUsage();
      dgemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n);
      const out: Record<string, number> = { ntk: (performance.now() - t0) / 1000 };
      if (t === 1) out['ntk(cpu)'] = cpuSeconds(u0);
      return { ...out, ...(peer(PY_GEMM, [String(n), String(t)], t) ?? {}) };
    },
  );
} else {
  const dgemm = getKernel('dgemm', 'native');
  const potrf = getKernel('dpotrf', 'native');
  table(
    'Cholesky (lower, in place)',
    (n) => n ** 3 / 3,
    (n, t) => {
      const d = 64;
      const rng = createRng(n);
      const g = new Float64Array(n * d);
      rng.fillNormal(g);
      const file = join(dir, `G${n}.npy`);
      writeNpy(file, { rows: n, cols: d, data: g });
      const a0 = new Float64Array(n * n);
      dgemm(false, true, n, n, d, 1 / d, g, 0, d, g, 0, d, 0, a0, 0, n);
      for (let i = 0; i < n; i++) a0[i * n + i] += 1;
      setTeamThreads(t);
      potrf(256, a0.slice(0, 256 * n), 0, n); // warm-up
      const a = a0.slice();
      const t0 = performance.now();
      const u0 = process.cpuUsage();
      const info = potrf(n, a, 0, n);
      const s = (performance.now() - t0) / 1000;
      if (info.info !== -1) throw new Error(`not SPD? info ${info.info}`);
      const out: Record<string, number> = { ntk: s };
      if (t === 1) out['ntk(cpu)'] = cpuSeconds(u0);
      return { ...out, ...(peer(PY_CHOL, [file, String(t)], t) ?? {}) };
    },
  );
}
