/**
 * Hostile output paths (issue 12): inputs are never overwritten, two outputs never share a file, paths are
 * checked before any work, and a failure leaves no new file. Every case runs the CLI in-process.
 */
import { readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planOutputs } from '../../../src/cli/outputPlan.ts';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { circleAdvTrainArgs, oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-hostile-');
const dir = dirname(p('x'));
const listing = (): string[] => readdirSync(dir).sort();
const bytes = (name: string): Buffer => readFileSync(p(name));

beforeAll(() => {
  writeArray(p('X.npy'), uniformSphere(6, 3, { seed: 1 }));
  writeArray(p('y.npy'), [1, -1, 1, -1, 1, -1]);
  writeArray(p('Xt.npy'), uniformSphere(4, 3, { seed: 2 }));
  writeArray(p('yt5.npy'), [1, -1, 1, -1, 1]);
  const c = circlePoints(8);
  writeArray(p('C.npy'), c.x);
  writeArray(p('cy.npy'), c.y);
  symlinkSync(p('X.npy'), p('link.npy'));
  symlinkSync('/dev/null', p('dev.npy'));
});

/** Runs `argv`, expects a one-line exit-2 error, and that no file changed or appeared. */
async function refused(argv: string[], pattern: RegExp): Promise<void> {
  const before = listing();
  const snapshot = new Map(before.map((f) => [f, statSync(p(f)).isFile() ? bytes(f) : null]));
  const r = await runCli(argv);
  expect(oneLineError(r)).toMatch(pattern);
  expect(listing()).toEqual(before);
  for (const [f, b] of snapshot) if (b !== null) expect(bytes(f).equals(b), f).toBe(true);
}

describe('CLI outputs: inputs are never damaged', () => {
  it('should refuse kernel --out equal to --x (also through a symbolic link and ..)', async () => {
    await refused(['kernel', '--x', p('X.npy'), '--out', p('X.npy')], /--out .*same file as --x/);
    await refused(['kernel', '--x', p('link.npy'), '--out', p('X.npy')], /same file as --x/);
    await refused(['kernel', '--x', p('X.npy'), '--out', `${dir}/../${dir.split('/').pop()}/X.npy`], /--x/);
  });

  it('should refuse regress, attack, bracket, adv-train and robust-interp outputs on an input', async () => {
    await refused(
      ['regress', '--x', p('X.npy'), '--y', p('y.npy'), '--x-test', p('Xt.npy'), '--out', p('y.npy')],
      /same file as --y/,
    );
    await refused(
      [
        'attack',
        '--train-x',
        p('X.npy'),
        '--train-y',
        p('y.npy'),
        '--x',
        p('X.npy'),
        '--y',
        p('y.npy'),
      ].concat(['--set', 'l2', '--radius', '0.1', '--out', p('X.npy')]),
      /same file as --train-x/,
    );
    await refused(
      [
        ...circleAdvTrainArgs(p, 2).map((a) => a.replace(/X\.npy$/, 'C.npy').replace(/y\.npy$/, 'cy.npy')),
      ].concat(['--history-out', p('C.npy')]),
      /--history-out .*same file as --x/,
    );
    await refused(
      ['robust-interp', '--x', p('X.npy'), '--y', p('y.npy'), '--radius', '0.1', '--centers-out', p('X.npy')],
      /--centers-out .*same file as --x/,
    );
    writeFileSync(p('m.json'), '{}');
    await refused(
      ['bracket', '--model', p('m.json'), '--x', p('X.npy'), '--y', p('y.npy'), '--set', 'l2'].concat([
        '--radius',
        '0.1',
        '--out',
        p('y.npy'),
      ]),
      /same file as --y/,
    );
  });

  it('should refuse two outputs of one command on one path', async () => {
    await refused(
      ['data', 'circle', '--n', '4', '--x-out', p('a.npy'), '--y-out', p('a.npy')],
      /--y-out .*same file as --x-out/,
    );
  });
});

describe('CLI outputs: checked before any work, nothing left on failure', () => {
  it('should refuse a missing directory, a directory, a device and an unknown extension up front', async () => {
    await refused(['kernel', '--x', p('X.npy'), '--out', p('nodir/K.npy')], /does not exist/);
    await refused(['kernel', '--x', p('X.npy'), '--out', `${dir}`], /must end in/);
    await refused(
      ['kernel', '--x', p('X.npy'), '--out', p('dev.npy')],
      /--out .*dev\.npy: is not a regular file/,
    );
    await refused(['kernel', '--x', p('X.npy'), '--out', p('K.txt')], /must end in \.npy, \.csv or \.json/);
    await refused(
      [
        ...circleAdvTrainArgs(p, 2).map((a) => a.replace(/X\.npy$/, 'C.npy').replace(/y\.npy$/, 'cy.npy')),
      ].concat(['--model-out', p('m2.json'), '--history-out', p('nodir/h.csv')]),
      /--history-out .*does not exist/,
    );
  });

  it('should leave no --out when regress fails after predicting (wrong --y-test length)', async () => {
    await refused(
      [
        'regress',
        '--x',
        p('X.npy'),
        '--y',
        p('y.npy'),
        '--x-test',
        p('Xt.npy'),
        '--y-test',
        p('yt5.npy'),
      ].concat(['--out', p('pred.npy')]),
      /--y-test must have 4 entries/,
    );
  });

  it('should refuse verify --out under /proc and --only with no id before loading the suite', async () => {
    await refused(['verify', '--out', '/proc/ntk-report'], /--out \/proc\/ntk-report/);
    await refused(['verify', '--only', ','], /--only must name at least one check/);
    await refused(['verify', '--out', p('X.npy')], /--out .*X\.npy: .*is not a directory/);
  });

  it('should write every output of a successful run and no temporary file', async () => {
    const r = await runCli(['data', 'circle', '--n', '4', '--x-out', p('cx.npy'), '--y-out', p('cy4.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(listing().filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(bytes('cy4.csv').toString()).toBe('1\n-1\n1\n-1\n');
  });

  it('negative control: the helper itself accepts distinct paths and stages nothing until commit', () => {
    const plan = planOutputs([{ flag: '--out', path: p('fresh.npy') }], [{ flag: '--x', path: p('X.npy') }]);
    plan.array('--out', [1, 2]);
    expect(listing()).not.toContain('fresh.npy');
    plan.commit();
    expect(listing()).toContain('fresh.npy');
  });
});
