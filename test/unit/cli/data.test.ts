import { describe, expect, it } from 'vitest';
import { binaryLabels } from '../../../src/data/binaryLabels.ts';
import { capacityConstruction } from '../../../src/data/capacityConstruction.ts';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { loadDigits } from '../../../src/data/loadDigits.ts';
import { readArray } from '../../../src/io/readArray.ts';
import { allClose } from '../../helpers/allClose.ts';
import { oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-data-');

describe('ntk data', () => {
  it('should write two digit classes, split, on the sphere with a bias coordinate', async () => {
    const r = await runCli([
      'data',
      'digits',
      '--pos',
      '1',
      '--neg',
      '7',
      '--normalize',
      '--append-bias',
      '--test-fraction',
      '0.2',
      '--x-out',
      p('X.npy'),
      '--y-out',
      p('y.npy'),
      '--x-test-out',
      p('Xte.npy'),
      '--y-test-out',
      p('yte.npy'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const n = binaryLabels(loadDigits(), 1, 7).x.rows;
    const x = readArray(p('X.npy'));
    const xt = readArray(p('Xte.npy'));
    expect(x.shape[0] + xt.shape[0]).toBe(n);
    expect([x.shape[1], xt.shape[1]]).toEqual([65, 65]);
    expect(xt.shape[0]).toBe(Math.round(0.2 * n));
    // Rows are (x̂, 1)/√2: unit norm, last coordinate 1/√2.
    const norms = Array.from({ length: x.shape[0] }, (_, i) =>
      Math.hypot(...x.data.subarray(i * 65, (i + 1) * 65)),
    );
    expect(allClose(norms, new Array(x.shape[0]).fill(1), { rtol: 1e-14 })).toEqual({ ok: true });
    expect(Math.abs(x.data[64] - Math.SQRT1_2)).toBeLessThan(1e-15);
    expect(new Set(readArray(p('y.npy')).data)).toEqual(new Set([1, -1]));
  });

  it('should write the circle and capacity configurations exactly as the library makes them', async () => {
    expect(
      (await runCli(['data', 'circle', '--n', '6', '--x-out', p('c.npy'), '--y-out', p('cy.csv')])).code,
    ).toBe(0);
    expect(readArray(p('c.npy')).data).toEqual(circlePoints(6).x.data);
    expect(Array.from(readArray(p('cy.csv')).data)).toEqual([1, -1, 1, -1, 1, -1]);
    const r = await runCli([
      'data',
      'capacity',
      '--cells',
      '3',
      '--d',
      '4',
      '--t',
      '0.5',
      '--seed',
      '2',
      '--x-out',
      p('q.npy'),
      '--probes-out',
      p('Q.npy'),
      '--probe-labels-out',
      p('b.json'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const c = capacityConstruction(3, 4, { t: 0.5, seed: 2 });
    expect(readArray(p('Q.npy')).data).toEqual(c.probes.data);
    expect(readArray(p('b.json')).data).toEqual(c.probeLabels);
    expect(JSON.parse(r.stdout).radius).toBe(c.radius);
  });

  it('should fail with exit 2 on unknown sets and missing or inconsistent flags', async () => {
    expect(oneLineError(await runCli(['data', 'mnist', '--x-out', p('a.npy')]))).toContain(
      'Allowed choices are digits',
    );
    expect(oneLineError(await runCli(['data', 'sphere', '--d', '3', '--x-out', p('a.npy')]))).toBe(
      'ntk data: sphere needs --n',
    );
    expect(oneLineError(await runCli(['data', 'digits', '--pos', '1', '--x-out', p('a.npy')]))).toContain(
      '--pos and --neg go together',
    );
    expect(
      oneLineError(await runCli(['data', 'digits', '--test-fraction', '0.2', '--x-out', p('a.npy')])),
    ).toContain('go together');
    expect(
      oneLineError(await runCli(['data', 'digits', '--pos', '1', '--neg', '11', '--x-out', p('a.npy')])),
    ).toContain('neg must be a class present');
    expect(oneLineError(await runCli(['data', 'circle', '--n', '4']))).toContain(
      "required option '--x-out <file>'",
    );
  });
});
