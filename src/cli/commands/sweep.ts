import { join } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { emit, fmt } from '../output.ts';
import { planOutputs } from '../outputPlan.ts';
import { int } from '../parsers.ts';
import { collectTable, tableCsv, tableHtml, tableNumeric } from '../sweep/collectTable.ts';
import { estimateResources, slurmTime, type TaskResources } from '../sweep/estimate.ts';
import { runningFromSources, toolkitRoot } from '../sweep/hash.ts';
import { k8sManifest } from '../sweep/k8sManifest.ts';
import { type Plan, readPlan, writePlan } from '../sweep/plan.ts';
import { planStatus, ranges } from '../sweep/planStatus.ts';
import { runLocal } from '../sweep/runLocal.ts';
import { type CliRunner, runTask } from '../sweep/runTask.ts';
import { shQuote, slurmScript } from '../sweep/slurmScript.ts';
import { taskIndex } from '../sweep/taskIndex.ts';

interface ResourceFlags extends GlobalFlags {
  readonly mem?: number;
  readonly time?: number;
  readonly cpus?: number;
  readonly out?: string;
}

function resources(plan: Plan, f: ResourceFlags): TaskResources {
  const e = estimateResources(plan);
  return { memMiB: f.mem ?? e.memMiB, minutes: f.time ?? e.minutes, cpus: f.cpus ?? e.cpus };
}

function addResourceFlags(cmd: Command): Command {
  return cmd
    .option('--mem <MiB>', 'memory per task in MiB (default: estimated from the tasks)', int)
    .option('--time <minutes>', 'time limit per task in minutes (default: estimated from the tasks)', int)
    .option('--cpus <n>', 'CPUs per task (default 1)', int);
}

/** `ntk sweep`: grids of runs as plans of idempotent tasks, run locally or as cluster array jobs. */
export function registerSweep(program: Command, ctx: CliContext, cli: CliRunner): void {
  const sweep = program
    .command('sweep')
    .description(
      'grids of runs as plans of atomic, resumable tasks: run locally or as Slurm/Kubernetes array jobs',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ ntk sweep plan spec.json --out plan/          # expand the grid into numbered tasks
  $ ntk sweep run plan/ --all --workers 2         # run them here, or on a cluster:
  $ ntk sweep slurm plan/ && sbatch plan/sweep.sbatch
  $ ntk sweep k8s plan/ --image my/ntk:0.1 && kubectl apply -f plan/sweep-job.yaml
  $ ntk sweep status plan/                        # done / failed (with messages) / missing
  $ ntk sweep collect plan/                       # plan/results.csv and plan/report.html
See docs/cluster.md for the spec format and a walkthrough.`,
    );

  sweep
    .command('plan')
    .description('expand a sweep spec (.json/.yaml) into a plan directory of numbered tasks')
    .argument('<spec>', 'the spec file')
    .requiredOption(
      '--out <dir>',
      'the plan directory (created; re-planning the same spec into it is a no-op)',
    )
    .action((spec: string, _o, command: Command) => {
      const f = command.optsWithGlobals() as GlobalFlags & { out: string };
      const p = writePlan(spec, f.out);
      emit(
        ctx,
        f,
        {
          command: 'sweep plan',
          dir: p.dir,
          name: p.manifest.name,
          tasks: p.tasks.length,
          unchanged: p.unchanged,
          inputs: p.manifest.inputs,
          toolkit: p.manifest.toolkit,
        },
        [
          `${p.unchanged ? 'plan unchanged' : 'planned'}: ${p.tasks.length} tasks of ntk ${p.manifest.command} in ${p.dir}`,
          ...p.manifest.inputs.map(
            (i) => `input ${i.path} (sha256 ${i.sha256.slice(0, 12)}…, ${i.bytes} bytes)`,
          ),
        ],
      );
    });

  sweep
    .command('run')
    .description('run one task (--task N or the array-job index in the environment), or all of them (--all)')
    .argument('<dir>', 'the plan directory')
    .option(
      '--task <n>',
      'task number (default: SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, PBS/SGE/LSF index)',
      int,
    )
    .option('--all', 'run every unfinished task on this machine')
    .option(
      '--workers <k>',
      'with --all: tasks at a time, each in its own process (1: in this process)',
      int,
      1,
    )
    .action(async (dir: string, _o, command: Command) => {
      const f = command.optsWithGlobals() as GlobalFlags & { task?: number; all?: boolean; workers: number };
      const plan = readPlan(dir);
      if (f.all === true) {
        if (f.task !== undefined) throw new UsageError('give --task or --all, not both');
        if (f.workers < 1) throw new UsageError(`--workers must be at least 1 (got ${f.workers})`);
        const t0 = performance.now();
        const out = await runLocal(plan, f.workers, cli, (o) => {
          if (o.status === 'failed') ctx.io.stderr(`task ${o.id} failed: ${o.message}\n`);
        });
        const seconds = (performance.now() - t0) / 1000;
        const count = (s: string) => out.filter((o) => o.status === s).length;
        if (count('failed') > 0) ctx.exitCode = 1;
        emit(
          ctx,
          f,
          {
            command: 'sweep run',
            tasks: out.length,
            done: count('done'),
            skipped: count('skipped'),
            failed: count('failed'),
            outcomes: out,
            seconds,
          },
          [
            `${count('done')} done, ${count('skipped')} already done, ${count('failed')} failed of ${out.length} tasks (${fmt(seconds)} s)`,
          ],
        );
        return;
      }
      const id = taskIndex(f.task, process.env, plan.tasks.length);
      const o = await runTask(plan, id, cli);
      if (o.status === 'failed') ctx.exitCode = 1;
      emit(ctx, f, { command: 'sweep run', ...o }, [
        o.status === 'failed'
          ? `task ${id} failed: ${o.message}`
          : o.status === 'skipped'
            ? `task ${id} already done`
            : `task ${id} done (${fmt(o.seconds ?? 0)} s)`,
      ]);
    });

  sweep
    .command('status')
    .description('done / failed / missing tasks of a plan, with the failing messages')
    .argument('<dir>', 'the plan directory')
    .action((dir: string, _o, command: Command) => {
      const f = command.optsWithGlobals() as GlobalFlags;
      const s = planStatus(readPlan(dir));
      emit(ctx, f, { command: 'sweep status', ...s }, [
        `${s.done.length} done, ${s.failed.length} failed, ${s.missing.length} missing of ${s.tasks} tasks` +
          (s.partial > 0 ? ` (${s.partial} partial result folders of running or killed attempts)` : ''),
        ...s.failed.map((e) => `failed task ${e.task} (exit ${e.exitCode}): ${e.message}`),
        ...(s.missing.length > 0 ? [`missing: ${ranges(s.missing)}`] : []),
      ]);
    });

  sweep
    .command('collect')
    .description("one table of the results (CSV/JSON/.npy) and an HTML page with the spec's plots")
    .argument('<dir>', 'the plan directory')
    .option('--out <file>', 'the table: .csv, .json or .npy (numeric columns) (default DIR/results.csv)')
    .option('--html <file>', 'the HTML page (default DIR/report.html)')
    .option('--partial', 'collect even if some tasks have no result yet')
    .action((dir: string, _o, command: Command) => {
      const f = command.optsWithGlobals() as GlobalFlags & { out?: string; html?: string; partial?: boolean };
      const plan = readPlan(dir);
      const out = f.out ?? join(plan.dir, 'results.csv');
      const html = f.html ?? join(plan.dir, 'report.html');
      const npy = /\.npy$/i.test(out);
      const outs = planOutputs([
        { flag: '--out', path: out },
        { flag: '--out columns', path: npy ? `${out}.columns.json` : undefined, extensions: ['.json'] },
        { flag: '--html', path: html, extensions: ['.html'] },
      ]);
      const t = collectTable(plan);
      if (t.missing.length > 0 && f.partial !== true) {
        throw new UsageError(
          `tasks ${ranges(t.missing)} have no result (see ntk sweep status); run them or pass --partial`,
        );
      }
      outs.text('--html', tableHtml(plan, t));
      if (/\.csv$/i.test(out)) outs.text('--out', tableCsv(t));
      else if (/\.json$/i.test(out)) {
        const rows = t.rows.map((r) =>
          r.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)),
        );
        outs.text('--out', `${JSON.stringify({ columns: t.columns, rows }, null, 1)}\n`);
      } else {
        const m = tableNumeric(t);
        outs.array('--out', m);
        outs.text('--out columns', `${JSON.stringify(m.columns)}\n`);
      }
      outs.commit();
      emit(
        ctx,
        f,
        { command: 'sweep collect', rows: t.rows.length, columns: t.columns, missing: t.missing, out, html },
        [
          `${t.rows.length} rows × ${t.columns.length} columns written to ${out}`,
          `plots and table written to ${html}`,
        ],
      );
    });

  const defaultNtk = `${shQuote(process.execPath)} ${shQuote(join(toolkitRoot(), 'bin', 'ntk.mjs'))}`;
  addResourceFlags(
    sweep
      .command('slurm')
      .description('write an sbatch script running the plan as a Slurm array job')
      .argument('<dir>', 'the plan directory')
      .option('--out <file>', 'the script (default DIR/sweep.sbatch)')
      .option('--concurrency <k>', 'array elements running at once (the % limit)', int)
      .option('--unfinished', 'only the tasks that are not done (for resubmitting)')
      .option('--partition <name>', 'Slurm partition')
      .option('--account <name>', 'Slurm account')
      .option('--ntk <command>', 'how the compute nodes start ntk', defaultNtk),
  ).action((dir: string, _o, command: Command) => {
    const f = command.optsWithGlobals() as ResourceFlags & {
      concurrency?: number;
      unfinished?: boolean;
      partition?: string;
      account?: string;
      ntk: string;
    };
    const plan = readPlan(dir);
    const ids =
      f.unfinished === true
        ? (() => {
            const s = planStatus(plan);
            return [...s.failed.map((e) => e.task), ...s.missing].sort((a, b) => a - b);
          })()
        : plan.tasks.map((t) => t.id);
    if (ids.length === 0) throw new UsageError('every task is done: nothing to submit');
    const r = resources(plan, f);
    const out = f.out ?? join(plan.dir, 'sweep.sbatch');
    const fromSource = runningFromSources() && f.ntk === defaultNtk;
    const text = slurmScript(plan, {
      array: ranges(ids),
      ...(f.concurrency !== undefined ? { concurrency: f.concurrency } : {}),
      resources: r,
      ...(f.partition !== undefined ? { partition: f.partition } : {}),
      ...(f.account !== undefined ? { account: f.account } : {}),
      ntk: f.ntk,
      ...(fromSource ? { env: { NTK_CLI_FROM_SOURCE: '1' } } : {}),
    });
    writeFileAtomic('ntk sweep slurm', out, text);
    emit(ctx, f, { command: 'sweep slurm', out, array: ranges(ids), tasks: ids.length, resources: r }, [
      `sbatch script for ${ids.length} tasks (array ${ranges(ids)}; ${r.cpus} CPU, ${r.memMiB} MiB, ${slurmTime(r.minutes)} each) written to ${out}`,
      `submit with: sbatch ${out}`,
    ]);
  });

  addResourceFlags(
    sweep
      .command('k8s')
      .description('write a Kubernetes Indexed Job manifest running the plan')
      .argument('<dir>', 'the plan directory')
      .requiredOption('--image <image>', 'container image with ntk installed')
      .option('--out <file>', 'the manifest (default DIR/sweep-job.yaml)')
      .option('--command <argv>', 'how the image starts ntk (space-separated)', 'ntk')
      .option('--parallelism <k>', 'pods running at once', int, 4)
      .option('--backoff-per-index <n>', 'retries of a failing task (backoffLimitPerIndex)', int, 2)
      .option('--claim <name>', 'PersistentVolumeClaim holding the plan directory', 'ntk-sweep')
      .option('--mount-path <path>', 'where the volume is mounted in the pod', '/sweep')
      .option('--sub-path <path>', "the plan directory's path inside the volume (default: its folder name)")
      .option('--namespace <ns>', 'namespace of the Job'),
  ).action((dir: string, _o, command: Command) => {
    const f = command.optsWithGlobals() as ResourceFlags & {
      image: string;
      command: string;
      parallelism: number;
      backoffPerIndex: number;
      claim: string;
      mountPath: string;
      subPath?: string;
      namespace?: string;
    };
    const plan = readPlan(dir);
    if (f.parallelism < 1) throw new UsageError(`--parallelism must be at least 1 (got ${f.parallelism})`);
    const r = resources(plan, f);
    const out = f.out ?? join(plan.dir, 'sweep-job.yaml');
    const text = k8sManifest(plan, {
      image: f.image,
      command: f.command.split(/\s+/).filter((s) => s !== ''),
      parallelism: f.parallelism,
      backoffPerIndex: f.backoffPerIndex,
      claim: f.claim,
      mountPath: f.mountPath,
      subPath: f.subPath ?? plan.dir.split('/').pop()!,
      resources: r,
      ...(f.namespace !== undefined ? { namespace: f.namespace } : {}),
    });
    writeFileAtomic('ntk sweep k8s', out, text);
    emit(ctx, f, { command: 'sweep k8s', out, completions: plan.tasks.length, resources: r }, [
      `Indexed Job for ${plan.tasks.length} tasks (${r.cpus} CPU, ${r.memMiB} MiB each) written to ${out}`,
      `apply with: kubectl apply -f ${out}`,
    ]);
  });
}
