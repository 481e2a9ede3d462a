/**
 * One timing of the NTK Gram matrix, depth 3, d = 64 (`fcReluKernel({ depth: 3 })`, symmetric, seeded
 * uniform rows) on `threads` threads of the worker team, printing which layer recursion ran (native, wasm,
 * js: see src/kernels/recursionChoice.ts). Arguments: n (4096), threads (1), d (64). One configuration per
 * process, so that a driver can alternate recursions in the same run:
 * `NTK_NATIVE=0 npx tsx bench/kernels.recursion.ts 8192 2` (WASM),
 * `NTK_NATIVE=0 NTK_RECURSION_BENCH=js npx tsx bench/kernels.recursion.ts 8192 2` (JavaScript in the calling
 * thread only: use 1 thread), or without `NTK_NATIVE=0` for the native recursion.
 */
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { withRecursion } from '../src/kernels/recursionChoice.ts';
import { recursionInUse } from '../src/kernels/recursionInUse.ts';
import { closeTeam, setTeamThreads, startTeam } from '../src/parallel/team.ts';
import { seededMatrix } from './backend.gflops.ts';

const n = Number(process.argv[2] ?? 4096);
const threads = Number(process.argv[3] ?? 1);
const d = Number(process.argv[4] ?? 64);
const forceJs = process.env.NTK_RECURSION_BENCH === 'js';
setTeamThreads(threads);
await startTeam();
const k = fcReluKernel({ depth: 3 });
const x = { rows: n, cols: d, data: seededMatrix(n, d, 3) };
const run = () => (forceJs ? withRecursion('js', () => k(x)) : k(x));
k({ rows: 64, cols: d, data: seededMatrix(64, d, 4) }); // warm-up: module compilation, JIT
const t0 = performance.now();
const out = run();
const seconds = (performance.now() - t0) / 1000;
const recursion = forceJs ? 'js' : recursionInUse();
console.log(
  JSON.stringify({ n, threads, recursion, seconds: Number(seconds.toFixed(3)), k00: out.ntk.data[1] }),
);
await closeTeam();
