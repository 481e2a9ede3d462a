/**
 * Cholesky GFLOP/s (n³/3 per factor) of the WASM-SIMD `dpotrf` on the worker team and of the native one (when
 * the addon is built), each on 1 and 2 threads, against NumPy's `numpy.linalg.cholesky` and SciPy's
 * `scipy.linalg.cholesky` (OpenBLAS LAPACK, all threads) on the same SPD matrix, alternating, median of 3.
 * `bench/native.peer.ts chol` compares the native factor with 1- and 2-thread peers.
 *
 *   npx tsx bench/cholesky.peer.ts 8192
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getKernel, isBackendAvailable } from '../src/backend/registry.ts';
import { writeNpy } from '../src/io/writeNpy.ts';
import { closeTeam, setTeamThreads, startTeam } from '../src/parallel/team.ts';
import { createRng } from '../src/random/rng.ts';

const n = Number(process.argv[2] ?? 4096);
const d = 64;
const rng = createRng(1);
const g = new Float64Array(n * d);
rng.fillNormal(g);
const a0 = new Float64Array(n * n);
getKernel('dgemm', 'wasm-simd')(false, true, n, n, d, 1 / d, g, 0, d, g, 0, d, 0, a0, 0, n);
for (let i = 0; i < n; i++) a0[i * n + i] += 1;
const dir = mkdtempSync(join(tmpdir(), 'ntk-chol-'));
writeNpy(join(dir, 'A.npy'), { rows: n, cols: n, data: a0 });
const env = { ...process.env };
delete env.OPENBLAS_CORETYPE;
delete env.OPENBLAS_L2_SIZE;
const py = `import numpy as np, time, sys
a = np.load(sys.argv[1]); t = time.perf_counter(); np.linalg.cholesky(a); print(time.perf_counter() - t)
try:
    import scipy.linalg as sl
    t = time.perf_counter(); sl.cholesky(a, lower=True, overwrite_a=True, check_finite=False); print(time.perf_counter() - t)
except ImportError:
    pass`;
const potrf = getKernel('dpotrf', 'wasm-simd');
const gf = (t: number) => n ** 3 / 3 / t / 1e9;
const native = isBackendAvailable('native') ? getKernel('dpotrf', 'native') : undefined;
const res: Record<string, number[]> = { 'ntk 1 thread': [], 'ntk 2 threads': [], numpy: [] };
await startTeam();
for (let r = 0; r < 3; r++) {
  for (const t of [1, 2]) {
    setTeamThreads(t);
    const a = a0.slice();
    const t0 = performance.now();
    potrf(n, a, 0, n);
    res[`ntk ${t} thread${t > 1 ? 's' : ''}`].push((performance.now() - t0) / 1000);
    if (native !== undefined) {
      const b = a0.slice();
      const t1 = performance.now();
      native(n, b, 0, n);
      const key = `native ${t} thread${t > 1 ? 's' : ''}`;
      res[key] = [...(res[key] ?? []), (performance.now() - t1) / 1000];
    }
  }
  const out = spawnSync('python3', ['-c', py, join(dir, 'A.npy')], { env });
  const [tn, ts] = out.stdout.toString().trim().split('\n').map(Number);
  res.numpy.push(tn);
  if (ts !== undefined) res.scipy = [...(res.scipy ?? []), ts];
}
const med = (v: number[]) => [...v].sort((x, y) => x - y)[1];
console.log(
  `| Cholesky n=${n} | ${Object.entries(res)
    .map(([k, v]) => `${k} ${gf(med(v)).toFixed(1)} GFLOP/s`)
    .join(' | ')} | ntk(2)/numpy time ${(med(res['ntk 2 threads']) / med(res.numpy)).toFixed(2)}× |`,
);
await closeTeam();
