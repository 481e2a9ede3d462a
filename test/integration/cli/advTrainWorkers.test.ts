/**
 * `ntk adv-train --workers`: the attacks and batch passes run in row blocks fixed by the problem size, so the
 * trained model is the same file for 1 and 2 threads (the team starts workers, hence an integration test).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { setTeamThreads, teamThreads } from '../../../src/parallel/team.ts';
import { runCli, tempDir } from '../../unit/cli/runCli.ts';

const p = tempDir('ntk-cli-advtrain-workers-');
const before = teamThreads();
afterAll(() => setTeamThreads(before));

describe('ntk adv-train --workers', () => {
  it('should give the same model for --workers 1 and 2, and reject --workers 0', async () => {
    // 600 × 8 inputs, width 512, PGD-10: large enough for the attack's row blocks to go to the team.
    const x = uniformSphere(600, 8, { seed: 5 });
    writeArray(p('X.npy'), x);
    writeArray(
      p('y.npy'),
      Float64Array.from({ length: 600 }, (_, i) => (x.data[8 * i] >= 0 ? 1 : -1)),
    );
    const args = (w: string, out: string) => [
      ...['adv-train', '--x', p('X.npy'), '--y', p('y.npy'), '--width', '512', '--set', 'l2'],
      ...['--radius', '0.1', '--learning-rate', '0.5', '--iterations', '1', '--robust-every', '0'],
      ...['--workers', w, '--model-out', p(out)],
    ];
    expect((await runCli(args('1', 'w1.json'))).code).toBe(0);
    expect(teamThreads()).toBe(1);
    expect((await runCli(args('2', 'w2.json'))).code).toBe(0);
    expect(teamThreads()).toBe(2);
    expect(readFileSync(p('w2.json'), 'utf8')).toBe(readFileSync(p('w1.json'), 'utf8'));
    const bad = await runCli(args('0', 'w0.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workers must be at least 1/);
  });
});
