/**
 * Runs bin/ntk.mjs as a real subprocess (the way users and Python scripts call it): from the TypeScript
 * sources through tsx, as on a fresh clone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { readNpy } from '../../../src/io/readNpy.ts';
import { writeNpy } from '../../../src/io/writeNpy.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { allClose } from '../../helpers/allClose.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ntk-bin-'));
const ntk = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin', 'ntk.mjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NTK_CLI_FROM_SOURCE: '1' },
    timeout: 60_000,
  });

describe('bin/ntk.mjs (subprocess)', () => {
  it('should compute a kernel from a .npy file and write a .npy that reads back', () => {
    const x = uniformSphere(5, 3, { seed: 9 });
    writeNpy(join(dir, 'X.npy'), x);
    const r = ntk('kernel', '--x', 'X.npy', '--out', 'K.npy');
    expect(r.status, r.stderr).toBe(0);
    const K = readNpy(join(dir, 'K.npy'));
    expect(K.shape).toEqual([5, 5]);
    expect(allClose(K.data, fcReluKernel()(x).ntk.data, { rtol: 0, atol: 0 })).toEqual({ ok: true });
  });

  it('should exit 2 with a single line and no stack trace for a missing file', () => {
    const r = ntk('kernel', '--x', 'nope.npy');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ntk kernel: --x nope.npy: file not found\n');
    expect(r.stdout).toBe('');
  });
});

describe('bin/ntk.mjs from outside the repository (issue 12)', () => {
  it('should run by absolute path from a directory outside the clone, and be the second bin name', () => {
    const outside = mkdtempSync(join(tmpdir(), 'ntk-outside-'));
    expect(outside.startsWith(root)).toBe(false);
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin', 'ntk.mjs'), 'data', 'circle', '--n', '4'].concat(['--x-out', 'c.npy', '--json']),
      { cwd: outside, encoding: 'utf8', env: { ...process.env, NTK_CLI_FROM_SOURCE: '1' }, stdio: 'pipe' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'data', train: { rows: 4, cols: 2 } });
    expect(readNpy(join(outside, 'c.npy')).shape).toEqual([4, 2]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.bin['ntk-toolkit']).toBe(pkg.bin.ntk);
  });

  it('should keep the docs and Python examples off `npx ntk` inside scripts (npx implies --yes without a TTY)', () => {
    for (const f of ['docs/getting-started.md', 'examples/python/ntk_from_python.py', 'README.md']) {
      const text = readFileSync(join(root, f), 'utf8');
      expect(text, f).not.toMatch(/\[\s*['"]npx['"]\s*,\s*['"]ntk['"]/);
    }
  });
});
