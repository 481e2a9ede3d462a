import { beforeAll, describe, expect, it } from 'vitest';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { readArray } from '../../../src/io/readArray.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { appendBias } from '../../../src/kernels/appendBias.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { allClose } from '../../helpers/allClose.ts';
import { oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-robust-');
const circle = circlePoints(6);

beforeAll(() => {
  writeArray(p('X.npy'), circle.x);
  writeArray(p('y.npy'), circle.y);
});

describe('ntk robust-interp', () => {
  it('should robustly interpolate six circle points with a bias coordinate and write its parts', async () => {
    const r = await runCli([
      'robust-interp',
      '--x',
      p('X.npy'),
      '--y',
      p('y.npy'),
      '--set',
      'cap',
      '--radius',
      '0.1',
      '--append-bias',
      '--x-test',
      p('X.npy'),
      '--out',
      p('f.npy'),
      '--centers-out',
      p('C.npy'),
      '--alpha-out',
      p('a.npy'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      command: 'robust-interp',
      converged: true,
      reason: 'converged',
      appendBias: 1,
    });
    expect(doc.maxViolation).toBeLessThanOrEqual(1e-3);
    // f on the centres of the sets equals the labels (they are inside their own sets).
    expect(allClose(readArray(p('f.npy')).data, circle.y, { rtol: 0, atol: 1e-3 })).toEqual({ ok: true });
    // f = Σ α_j k(b(·), b(c_j)) with the written centres and coefficients reproduces the predictions.
    const C = readArray(p('C.npy'));
    const alpha = readArray(p('a.npy')).data;
    const K = fcReluKernel()(
      appendBias(circle.x),
      appendBias({ rows: C.shape[0], cols: 2, data: C.data }),
    ).ntk;
    const f = Array.from({ length: 6 }, (_, i) =>
      alpha.reduce((s, a, j) => s + a * K.data[i * K.cols + j], 0),
    );
    expect(allClose(f, readArray(p('f.npy')).data, { rtol: 1e-9, atol: 1e-9 })).toEqual({ ok: true });
    expect(doc.rkhsNorm).toBeGreaterThan(0);
  });

  it('should fail with exit 2 on inconsistent flags', async () => {
    const base = ['robust-interp', '--x', p('X.npy'), '--y', p('y.npy'), '--radius', '0.1'];
    expect(oneLineError(await runCli([...base, '--out', p('f.npy')]))).toContain('--out needs --x-test');
    expect(oneLineError(await runCli(['robust-interp', '--x', p('X.npy'), '--y', p('y.npy')]))).toContain(
      "required option '--radius <r>'",
    );
    expect(oneLineError(await runCli([...base, '--radius', '-1']))).toContain(
      'options.set.radius must be >= 0 (got -1)',
    );
  });
});
