/**
 * Ctrl-C during `ntk regress --solver falkon` (the flag bin/ntk.mjs raises, polled at every FALKON progress
 * step): exit 130, a note with the CG iterations done, no --out; with the flag never raised the same
 * command completes and writes the predictions (the control).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.ts';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-regress-int-');

async function regressRun(interruptAfterPolls: number) {
  let polls = 0;
  let stderr = '';
  const out = p(`F${interruptAfterPolls}.npy`);
  const code = await run(
    ['regress', '--x', p('X.npy'), '--y', p('y.npy'), '--x-test', p('T.npy'), '--out', out]
      .concat(['--solver', 'falkon', '--centers', '20', '--diag-reg', '1e-2', '--diag-reg-scale', 'absolute'])
      .concat(['--workers', '1']),
    {
      stdout: () => {},
      stderr: (s) => {
        stderr += s;
      },
      interrupted: () => ++polls > interruptAfterPolls,
    },
  );
  return { code, stderr, written: existsSync(out) };
}

describe('ntk regress --solver falkon interrupted', () => {
  it('should stop with exit 130 and write nothing; complete when not interrupted', async () => {
    const x = uniformSphere(300, 4, { seed: 1 });
    writeArray(p('X.npy'), x);
    writeArray(
      p('y.npy'),
      Float64Array.from({ length: 300 }, (_, i) => (x.data[i * 4] > 0 ? 1 : -1)),
    );
    writeArray(p('T.npy'), uniformSphere(50, 4, { seed: 2 }));
    const stopped = await regressRun(4);
    expect(stopped.code).toBe(130);
    expect(stopped.written).toBe(false);
    expect(stopped.stderr).toMatch(
      /ntk regress: interrupted after \d+ CG iteration\(s\) of FALKON; nothing written/,
    );
    const done = await regressRun(Number.POSITIVE_INFINITY);
    expect(done.code, done.stderr).toBe(0);
    expect(done.written).toBe(true);
  });
});
