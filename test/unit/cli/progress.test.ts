import { describe, expect, it } from 'vitest';
import { withProgress } from '../../../src/cli/progress.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { teamProgress } from '../../../src/parallel/team.ts';
import { createRng } from '../../../src/random/rng.ts';

const capture = (isTTY: boolean) => {
  let err = '';
  return {
    io: {
      stdout: () => {},
      stderr: (s: string) => {
        err += s;
      },
      isTTY,
      columns: 80,
    },
    text: () => err,
  };
};

describe('withProgress', () => {
  it('should draw a bar per phase with percentages on a TTY, from the kernel blocks themselves', async () => {
    const c = capture(true);
    const rng = createRng(1);
    const x = { rows: 300, cols: 4, data: rng.fillNormal(new Float64Array(1200)) };
    await withProgress(c.io, () => fcReluKernel()(x));
    expect(c.text()).toContain('kernel [');
    expect(c.text()).toContain('100%');
  });

  it('should stay silent without a TTY and drop phases the filter rejects', async () => {
    const quiet = capture(false);
    await withProgress(quiet.io, () => teamProgress('cholesky', 1, 2));
    expect(quiet.text()).toBe('');
    const filtered = capture(true);
    await withProgress(
      filtered.io,
      () => {
        teamProgress('kernel', 1, 2);
        teamProgress('falkon pass 1', 2, 2);
      },
      (label) => label.startsWith('falkon'),
    );
    expect(filtered.text()).not.toContain('kernel');
    expect(filtered.text()).toContain('falkon pass 1');
  });
});
