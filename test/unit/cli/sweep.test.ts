import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../../../src/cli/context.ts';
import { collectTable } from '../../../src/cli/sweep/collectTable.ts';
import { estimateResources, slurmTime } from '../../../src/cli/sweep/estimate.ts';
import type { Plan } from '../../../src/cli/sweep/plan.ts';
import { expandSpec, parseSpec } from '../../../src/cli/sweep/spec.ts';
import { taskIndex } from '../../../src/cli/sweep/taskIndex.ts';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { readNpy } from '../../../src/io/readNpy.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-sweep-');
const x = uniformSphere(6, 3, { seed: 4 });

/** A spec of kernel tasks (fast): depth × b-std grid, plus a list. */
function writeSpec(name: string, extra: Record<string, unknown> = {}): string {
  const path = p(`${name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      name,
      command: 'kernel',
      args: { x: 'X.npy' },
      grid: { depth: [1, 2], 'b-std': [0, 0.5] },
      outputs: { out: 'K.npy' },
      plots: [{ x: 'depth', y: 'max', by: 'b-std' }],
      ...extra,
    }),
  );
  return path;
}

beforeAll(() => {
  writeArray(p('X.npy'), x);
});

describe('sweep spec', () => {
  it('should expand the grid with the first key slowest, then the list, then the tiles', () => {
    const s = parseSpec({
      command: 'kernel',
      args: { x: 'X.npy', get: 'ntk' },
      grid: { depth: [1, 2], 'b-std': [0, 0.5, 1] },
      list: [{ normalize: true }, { 'w-std': 2 }],
      tiles: 2,
    });
    const t = expandSpec(s);
    expect(t).toHaveLength(2 * 3 * 2 * 2);
    expect(t[0].params).toEqual({ depth: 1, 'b-std': 0, normalize: true, tile: '0/2' });
    expect(t[1].params).toEqual({ depth: 1, 'b-std': 0, normalize: true, tile: '1/2' });
    expect(t[2].params).toEqual({ depth: 1, 'b-std': 0, 'w-std': 2, tile: '0/2' });
    expect(t[4].params).toMatchObject({ depth: 1, 'b-std': 0.5 });
    expect(t[23].flags).toEqual({ x: 'X.npy', get: 'ntk', depth: 2, 'b-std': 1, 'w-std': 2, tile: '1/2' });
  });

  it('should reject unknown keys, unknown commands, bad values and tiles outside kernel', () => {
    expect(() => parseSpec({ command: 'kernel', gird: {} })).toThrow(/unknown key "gird"/);
    expect(() => parseSpec({ command: 'rm' })).toThrow(/command must be one of/);
    expect(() => parseSpec({ command: 'kernel', grid: { depth: [] } })).toThrow(/grid.depth/);
    expect(() => parseSpec({ command: 'kernel', args: { '--x': 'X.npy' } })).toThrow(/kebab-case/);
    expect(() => parseSpec({ command: 'adv-train', tiles: 4 })).toThrow(/tiles applies to command "kernel"/);
    expect(() => parseSpec({ command: 'kernel', outputs: { out: '../K.npy' } })).toThrow(/plain file name/);
  });
});

describe('collectTable', () => {
  it('should flatten results by name and checks by id, leaving timing and machine fields out', () => {
    const dir = p('fake-plan');
    const result = {
      command: 'verify',
      seconds: 3.2,
      ok: true,
      report: {
        machine: { cpuModel: 'x' },
        checks: [
          { id: 'C1', status: 'pass', value: 1.5, comparisons: [{ label: 'a' }] },
          { id: 'C2', status: 'fail', value: 'Infinity' },
        ],
      },
      history: [1, 2, 3],
    };
    mkdirSync(join(dir, 'tasks', '0000'), { recursive: true });
    writeFileSync(
      join(dir, 'tasks', '0000', 'result.json'),
      JSON.stringify({ task: 0, params: { seed: 7 }, result }),
    );
    const plan = {
      dir,
      tasks: [
        { id: 0, params: { seed: 7 }, argv: [] },
        { id: 1, params: { seed: 8 }, argv: [] },
      ],
    };
    const t = collectTable(plan as unknown as Plan);
    expect(t.missing).toEqual([1]);
    expect(t.columns).toEqual([
      'task',
      'seed',
      'command',
      'ok',
      'report.checks.C1.id',
      'report.checks.C1.status',
      'report.checks.C1.value',
      'report.checks.C2.id',
      'report.checks.C2.status',
      'report.checks.C2.value',
    ]);
    expect(t.rows).toEqual([
      [0, 7, 'verify', 'true', 'C1', 'pass', 1.5, 'C2', 'fail', Number.POSITIVE_INFINITY],
    ]);
  });
});

describe('estimateResources', () => {
  it('should ask for more memory for more rows per tile and format Slurm times', async () => {
    writeArray(p('X4096.npy'), uniformSphere(4096, 8, { seed: 1 }));
    const mem = async (tiles: number) => {
      const path = p(`tiles${tiles}.json`);
      writeFileSync(path, JSON.stringify({ command: 'kernel', args: { x: 'X4096.npy' }, tiles }));
      const dir = p(`plan-tiles${tiles}`);
      expect((await runCli(['sweep', 'plan', path, '--out', dir])).code).toBe(0);
      const { readPlan } = await import('../../../src/cli/sweep/plan.ts');
      return estimateResources(readPlan(dir));
    };
    const one = await mem(1);
    const eight = await mem(8);
    // One tile holds nngp, ntk and the output: at least 3 · 8 · 4096² bytes = 384 MiB above the base.
    expect(one.memMiB).toBeGreaterThanOrEqual(384);
    expect(eight.memMiB).toBeLessThan(one.memMiB);
    expect(eight.minutes).toBeLessThanOrEqual(one.minutes);
    expect(slurmTime(5)).toBe('00:05:00');
    expect(slurmTime(125)).toBe('02:05:00');
    expect(slurmTime(1500)).toBe('1-01:00:00');
  });
});

describe('taskIndex', () => {
  it('should take --task first, then the engine variables (SGE and LSF are 1-based)', () => {
    expect(taskIndex(3, { SLURM_ARRAY_TASK_ID: '5' }, 10)).toBe(3);
    expect(taskIndex(undefined, { SLURM_ARRAY_TASK_ID: '5' }, 10)).toBe(5);
    expect(taskIndex(undefined, { JOB_COMPLETION_INDEX: '0' }, 10)).toBe(0);
    expect(taskIndex(undefined, { PBS_ARRAY_INDEX: '7' }, 10)).toBe(7);
    expect(taskIndex(undefined, { SGE_TASK_ID: '1' }, 10)).toBe(0);
    expect(taskIndex(undefined, { LSB_JOBINDEX: '10' }, 10)).toBe(9);
    expect(() => taskIndex(undefined, {}, 10)).toThrow(UsageError);
    expect(() => taskIndex(undefined, { SLURM_ARRAY_TASK_ID: '10' }, 10)).toThrow(/outside 0..9/);
    expect(() => taskIndex(undefined, { SGE_TASK_ID: 'x' }, 10)).toThrow(/non-negative integer/);
  });
});

describe('ntk sweep (in-process runner)', () => {
  it('should plan, run each task once, and collect a table whose numbers are the kernels', async () => {
    const dir = p('plan-a');
    const r = await runCli(['sweep', 'plan', writeSpec('a'), '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.tasks).toBe(4);
    expect(manifest.inputs).toHaveLength(1);
    expect(manifest.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.toolkit.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    // Re-planning the same spec into the same directory is a no-op.
    expect((await runCli(['sweep', 'plan', writeSpec('a'), '--out', dir])).stdout).toMatch(/plan unchanged/);

    const run = await runCli(['sweep', 'run', dir, '--all']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/4 done, 0 already done, 0 failed of 4/);
    const again = await runCli(['sweep', 'run', dir, '--task', '2']);
    expect(again.stdout).toMatch(/task 2 already done/);

    // Task 3 = depth 2, b-std 0.5 (first grid key slowest): its K.npy is exactly that kernel.
    const K = readNpy(join(dir, 'tasks', '0003', 'K.npy'));
    expect(K.data).toEqual(fcReluKernel({ depth: 2, bStd: 0.5 })(x).ntk.data);

    const c = await runCli(['sweep', 'collect', dir]);
    expect(c.code, c.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n');
    const cols = lines[0].split(',');
    expect(cols.slice(0, 3)).toEqual(['task', 'depth', 'b-std']);
    expect(cols).not.toContain('seconds');
    const row3 = lines[4].split(',');
    let max = Number.NEGATIVE_INFINITY;
    for (const v of K.data) max = Math.max(max, v);
    expect(Number(row3[cols.indexOf('max')])).toBe(max);
    const npy = await runCli(['sweep', 'collect', dir, '--out', p('a.npy'), '--html', p('a.html')]);
    expect(npy.code, npy.stderr).toBe(0);
    const numeric = readNpy(p('a.npy'));
    const names: string[] = JSON.parse(readFileSync(p('a.npy.columns.json'), 'utf8'));
    expect(numeric.shape).toEqual([4, names.length]);
    expect(names.slice(0, 3)).toEqual(['task', 'depth', 'b-std']);
    expect(numeric.data[3 * names.length + names.indexOf('max')]).toBe(max);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('b-std = 0.5');
  });

  it('should record a failing task with its message, rerun it, and keep collect from treating it as done', async () => {
    const dir = p('plan-fail');
    const spec = writeSpec('fail', {
      grid: { depth: [1] },
      list: [{ 'w-std': 1 }, { 'w-std': -1 }],
      plots: [{ x: 'w-std', y: 'max' }],
    });
    expect((await runCli(['sweep', 'plan', spec, '--out', dir])).code).toBe(0);
    const r = await runCli(['sweep', 'run', dir, '--all']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/task 1 failed: .*wStd/);
    const s = await runCli(['--json', 'sweep', 'status', dir]);
    const st = JSON.parse(s.stdout);
    expect(st.done).toEqual([0]);
    expect(st.failed).toHaveLength(1);
    expect(st.failed[0]).toMatchObject({ task: 1, exitCode: 2 });
    expect(st.failed[0].message).toMatch(/wStd/);
    expect((await runCli(['sweep', 'status', dir])).stdout).toMatch(/failed task 1 \(exit 2\): .*wStd/);
    // A failed task is not skipped: running it again runs (and fails) again.
    const before = JSON.parse(readFileSync(join(dir, 'errors', '0001.json'), 'utf8')).at;
    await new Promise((res) => setTimeout(res, 5));
    expect((await runCli(['sweep', 'run', dir, '--task', '1'])).code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'errors', '0001.json'), 'utf8')).at).not.toBe(before);
    expect(oneLineError(await runCli(['sweep', 'collect', dir]))).toMatch(/tasks 1 have no result/);
    const c = await runCli(['sweep', 'collect', dir, '--partial', '--out', p('fail.json')]);
    expect(c.code, c.stderr).toBe(0);
    const table = JSON.parse(readFileSync(p('fail.json'), 'utf8'));
    expect(table.rows.map((r: unknown[]) => r[0])).toEqual([0]);
  });

  it('should ignore and replace the leftovers of a killed attempt, and refuse tampered inputs', async () => {
    const dir = p('plan-kill');
    expect((await runCli(['sweep', 'plan', writeSpec('kill'), '--out', dir])).code).toBe(0);
    const { hostname } = await import('node:os');
    // A killed attempt (no such process) and one still running here (the test runner's parent process).
    const partial = join(dir, 'tasks', `.0001.partial-${hostname()}-999999`);
    const running = join(dir, 'tasks', `.0001.partial-${hostname()}-${process.ppid}`);
    for (const d of [partial, running]) {
      mkdirSync(d);
      writeFileSync(join(d, 'K.npy'), 'half');
    }
    const st = JSON.parse((await runCli(['--json', 'sweep', 'status', dir])).stdout);
    expect(st).toMatchObject({ done: [], missing: [0, 1, 2, 3], partial: 2 });
    expect((await runCli(['sweep', 'run', dir, '--task', '1'])).code).toBe(0);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(readdirSync(join(dir, 'tasks')).filter((f) => !f.startsWith('.'))).toEqual(['0001']);
    expect(readNpy(join(dir, 'tasks', '0001', 'K.npy')).shape).toEqual([6, 6]);

    const input = join(dir, JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).inputs[0].path);
    writeArray(input, uniformSphere(6, 3, { seed: 5 }));
    const r = await runCli(['sweep', 'run', dir, '--task', '2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/changed since the plan was made/);
    expect(existsSync(join(dir, 'tasks', '0002'))).toBe(false);
  });

  it('should write an sbatch script that bash accepts and a well-formed Kubernetes Indexed Job', async () => {
    const dir = p('plan-jobs');
    expect((await runCli(['sweep', 'plan', writeSpec('jobs'), '--out', dir])).code).toBe(0);
    expect((await runCli(['sweep', 'run', dir, '--task', '2'])).code).toBe(0);
    const s = await runCli([
      'sweep',
      'slurm',
      dir,
      '--concurrency',
      '2',
      '--unfinished',
      '--partition',
      'short',
    ]);
    expect(s.code, s.stderr).toBe(0);
    const script = readFileSync(join(dir, 'sweep.sbatch'), 'utf8');
    expect(spawnSync('bash', ['-n', join(dir, 'sweep.sbatch')]).status).toBe(0);
    expect(script).toMatch(/^#SBATCH --array=0-1,3%2$/m);
    expect(script).toMatch(/^#SBATCH --mem=\d+M$/m);
    expect(script).toMatch(/^#SBATCH --time=\d\d:\d\d:00$/m);
    expect(script).toMatch(/^#SBATCH --partition=short$/m);
    expect(script).toContain(`--output=${dir}/logs/%A_%a.out`);
    expect(script).toMatch(/sweep run /);

    const k = await runCli([
      'sweep',
      'k8s',
      dir,
      '--image',
      'registry.example/ntk:0.1',
      '--parallelism',
      '3',
    ]);
    expect(k.code, k.stderr).toBe(0);
    const job = parse(readFileSync(join(dir, 'sweep-job.yaml'), 'utf8'));
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.kind).toBe('Job');
    expect(job.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    expect(job.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: 4,
      parallelism: 3,
      backoffLimitPerIndex: 2,
    });
    expect(job.spec.maxFailedIndexes).toBeLessThanOrEqual(job.spec.completions);
    const pod = job.spec.template.spec;
    // backoffLimitPerIndex requires restartPolicy Never.
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers).toHaveLength(1);
    const c = pod.containers[0];
    expect(c.image).toBe('registry.example/ntk:0.1');
    expect(c.command).toEqual(['ntk', 'sweep', 'run', '/sweep/plan-jobs']);
    expect(c.command.every((a: unknown) => typeof a === 'string')).toBe(true);
    expect(c.resources.limits.memory).toMatch(/^\d+Mi$/);
    expect(pod.volumes.map((v: { name: string }) => v.name)).toContain(c.volumeMounts[0].name);
    expect(pod.volumes[0].persistentVolumeClaim.claimName).toBe('ntk-sweep');
  });

  it('should give one-line errors for a missing plan, a missing task number and a changed spec', async () => {
    expect(oneLineError(await runCli(['sweep', 'status', p('nothing')]))).toMatch(/not a sweep plan/);
    const dir = p('plan-err');
    expect((await runCli(['sweep', 'plan', writeSpec('err'), '--out', dir])).code).toBe(0);
    const env = { ...process.env };
    for (const v of [
      'SLURM_ARRAY_TASK_ID',
      'JOB_COMPLETION_INDEX',
      'PBS_ARRAY_INDEX',
      'PBS_ARRAYID',
      'SGE_TASK_ID',
      'LSB_JOBINDEX',
    ])
      delete process.env[v];
    try {
      expect(oneLineError(await runCli(['sweep', 'run', dir]))).toMatch(/no task given/);
    } finally {
      Object.assign(process.env, env);
    }
    expect(
      oneLineError(await runCli(['sweep', 'plan', writeSpec('err', { grid: { depth: [3] } }), '--out', dir])),
    ).toMatch(/holds a different plan/);
    const bad = p('plan-badplot');
    const spec = writeSpec('badplot', {
      grid: { depth: [1] },
      plots: [{ x: 'depth', y: 'max', by: 'b-std' }],
    });
    expect((await runCli(['sweep', 'plan', spec, '--out', bad])).code).toBe(0);
    expect((await runCli(['sweep', 'run', bad, '--all'])).code).toBe(0);
    expect(oneLineError(await runCli(['sweep', 'collect', bad]))).toMatch(
      /plot by column "b-std" is not in the table/,
    );
    expect(existsSync(join(bad, 'results.csv'))).toBe(false);
  });
});
