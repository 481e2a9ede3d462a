import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { readArray } from '../../../src/io/readArray.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { appendBias } from '../../../src/kernels/appendBias.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import { allClose } from '../../helpers/allClose.ts';
import { oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-kernel-');
const x = uniformSphere(6, 3, { seed: 1 });
const z = uniformSphere(4, 3, { seed: 2 });

beforeAll(() => {
  writeArray(p('X.npy'), x);
  writeArray(p('Z.csv'), z);
  writeArray(p('W.json'), uniformSphere(2, 4, { seed: 3 }));
});

describe('ntk kernel', () => {
  it('should write the same NTK Gram matrix as fcReluKernel', async () => {
    const r = await runCli([
      'kernel',
      '--x',
      p('X.npy'),
      '--depth',
      '2',
      '--w-std',
      '1.5',
      '--b-std',
      '0.1',
      '--out',
      p('K.npy'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shape [6, 6]');
    const want = fcReluKernel({ depth: 2, wStd: 1.5, bStd: 0.1 })(x).ntk;
    const got = readArray(p('K.npy'));
    expect(got.shape).toEqual([6, 6]);
    expect(allClose(got.data, want.data, { rtol: 0, atol: 0 })).toEqual({ ok: true });
  });

  it('should compute a cross kernel from a CSV file and report JSON', async () => {
    const r = await runCli([
      'kernel',
      '--x',
      p('X.npy'),
      '--x2',
      p('Z.csv'),
      '--get',
      'nngp',
      '--out',
      p('Kxz.json'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      command: 'kernel',
      get: 'nngp',
      shape: [6, 4],
      depth: 1,
      out: p('Kxz.json'),
    });
    const want = fcReluKernel()(x, z).nngp;
    expect(allClose(readArray(p('Kxz.json')).data, want.data, { rtol: 1e-15 })).toEqual({ ok: true });
  });

  it('should use the two-layer paper kernel with a bias coordinate', async () => {
    const r = await runCli([
      'kernel',
      '--x',
      p('X.npy'),
      '--kernel',
      'two-layer',
      '--activation',
      'relu2',
      '--train',
      'both',
      '--append-bias',
      '--out',
      p('H.npy'),
    ]);
    expect(r.code).toBe(0);
    const want = twoLayerNtk({ activation: 'relu2', train: 'both' })(appendBias(x)).ntk;
    expect(allClose(readArray(p('H.npy')).data, want.data, { rtol: 1e-15 })).toEqual({ ok: true });
  });

  it('should print the matrix as CSV when --out is absent', async () => {
    const r = await runCli(['kernel', '--x', p('X.npy')]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(6);
    expect(Number(r.stdout.split(',')[0])).toBe(fcReluKernel()(x).ntk.data[0]);
  });

  it('should fail with exit 2 and one line for a missing file, shape mismatch, wrong flags or bad values', async () => {
    expect(oneLineError(await runCli(['kernel', '--x', p('missing.npy')]))).toBe(
      `ntk kernel: --x ${p('missing.npy')}: file not found`,
    );
    expect(oneLineError(await runCli(['kernel', '--x', p('X.npy'), '--x2', p('W.json')]))).toContain(
      '--x and --x2 must have the same number of columns (got 3 and 4)',
    );
    expect(
      oneLineError(await runCli(['kernel', '--x', p('X.npy'), '--kernel', 'two-layer', '--depth', '2'])),
    ).toContain('--depth applies to --kernel fc-relu only');
    expect(oneLineError(await runCli(['kernel', '--x', p('X.npy'), '--w-std', 'abc']))).toContain(
      'must be a finite number',
    );
    expect(oneLineError(await runCli(['kernel', '--x', p('X.npy'), '--w-std', '-1']))).toContain('wStd');
    expect(oneLineError(await runCli(['kernel', '--x', p('X.npy'), '--out', p('K.txt')]))).toContain(
      'must end in .npy, .csv or .json',
    );
    expect(oneLineError(await runCli(['kernel', '--get', 'nngp']))).toContain("required option '--x <file>'");
    expect(oneLineError(await runCli(['kernel', '--x', p('X.npy'), '--kernel', 'rbf']))).toContain(
      'Allowed choices are fc-relu, two-layer',
    );
  });

  it('should reject a corrupt .npy file with the reader message', async () => {
    const bytes = readFileSync(p('X.npy')).subarray(0, 100);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(p('bad.npy'), bytes);
    expect(oneLineError(await runCli(['kernel', '--x', p('bad.npy')]))).toMatch(
      /readNpy: .*bad\.npy header length must fit/,
    );
  });
});
