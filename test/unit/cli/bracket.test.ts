import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/cli/modelFile.ts';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { readArray } from '../../../src/io/readArray.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { loss } from '../../../src/nn/loss.ts';
import { circleAdvTrainArgs, oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-bracket-');
const data = circlePoints(8);

beforeAll(async () => {
  writeArray(p('X.npy'), data.x);
  writeArray(p('y.npy'), data.y);
  const trained = await runCli([...circleAdvTrainArgs(p, 10), '--model-out', p('net.json')]);
  expect(trained.code, trained.stderr).toBe(0);
});

describe('ntk bracket', () => {
  it('should bracket the robust loss of a saved net on circle caps: lower ≤ dense-arc maximum ≤ upper', async () => {
    const r = await runCli([
      'bracket',
      '--model',
      p('net.json'),
      '--x',
      p('X.npy'),
      '--y',
      p('y.npy'),
      '--set',
      'cap',
      '--radius',
      '0.2',
      '--loss',
      'logistic',
      '--grid-points',
      '401',
      '--out',
      p('B.npy'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.command).toBe('bracket');
    expect(doc.method.every((m: string) => m === 'grid' || m === 'ibp')).toBe(true);
    const b = readArray(p('B.npy'));
    expect(b.shape).toEqual([8, 2]);
    // Reference: the loss maximised over a 20 001-point grid of each arc.
    const net = readModelFile(p('net.json'));
    const ell = loss('logistic');
    for (let i = 0; i < 8; i++) {
      const phi = Math.atan2(data.x.data[2 * i + 1], data.x.data[2 * i]);
      let worst = 0;
      const pts = new Float64Array(2 * 20_001);
      for (let k = 0; k <= 20_000; k++) {
        const a = phi - 0.2 + (0.4 * k) / 20_000;
        pts[2 * k] = Math.cos(a);
        pts[2 * k + 1] = Math.sin(a);
      }
      const f = net.predict({ rows: 20_001, cols: 2, data: pts });
      for (const v of f) worst = Math.max(worst, ell.value(v, data.y[i]));
      expect(b.data[2 * i]).toBeLessThanOrEqual(worst + 1e-12);
      expect(b.data[2 * i + 1]).toBeGreaterThanOrEqual(worst - 1e-12);
      expect(b.data[2 * i + 1] - b.data[2 * i]).toBeLessThan(1e-3);
    }
  });

  it('should certify inside a data box (--box) and reject inputs outside it and a missing model file', async () => {
    const base = ['bracket', '--x', p('X.npy'), '--y', p('y.npy'), '--set', 'linf', '--radius', '0.1'];
    const boxed = await runCli([...base, '--model', p('net.json'), '--box', '-1,1', '--json']);
    expect(boxed.code, boxed.stderr).toBe(0);
    const doc = JSON.parse(boxed.stdout);
    for (let i = 0; i < 8; i++) expect(doc.lower[i]).toBeLessThanOrEqual(doc.upper[i]);
    expect(doc.upper.every((u: number) => Number.isFinite(u))).toBe(true);
    // Circle points have coordinates ±1: a box [−0.5, 0.5] does not contain them.
    const outside = await runCli([...base, '--model', p('net.json'), '--box', '-0.5,0.5']);
    expect(outside.code).toBe(2);
    expect(oneLineError(outside)).toMatch(/box/);
    const missing = await runCli([...base, '--model', p('nope.json')]);
    expect(missing.code).toBe(2);
    expect(oneLineError(missing)).toMatch(/nope\.json/);
  });
});
