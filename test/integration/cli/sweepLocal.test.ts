/**
 * The local runner: the same plan run in-process (--workers 1) and as child processes `ntk sweep run DIR
 * --task N` (--workers 2, the command a cluster array element runs) gives byte-identical results.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../unit/cli/runCli.ts';
import { expectOnlyCompleteResults, expectSameResults, writeAdvTrainSpec } from './sweepCommon.ts';

describe('ntk sweep run --all (local)', () => {
  it('should give byte-identical tables in-process and in worker processes, and skip finished tasks', async () => {
    const p = tempDir('ntk-sweep-local-');
    const spec = await writeAdvTrainSpec(p(''), 'local', [10, 30], [0.1, 0.2], 20);
    const a = p('in-process');
    const b = p('children');
    for (const dir of [a, b]) expect((await runCli(['sweep', 'plan', spec, '--out', dir])).code).toBe(0);
    const ra = await runCli(['sweep', 'run', a, '--all', '--workers', '1']);
    expect(ra.code, ra.stderr).toBe(0);
    const rb = await runCli(['sweep', 'run', b, '--all', '--workers', '2']);
    expect(rb.code, rb.stderr).toBe(0);
    expect(rb.stdout).toMatch(/4 done, 0 already done, 0 failed of 4/);
    expect((await runCli(['sweep', 'run', b, '--all', '--workers', '2'])).stdout).toMatch(
      /0 done, 4 already done/,
    );
    for (const dir of [a, b]) {
      expect(expectOnlyCompleteResults(dir)).toEqual(['0000', '0001', '0002', '0003']);
      expect((await runCli(['sweep', 'collect', dir])).code).toBe(0);
    }
    expectSameResults(a, b, 4);
  });
});
