/**
 * Hostile numerics through the CLI (issue 12): a singular kernel is reported (JSON diagnostics, a warning
 * on stderr, exit 1 with --strict), --min-norm gives the minimum-norm fit, overflowing inputs exit 2
 * without output, a diverged adv-train exits 1 naming the iteration, and robust-interp reports
 * not-positive-definite on the documented singular case.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { allClose } from '../../helpers/allClose.ts';
import { oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-numerics-');

beforeAll(() => {
  writeArray(p('Xd.npy'), [
    [1, 0],
    [1, 0],
    [0.6, 0.8],
  ]);
  writeArray(p('yd.npy'), [1, -1, 1]);
  writeArray(p('big.npy'), [
    [1e300, 2e300],
    [3e300, -1e300],
  ]);
  const c6 = circlePoints(6);
  writeArray(p('c6.npy'), c6.x);
  writeArray(p('l6.npy'), c6.y);
  const c8 = circlePoints(8);
  writeArray(p('c8.npy'), c8.x);
  writeArray(p('l8.npy'), c8.y);
});

const regressDup = ['regress', '--x', p('Xd.npy'), '--y', p('yd.npy'), '--x-test', p('Xd.npy')];

describe('ntk regress on a singular kernel (duplicate rows, opposite labels)', () => {
  it('should report the diagnostics in --json and warn on stderr, exit 0', async () => {
    const r = await runCli([...regressDup, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ solver: 'cholesky', accurate: false, ridge: 0 });
    for (const key of ['jitterUsed', 'relativeResidual', 'conditionEstimate'])
      expect(doc).toHaveProperty(key);
    expect(r.stderr).toMatch(
      /^ntk regress: warning: the kernel system is numerically unreliable .*--min-norm/,
    );
  });

  it('should exit 1 with --strict', async () => {
    const r = await runCli([...regressDup, '--strict']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--strict: exit 1/);
  });

  it('should give the minimum-norm predictions [0, 0, 1] with --min-norm, no warning even with --strict', async () => {
    const r = await runCli([...regressDup, '--min-norm', '--strict', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ solver: 'min-norm', rank: 2, accurate: true, jitterUsed: 0 });
    expect(allClose(doc.predictions, [0, 0, 1], { atol: 1e-12 })).toEqual({ ok: true });
  });

  it('should flag the six antipodal circle points (training labels not reproduced)', async () => {
    const r = await runCli([
      'regress',
      '--x',
      p('c6.npy'),
      '--y',
      p('l6.npy'),
      '--x-test',
      p('c6.npy'),
      '--strict',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/numerically unreliable/);
  });

  it('negative control: a well-posed regression is accurate and silent with --strict', async () => {
    const r = await runCli(
      ['regress', '--x', p('c8.npy'), '--y', p('l8.npy'), '--x-test', p('c8.npy')].concat([
        '--append-bias',
        '--strict',
        '--json',
      ]),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).accurate).toBe(true);
  });
});

describe('overflow, divergence and singular robust interpolation', () => {
  it('ntk kernel on inputs of 1e300 should exit 2 with one line and write nothing', async () => {
    const r = await runCli(['kernel', '--x', p('big.npy'), '--out', p('Kbig.npy')]);
    expect(oneLineError(r)).toMatch(/x1 must have rows whose squared norm is finite/);
    expect(existsSync(p('Kbig.npy'))).toBe(false);
  });

  it('a diverged adv-train should exit 1 and name the iteration', async () => {
    const r = await runCli(
      ['adv-train', '--x', p('c8.npy'), '--y', p('l8.npy'), '--width', '10'].concat([
        '--activation',
        'relu2',
        '--set',
        'l2',
        '--radius',
        '0.1',
        '--learning-rate',
        '1e150',
        '--iterations',
        '20',
      ]),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^adv-train diverged/);
    expect(r.stderr).toMatch(/^ntk adv-train: training diverged at iteration \d+: /);
  });

  it("robust-interp on six antipodal circle points should report 'not-positive-definite'", async () => {
    const r = await runCli(
      ['robust-interp', '--x', p('c6.npy'), '--y', p('l6.npy'), '--set', 'cap'].concat([
        '--radius',
        '0.3',
        '--json',
      ]),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ reason: 'not-positive-definite', converged: false });
  });
});
