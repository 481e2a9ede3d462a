import { beforeAll, describe, expect, it } from 'vitest';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { readArray } from '../../../src/io/readArray.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { fitKernelRegression } from '../../../src/regression/fitKernelRegression.ts';
import { allClose } from '../../helpers/allClose.ts';
import { oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-regress-');
const x = uniformSphere(12, 3, { seed: 4 });
const xTest = uniformSphere(5, 3, { seed: 5 });
const label = (m: typeof x) => Float64Array.from({ length: m.rows }, (_, i) => (m.data[i * 3] > 0 ? 1 : -1));
const y = label(x);

beforeAll(() => {
  writeArray(p('X.npy'), x);
  writeArray(p('y.npy'), y);
  writeArray(p('T.npy'), xTest);
  writeArray(p('yT.csv'), label(xTest));
  writeArray(p('Y2.npy'), {
    rows: 12,
    cols: 2,
    data: Float64Array.from({ length: 24 }, (_, k) => (k % 2 === 0 ? y[k >> 1] : -y[k >> 1])),
  });
  writeArray(p('y5.npy'), new Float64Array(5));
  writeArray(p('T4.npy'), uniformSphere(2, 4, { seed: 1 }));
});

describe('ntk regress', () => {
  it('should predict like fitKernelRegression (t = ∞ and finite t, with diag-reg)', async () => {
    for (const extra of [
      [],
      ['--time', '3', '--learning-rate', '0.5'],
      ['--diag-reg', '1e-3', '--diag-reg-scale', 'absolute'],
    ]) {
      const r = await runCli([
        'regress',
        '--x',
        p('X.npy'),
        '--y',
        p('y.npy'),
        '--x-test',
        p('T.npy'),
        '--depth',
        '2',
        '--out',
        p('f.npy'),
        ...extra,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const opts = {
        ...(extra[0] === '--time' ? { t: 3, learningRate: 0.5 } : {}),
        ...(extra[0] === '--diag-reg' ? { diagReg: { value: 1e-3, scale: 'absolute' as const } } : {}),
      };
      const want = fitKernelRegression(fcReluKernel({ depth: 2 }), x, y, opts).predict(xTest);
      const got = readArray(p('f.npy'));
      expect(got.shape).toEqual([5]);
      expect(allClose(got.data, want.data, { rtol: 1e-12, atol: 1e-14 })).toEqual({ ok: true });
    }
  });

  it('should report test accuracy and MSE as JSON, and keep [n, k] targets 2-D', async () => {
    const r = await runCli([
      'regress',
      '--x',
      p('X.npy'),
      '--y',
      p('y.npy'),
      '--x-test',
      p('T.npy'),
      '--y-test',
      p('yT.csv'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.command).toBe('regress');
    expect(doc.time).toBe('Infinity');
    expect(doc.predictions).toHaveLength(5);
    expect(doc.test.accuracy).toBeGreaterThanOrEqual(0);
    expect(doc.trainMse).toBeLessThan(1e-12);
    const r2 = await runCli([
      'regress',
      '--x',
      p('X.npy'),
      '--y',
      p('Y2.npy'),
      '--x-test',
      p('T.npy'),
      '--out',
      p('F2.csv'),
    ]);
    expect(r2.code).toBe(0);
    expect(readArray(p('F2.csv')).shape).toEqual([5, 2]);
  });

  it('should fail with exit 2 on mismatched shapes, missing flags and bad values', async () => {
    expect(
      oneLineError(await runCli(['regress', '--x', p('X.npy'), '--y', p('y5.npy'), '--x-test', p('T.npy')])),
    ).toContain('--x and --y must have the same number of rows (got 12 and 5)');
    expect(
      oneLineError(await runCli(['regress', '--x', p('X.npy'), '--y', p('y.npy'), '--x-test', p('T4.npy')])),
    ).toContain('--x and --x-test must have the same number of columns (got 3 and 4)');
    expect(oneLineError(await runCli(['regress', '--x', p('X.npy'), '--y', p('y.npy')]))).toContain(
      "required option '--x-test <file>'",
    );
    expect(
      oneLineError(
        await runCli([
          'regress',
          '--x',
          p('X.npy'),
          '--y',
          p('y.npy'),
          '--x-test',
          p('T.npy'),
          '--diag-reg',
          '-1',
        ]),
      ),
    ).toContain('diagReg');
    expect(
      oneLineError(
        await runCli([
          'regress',
          '--x',
          p('X.npy'),
          '--y',
          p('y.npy'),
          '--x-test',
          p('T.npy'),
          '--y-test',
          p('y.npy'),
        ]),
      ),
    ).toContain('--y-test must have 5 entries');
  });

  it('should solve with --solver falkon like the falkon library entry, and report the CG run', async () => {
    const args = ['regress', '--x', p('X.npy'), '--y', p('y.npy'), '--x-test', p('T.npy'), '--depth', '2'];
    const r = await runCli([
      ...args,
      '--solver',
      'falkon',
      '--centers',
      '12',
      '--diag-reg',
      '1e-3',
      '--diag-reg-scale',
      'absolute',
      '--workers',
      '1',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.solver).toBe('falkon');
    expect(doc.centers).toBe(12);
    expect(doc.converged).toBe(true);
    // 12 centres of 12 points: exact kernel ridge with the same ridge, to CG's tolerance (κ ≤ 1e4, tol 1e-8).
    const want = fitKernelRegression(fcReluKernel({ depth: 2 }), x, y, {
      diagReg: { value: 1e-3, scale: 'absolute' },
    }).predict(xTest);
    expect(allClose(doc.predictions, want.data, { rtol: 1e-5, atol: 1e-6 })).toEqual({ ok: true });
    const bad = await runCli([...args, '--solver', 'falkon', '--time', '3']);
    expect(oneLineError(bad)).toContain('--solver falkon supports --time inf only');
  });
});
