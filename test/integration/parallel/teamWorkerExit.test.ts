/**
 * A team worker that dies while it runs a block (src/parallel/team.ts): the synchronous caller must throw a
 * WorkerExitError naming the lost block instead of waiting forever; a job started right after must complete
 * (the caller takes the dead worker's share), and the next team start must replace the worker, which then
 * takes blocks again with results bit-identical to one thread. The death is injected through the worker's
 * test hook (a job of kind TEAM_TEST_EXIT calls process.exit inside the first block the worker takes).
 * The scenario runs in a child process with a timeout: a synchronous hang cannot be interrupted by a test
 * timeout in-process, and without the dead-worker detection the child does hang (checked when this test
 * was written by disabling the detection: the child was killed by the timeout).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('team worker exiting mid-block', () => {
  it('should throw WorkerExitError naming the block (not hang), then recover', { timeout: 90_000 }, () => {
    const r = spawnSync(process.execPath, [tsx, join(here, 'fixtures', 'teamWorkerExit.child.ts')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NTK_THREADS: '2' },
    });
    expect(r.signal, `child killed (hang?) — stderr: ${r.stderr}`).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    for (const [kill, code] of [
      [out.first, 7],
      [out.second, 3],
    ]) {
      expect(kill.threw).toBe(true);
      expect(kill.name).toBe('WorkerExitError');
      expect(kill.code).toBe('E_WORKER_EXIT');
      expect(kill.data.exitCode).toBe(code);
      expect(kill.data.arg).toBe('test:exit-in-block');
      expect(Number.isInteger(kill.data.block)).toBe(true);
      expect(kill.data.block).toBeGreaterThanOrEqual(0);
      expect(kill.data.block).toBeLessThan(out.blocks);
      expect(kill.message).toContain(`block ${kill.data.block} of ${out.blocks}`);
    }
    expect(out.membersAfterDeath).toBe(0);
    expect(out.freshSame).toBe(true);
    expect(out.membersAfterRespawn).toBe(1);
    expect(out.workerBlocks).toBeGreaterThan(0);
    expect(out.respawnedSame).toBe(true);
  });
});
