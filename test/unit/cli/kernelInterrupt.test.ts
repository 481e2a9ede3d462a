/**
 * Ctrl-C during `ntk kernel` (the flag bin/ntk.mjs raises, polled between row blocks of the Gram): the
 * command stops with exit code 130, says how much of the kernel was done, and writes nothing; with the
 * flag never raised the same command completes and writes the matrix (the control).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/main.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { createRng } from '../../../src/random/rng.ts';
import { tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-kernel-int-');

async function kernelRun(interruptAfterPolls: number) {
  let polls = 0;
  let stderr = '';
  const code = await run(
    [
      'kernel',
      '--x',
      p('X.npy'),
      '--out',
      p(`K${interruptAfterPolls}.npy`),
      '--depth',
      '2',
      '--workers',
      '1',
    ],
    {
      stdout: () => {},
      stderr: (s) => {
        stderr += s;
      },
      interrupted: () => ++polls > interruptAfterPolls,
    },
  );
  return { code, stderr, written: existsSync(p(`K${interruptAfterPolls}.npy`)) };
}

describe('ntk kernel interrupted', () => {
  it('should stop between row blocks with exit 130 and write nothing; complete when not interrupted', async () => {
    const rng = createRng(1);
    const data = new Float64Array(400 * 5);
    rng.fillNormal(data);
    writeArray(p('X.npy'), { rows: 400, cols: 5, data });
    const stopped = await kernelRun(3);
    expect(stopped.code).toBe(130);
    expect(stopped.written).toBe(false);
    expect(stopped.stderr).toMatch(
      /ntk kernel: interrupted after [0-9.]+ % of the kernel rows; nothing written/,
    );
    const pct = Number(/after ([0-9.]+) %/.exec(stopped.stderr)?.[1]);
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThan(100);
    const done = await kernelRun(Number.POSITIVE_INFINITY);
    expect(done.code, done.stderr).toBe(0);
    expect(done.written).toBe(true);
  });
});
