/**
 * Whole-process comparison of `ntk adv-train` with its PyTorch peer (bench/advtrain_peer.py) on the issue-10
 * workload: adversarial training of the two-layer ReLU net with PGD-10 on the ℓ₂ ball, n = 1000, d = 64,
 * m = 4096, T epochs (default 10), logistic loss, projection onto B(W₀, R), no robust-loss estimate.
 * Runs ntk and the peer alternately (PEER_REPS, default 3), prints medians (whole process, and the training
 * time each reports) and the ratio, then checks that both did the same work: same history and final weights
 * within the tolerance derived below. The peer is optional (skipped when PyTorch is missing).
 *
 *   npx tsx bench/advtrain.peers.ts                    # m = 4096, T = 10, peer with 1 thread
 *   PEER_THREADS=2 npx tsx bench/advtrain.peers.ts     # peer with 2 threads (ntk uses its default)
 *   npx tsx bench/advtrain.peers.ts 1024 3             # m = 1024, T = 3
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNpy } from '../src/io/readNpy.ts';
import { writeNpy } from '../src/io/writeNpy.ts';
import { twoLayerNet } from '../src/nn/twoLayerNet.ts';
import { createRng } from '../src/random/rng.ts';

const m = Number(process.argv[2] ?? 4096);
const T = Number(process.argv[3] ?? 10);
const n = 1000;
const d = 64;
const steps = 10;
const radius = 0.1;
const learningRate = 0.5;
const ballRadius = 4;
const reps = Number(process.env.PEER_REPS ?? 3);
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ntk-advtrain-'));
const sysPython = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const file = (name: string) => join(dir, name);

// Inputs on the unit sphere, labels from a fixed direction; the toolkit's Gaussian initialisation (INIT=symmetric
// for the paper's: there f(W₀, ·) ≡ 0, so the first attack steps along the rounding residue of a gradient that is
// exactly zero, a direction each implementation rounds differently, and the same-work check is meaningless).
const rng = createRng(n);
const x = new Float64Array(n * d);
const y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  let s = 0;
  for (let j = 0; j < d; j++) {
    x[i * d + j] = rng.normal();
    s += x[i * d + j] ** 2;
  }
  for (let j = 0; j < d; j++) x[i * d + j] /= Math.sqrt(s);
  y[i] = x[i * d] + 0.3 * x[i * d + 1] >= 0 ? 1 : -1;
}
const netSeed = 7;
const init = process.env.INIT === 'symmetric' ? 'symmetric' : 'gaussian';
const net = twoLayerNet({ inputDim: d, width: m, activation: 'relu', init, seed: netSeed });
writeNpy(file('X.npy'), { rows: n, cols: d, data: x });
writeNpy(file('y.npy'), y);
writeNpy(file('W0.npy'), net.W);
writeNpy(file('a.npy'), net.a);

const ntkArgs = [
  join(root, 'bin/ntk.mjs'),
  'adv-train',
  ...['--x', file('X.npy'), '--y', file('y.npy'), '--width', String(m), '--init', init],
  ...['--net-seed', String(netSeed), '--set', 'l2', '--radius', String(radius), '--steps', String(steps)],
  ...['--loss', 'logistic', '--learning-rate', String(learningRate), '--iterations', String(T)],
  ...['--ball-radius', String(ballRadius), '--robust-every', '0', '--json'],
  ...['--model-out', file('ntk.json'), '--history-out', file('ntkHist.npy')],
];
const peerArgs = [
  join(root, 'bench/advtrain_peer.py'),
  ...[file('X.npy'), file('y.npy'), file('W0.npy'), file('a.npy')],
  ...[String(steps), String(radius), String(learningRate), String(T), String(ballRadius)],
  ...[file('peerW.npy'), file('peerHist.npy')],
];

// The ntk side runs the compiled CLI (bin/ntk.mjs falls back to transpiling the sources, which would time tsx).
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
const gnuTime = existsSync('/usr/bin/time');

/**
 * Whole-process seconds, the training seconds the process reports and its CPU seconds (user + system, from
 * /usr/bin/time; NaN without it), or null when the peer is missing.
 */
function run(
  cmd: string,
  args: string[],
  inner: (stdout: string) => number,
): [number, number, number] | null {
  const cpuFile = file('cpu.txt');
  const [c, a] = gnuTime ? ['/usr/bin/time', ['-f', '%U %S', '-o', cpuFile, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(c, a, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const s = (performance.now() - t0) / 1000;
  if (r.status === 3) return null;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const cpu = gnuTime
    ? readFileSync(cpuFile, 'utf8')
        .trim()
        .split(/\s+/)
        .slice(-2)
        .reduce((p, q) => p + Number(q), 0)
    : Number.NaN;
  return [s, inner(r.stdout), cpu];
}
const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

console.log(
  `advtrain peers: n=${n} d=${d} m=${m} T=${T} PGD-${steps} l2 rho=${radius}, ${init} init; node ${process.version}; ` +
    `peer threads ${process.env.PEER_THREADS ?? 1}; NTK_THREADS ${process.env.NTK_THREADS ?? 'default'}; reps ${reps}`,
);
console.log(`load before: ${load()}`);
const times: Record<string, [number, number, number][]> = { ntk: [], torch: [] };
for (let r = 0; r < reps; r++) {
  const a = run('node', ntkArgs, (out) => JSON.parse(out).seconds as number);
  if (a !== null) times.ntk.push(a);
  const b = run(sysPython, peerArgs, (out) => Number(out.trim()));
  if (b !== null) times.torch.push(b);
  console.log(
    `rep ${r}: ntk ${a?.[0].toFixed(2)} s (training ${a?.[1].toFixed(2)} s, CPU ${a?.[2].toFixed(2)} s) | torch ` +
      `${b === null ? 'missing' : `${b[0].toFixed(2)} s (training ${b[1].toFixed(2)} s, CPU ${b[2].toFixed(2)} s)`} | load ${load()}`,
  );
}
const med = (k: string, i: 0 | 1 | 2) => median(times[k].map((t) => t[i]));
if (times.torch.length === 0) {
  console.log(`ntk ${med('ntk', 0).toFixed(2)} s; PyTorch missing (apt-get install python3-torch)`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
console.log(
  `| adversarial training PGD-10, n=${n}, d=${d}, m=${m}, T=${T} | ntk ${med('ntk', 0).toFixed(2)} s ` +
    `(training ${med('ntk', 1).toFixed(2)} s, CPU ${med('ntk', 2).toFixed(2)} s) | torch(${process.env.PEER_THREADS ?? 1} thr) ` +
    `${med('torch', 0).toFixed(2)} s (training ${med('torch', 1).toFixed(2)} s, CPU ${med('torch', 2).toFixed(2)} s) | ` +
    `ntk/torch = ${(med('ntk', 0) / med('torch', 0)).toFixed(2)}× whole process, ` +
    `${(med('ntk', 1) / med('torch', 1)).toFixed(2)}× training |`,
);

// Same work. Every stage of an iteration (GEMMs with inner dimension ≤ m, row norms of length d, the
// elementwise ReLU terms) has a forward error ≤ γ_m = m·u/(1 − m·u) relative to the sums of absolute
// values (u = 2⁻⁵³); an epoch chains about 2·(steps + 2) such stages and T + 1 epochs run, so a first-order
// bound on the relative difference of two correct implementations is 2(steps + 2)(T + 1)·γ_m (≈ 1.2e-10 for
// m = 4096, T = 10). We allow 10× that for the amplification through the normalised PGD steps; a sample
// whose ReLU pattern or best-candidate choice flips under rounding would exceed it (and is reported).
const u = 2 ** -53;
const gamma = (m * u) / (1 - m * u);
const tol = 10 * 2 * (steps + 2) * (T + 1) * gamma;
const ours = JSON.parse(readFileSync(file('ntk.json'), 'utf8')) as { params: number[] };
const theirs = readNpy(file('peerW.npy'));
const w0 = net.W.data;
let num = 0;
let den = 0;
for (let k = 0; k < m * d; k++) {
  num = Math.max(num, Math.abs(ours.params[k] - theirs.data[k]));
  den = Math.max(den, Math.abs(ours.params[k] - w0[k]));
}
const hOurs = readNpy(file('ntkHist.npy'));
const hPeer = readNpy(file('peerHist.npy'));
let lossDiff = 0;
for (let t = 0; t < T; t++) {
  for (const c of [1, 2, 3, 4]) {
    const p = hOurs.data[t * 6 + c];
    const q = hPeer.data[t * 5 + c];
    lossDiff = Math.max(lossDiff, Math.abs(p - q) / Math.max(Math.abs(q), 1e-300));
  }
}
const wRel = num / den;
console.log(
  `same work: max|W_T − W_T(torch)| / max|W_T − W₀| = ${wRel.toExponential(2)}, history (surrogate, clean, ` +
    `‖W−W₀‖, ‖∇‖) max rel diff = ${lossDiff.toExponential(2)}; tolerance ${tol.toExponential(2)} → ` +
    `${wRel <= tol && lossDiff <= tol ? 'SAME' : 'DIFFERENT'}`,
);
console.log(`load after: ${load()}`);
rmSync(dir, { recursive: true, force: true });
