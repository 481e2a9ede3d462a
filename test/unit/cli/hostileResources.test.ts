/**
 * Resource guards (issue 12): requests are estimated before any work and refused with a message naming the
 * flag when they exceed the available memory or --max-memory; long grids are announced on stderr.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { byteSize, guardMemory } from '../../../src/cli/resourceGuard.ts';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-resources-');
const train = (width: string, ...extra: string[]) => [
  'adv-train',
  '--x',
  p('X.npy'),
  '--y',
  p('y.npy'),
  '--width',
  width,
  '--set',
  'l2',
  '--radius',
  '0.1',
  '--learning-rate',
  '0.1',
  '--iterations',
  '1',
  '--model-out',
  p('net.json'),
  ...extra,
];

beforeAll(() => {
  const c = circlePoints(8);
  writeArray(p('X.npy'), c.x);
  writeArray(p('y.npy'), c.y);
});

describe('resource guards', () => {
  it('should refuse adv-train --width 1e12 and 1e8 before any work, naming --width, writing nothing', async () => {
    for (const w of ['1000000000000', '100000000']) {
      const line = oneLineError(await runCli(train(w)));
      expect(line).toMatch(
        new RegExp(`^ntk adv-train: --width ${w}: needs about .* of memory, more than the .* available`),
      );
    }
    expect(readdirSync(dirname(p('x'))).sort()).toEqual(['X.npy', 'y.npy']);
  });

  it('should honour --max-memory both ways (refuse below the estimate, accept above it)', async () => {
    // width 1000, d = 2, n = 8: estimate 8·(6·1000·3 + 2·8·1000) = 272 000 bytes.
    expect(oneLineError(await runCli(train('1000', '--max-memory', '200K')))).toMatch(
      /allowed by --max-memory/,
    );
    const ok = await runCli(train('1000', '--max-memory', '300K'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(oneLineError(await runCli(train('10', '--max-memory', 'lots')))).toMatch(/--max-memory/);
  });

  it('should refuse a Gram matrix larger than --max-memory in kernel and regress', async () => {
    expect(oneLineError(await runCli(['kernel', '--x', p('X.npy'), '--max-memory', '1K']))).toMatch(
      /^ntk kernel: --x \(8 × 8 kernel\): needs about 2.00 KiB/,
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
          p('X.npy'),
          '--max-memory',
          '1K',
        ]),
      ),
    ).toMatch(/--x \(8 training points\)/);
  });

  it('byteSize and guardMemory: units are powers of 1024; the limit is inclusive', () => {
    expect([byteSize('1K'), byteSize('2M'), byteSize('1.5G'), byteSize('1e3')]).toEqual([
      1024,
      2 ** 21,
      1.5 * 2 ** 30,
      1000,
    ]);
    expect(() =>
      guardMemory(100, [
        { flag: '--a 1', bytes: 60 },
        { flag: '--b 2', bytes: 40 },
      ]),
    ).not.toThrow();
    expect(() =>
      guardMemory(99, [
        { flag: '--a 1', bytes: 60 },
        { flag: '--b 2', bytes: 40 },
      ]),
    ).toThrow(/^--a 1: /);
  });
});
