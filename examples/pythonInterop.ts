/**
 * Calling the toolkit from Python research code: exchange arrays as NumPy `.npy` files and drive the
 * `ntk` command line.
 *
 * 1. write inputs as .npy (here from TypeScript; in practice `np.save` in a notebook),
 * 2. run `ntk kernel`, `ntk regress` and `ntk adv-train` as subprocesses (as Python's `subprocess.run` would),
 * 3. read the results back and check them against direct library calls,
 * 4. if python3 with NumPy is installed, read the same files from Python (optional; never required).
 *
 * Run: npx tsx examples/pythonInterop.ts   (NTK_EXAMPLE_QUICK=1 for a fast run)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { circlePoints } from '../src/data/circlePoints.ts';
import { uniformSphere } from '../src/data/uniformSphere.ts';
import { readArray } from '../src/io/readArray.ts';
import { readNpy } from '../src/io/readNpy.ts';
import { writeNpy } from '../src/io/writeNpy.ts';
import { fcReluKernel } from '../src/kernels/fcReluKernel.ts';
import { fitKernelRegression } from '../src/regression/fitKernelRegression.ts';

const quick = process.env.NTK_EXAMPLE_QUICK === '1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'ntk-python-interop-'));
const p = (name: string): string => join(dir, name);

/** Runs `node bin/ntk.mjs …` like `subprocess.run(['node', 'bin/ntk.mjs', …], check=True)`; prints what it printed. */
function ntk(...args: string[]): string {
  console.log(`$ ntk ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [join(root, 'bin', 'ntk.mjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`ntk ${args[0]} exited with ${r.status}: ${r.stderr}`);
  process.stdout.write(r.stdout.replace(/^(?=.)/gm, '  '));
  return r.stdout;
}

// 1. Inputs on the unit sphere, labels from the sign of the first coordinate.
const n = quick ? 40 : 200;
const x = uniformSphere(n, 5, { seed: 1 });
const xTest = uniformSphere(quick ? 10 : 50, 5, { seed: 2 });
const y = Float64Array.from({ length: n }, (_, i) => Math.sign(x.data[i * 5]));
writeNpy(p('X.npy'), x);
writeNpy(p('y.npy'), y);
writeNpy(p('T.npy'), xTest);
console.log(`wrote X.npy [${n}, 5], y.npy [${n}], T.npy [${xTest.rows}, 5] to ${dir}\n`);

// 2. Kernel and regression through the CLI.
ntk('kernel', '--x', 'X.npy', '--depth', '2', '--b-std', '0.1', '--out', 'K.npy');
const summary = JSON.parse(
  ntk(
    'regress',
    '--x',
    'X.npy',
    '--y',
    'y.npy',
    '--x-test',
    'T.npy',
    '--depth',
    '2',
    '--b-std',
    '0.1',
    '--diag-reg',
    '1e-6',
    '--out',
    'f.npy',
    '--json',
  ),
);

// 3. Read back and compare with the library called directly.
const kernel = fcReluKernel({ depth: 2, bStd: 0.1 });
const K = readNpy(p('K.npy'));
const kDirect = kernel(x).ntk.data;
let maxDiff = 0;
for (let i = 0; i < K.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(K.data[i] - kDirect[i]));
const f = readArray(p('f.npy')).data;
const fDirect = fitKernelRegression(kernel, x, y, { diagReg: { value: 1e-6 } }).predict(xTest).data;
let maxPredDiff = 0;
for (let i = 0; i < f.length; i++) maxPredDiff = Math.max(maxPredDiff, Math.abs(f[i] - fDirect[i]));
console.log(`\nK.npy: shape [${K.shape.join(', ')}], dtype ${K.dtype}; max |K_cli − K_lib| = ${maxDiff}`);
console.log(
  `f.npy: ${f.length} predictions, ridge ${summary.ridge.toExponential(3)}; max |f_cli − f_lib| = ${maxPredDiff}`,
);
if (maxDiff !== 0 || maxPredDiff > 1e-12) throw new Error('CLI and library disagree');

// Adversarial training from the shell: 8 points on the circle, caps of 0.2 rad, as in check C11.
const circle = circlePoints(8);
writeNpy(p('Xc.npy'), circle.x);
writeNpy(p('yc.npy'), circle.y);
console.log('');
ntk(
  'adv-train',
  '--x',
  'Xc.npy',
  '--y',
  'yc.npy',
  '--width',
  quick ? '100' : '1000',
  '--activation',
  'softplus',
  '--set',
  'cap',
  '--radius',
  '0.2',
  '--steps',
  '2',
  '--learning-rate',
  '0.5',
  '--iterations',
  quick ? '30' : '300',
  '--ball-radius',
  '8',
  '--model-out',
  'net.json',
  '--history-out',
  'hist.csv',
);
const hist = readArray(p('hist.csv'));
console.log(`hist.csv: ${hist.shape[0]} iterations × ${hist.shape[1]} columns`);

// 4. Optional: the Python side.
const py = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
if (py.status === 0) {
  console.log('\n$ python3 examples/python/read_results.py DIR');
  const r = spawnSync('python3', [join(root, 'examples', 'python', 'read_results.py'), dir], {
    encoding: 'utf8',
  });
  process.stdout.write(
    r.status === 0 ? r.stdout : `  (python side failed: ${r.stderr.trim().split('\n').pop()})\n`,
  );
} else {
  console.log(
    '\n(python3 with NumPy not found: skipping the Python side; in Python, np.load(path) reads every .npy above)',
  );
}
