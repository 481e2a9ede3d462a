/**
 * Sweeps through a real Slurm (Debian's slurm-wlm, single node on localhost, started by
 * scripts/slurm-local.sh): results identical to the local run bit for bit, a cancelled array element
 * leaves nothing half-written and is completed by resubmission, a failing task is reported with its
 * message, and a tiled Gram matrix assembles to the one-process file. Skipped, with the reason printed,
 * where Slurm cannot run (not installed, not root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { runCli, tempDir } from '../../unit/cli/runCli.ts';
import { expectOnlyCompleteResults, expectSameResults, writeAdvTrainSpec } from './sweepCommon.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = join(root, 'scripts', 'slurm-local.sh');

function whyNoSlurm(): string | undefined {
  for (const t of ['sbatch', 'squeue', 'scancel', 'slurmctld', 'slurmd', 'munged']) {
    const found = spawnSync('bash', ['-c', `command -v ${t} || test -x /usr/sbin/${t}`]).status === 0;
    if (!found) return `${t} is not installed (apt-get install slurm-wlm munge)`;
  }
  if (process.getuid?.() !== 0) return 'not running as root (the single-node Slurm runs with SlurmUser=root)';
  return undefined;
}

const reason = whyNoSlurm();
if (reason !== undefined) console.log(`sweep Slurm test skipped: ${reason}`);

describe.skipIf(reason !== undefined)('ntk sweep on a real Slurm array', () => {
  const p = tempDir('ntk-sweep-slurm-');
  const slurmDir = p('slurm');
  let env: NodeJS.ProcessEnv = {};
  const sh = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { env, encoding: 'utf8', timeout: 60_000 });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Array elements of a job still known to squeue, as "id_index STATE" lines. */
  const queue = (job: string) =>
    sh('squeue', ['-h', '-j', job, '-o', '%i %T'])
      .split('\n')
      .filter((l) => l.trim() !== '');
  async function waitFor(what: string, ok: () => boolean, seconds: number): Promise<void> {
    for (let t = 0; t < seconds * 5; t++) {
      if (ok()) return;
      await sleep(200);
    }
    throw new Error(`timed out after ${seconds} s waiting for ${what}`);
  }
  async function slurmScript(plan: string, ...flags: string[]): Promise<string> {
    const r = await runCli(['sweep', 'slurm', plan, '--time', '5', ...flags]);
    expect(r.code, r.stderr).toBe(0);
    return join(plan, 'sweep.sbatch');
  }
  const submit = (file: string) => /Submitted batch job (\d+)/.exec(sh('sbatch', [file]))![1];
  /** Submits and polls squeue until the whole array has left the queue (sbatch --wait polls far slower). */
  async function submitWait(file: string): Promise<void> {
    const job = submit(file);
    await waitFor(`job ${job} to finish`, () => queue(job).length === 0, 150);
  }

  beforeAll(() => {
    const out = execFileSync('bash', [script, 'start', slurmDir], { encoding: 'utf8', timeout: 60_000 });
    env = { ...process.env, SLURM_CONF: /SLURM_CONF=(\S+)/.exec(out)![1] };
  }, 90_000);

  afterAll(() => {
    execFileSync('bash', [script, 'stop', slurmDir], { timeout: 60_000 });
    for (const f of ['slurmctld.pid', 'slurmd.pid', 'munge/munged.pid'])
      expect(existsSync(join(slurmDir, f))).toBe(false);
  }, 90_000);

  it('should survive scancel of one running element and a resubmission, with results identical to the local run', async () => {
    const spec = await writeAdvTrainSpec(p(''), 'slurm-adv', [20, 40, 80], [0.1, 0.2], 2000);
    const onSlurm = p('plan-slurm');
    const local = p('plan-local');
    for (const dir of [onSlurm, local])
      expect((await runCli(['sweep', 'plan', spec, '--out', dir])).code).toBe(0);
    const job = submit(await slurmScript(onSlurm, '--concurrency', '2'));
    // Cancel element 2 as soon as its command is running (its partial result folder exists).
    const partial2 = () => readdirSync(join(onSlurm, 'tasks')).some((f) => f.startsWith('.0002.partial-'));
    await waitFor('task 2 to start writing', partial2, 240);
    sh('scancel', [`${job}_2`]);
    await waitFor('the array to finish', () => queue(job).length === 0, 150);

    const st = JSON.parse((await runCli(['--json', 'sweep', 'status', onSlurm])).stdout);
    expect(st.done).toEqual([0, 1, 3, 4, 5]);
    expect(st.missing).toEqual([2]);
    expect(st.failed).toEqual([]);
    expect(st.partial).toBe(1);
    expect(expectOnlyCompleteResults(onSlurm)).not.toContain('0002');
    expect((await runCli(['sweep', 'collect', onSlurm])).code).toBe(2);

    const again = await slurmScript(onSlurm, '--unfinished');
    expect(readFileSync(again, 'utf8')).toMatch(/^#SBATCH --array=2$/m);
    await submitWait(again);
    expect(expectOnlyCompleteResults(onSlurm)).toHaveLength(6);
    expect(partial2()).toBe(false);
    expect((await runCli(['sweep', 'collect', onSlurm])).code).toBe(0);

    const r = await runCli(['sweep', 'run', local, '--all', '--workers', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect((await runCli(['sweep', 'collect', local])).code).toBe(0);
    expectSameResults(onSlurm, local, 6);
  }, 400_000);

  it('should report a failing element with its message', async () => {
    writeArray(p('Xf.npy'), uniformSphere(10, 3, { seed: 3 }));
    const spec = p('fail.json');
    writeFileSync(
      spec,
      JSON.stringify({
        name: 'fail',
        command: 'kernel',
        args: { x: 'Xf.npy' },
        list: [{ depth: 1 }, { 'w-std': -1 }],
      }),
    );
    const plan = p('plan-fail');
    expect((await runCli(['sweep', 'plan', spec, '--out', plan])).code).toBe(0);
    await submitWait(await slurmScript(plan));
    const s = await runCli(['sweep', 'status', plan]);
    expect(s.stdout).toMatch(/^1 done, 1 failed, 0 missing of 2 tasks$/m);
    expect(s.stdout).toMatch(/^failed task 1 \(exit 2\): ntk kernel: .*wStd.*$/m);
  }, 200_000);

  it('should assemble a tiled Gram matrix computed by array elements into the one-process file', async () => {
    writeArray(p('Xg.npy'), uniformSphere(320, 6, { seed: 8 }));
    const spec = p('gram.json');
    writeFileSync(
      spec,
      JSON.stringify({
        name: 'gram',
        command: 'kernel',
        args: { x: 'Xg.npy', depth: 2, 'b-std': 0.1 },
        tiles: 5,
        outputs: { out: 'K.npy' },
      }),
    );
    const plan = p('plan-gram');
    expect((await runCli(['sweep', 'plan', spec, '--out', plan])).code).toBe(0);
    await submitWait(await slurmScript(plan));
    expect((await runCli(['assemble', plan, '--out', p('K-tiled.npy')])).code).toBe(0);
    expect(
      (await runCli(['kernel', '--x', p('Xg.npy'), '--depth', '2', '--b-std', '0.1', '--out', p('K.npy')]))
        .code,
    ).toBe(0);
    expect(readFileSync(p('K-tiled.npy')).equals(readFileSync(p('K.npy')))).toBe(true);
  }, 200_000);
});
