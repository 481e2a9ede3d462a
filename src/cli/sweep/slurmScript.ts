/**
 * `ntk sweep slurm`: an sbatch script running the plan as a Slurm array job. Every array element runs
 * `ntk sweep run DIR`, which takes its task from SLURM_ARRAY_TASK_ID.
 * @packageDocumentation
 */
import { join } from 'node:path';
import { slurmTime, type TaskResources } from './estimate.ts';
import type { Plan } from './plan.ts';

/** Options of {@link slurmScript}. */
export interface SlurmScriptOptions {
  /** Task numbers to submit, in Slurm's range syntax (e.g. "0-23" or "3,7-9"). */
  readonly array: string;
  /** Maximum number of array elements running at once (the `%` limit). */
  readonly concurrency?: number;
  readonly resources: TaskResources;
  readonly partition?: string;
  readonly account?: string;
  /** The command line that starts `ntk` on the compute nodes. */
  readonly ntk: string;
  /** Extra `export NAME=value` lines (e.g. NTK_CLI_FROM_SOURCE=1). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Quotes a string for bash. */
export function shQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The text of the sbatch script. */
export function slurmScript(plan: Plan, o: SlurmScriptOptions): string {
  const logs = join(plan.dir, 'logs');
  const r = o.resources;
  const lines = [
    '#!/bin/bash',
    `# ntk sweep "${plan.manifest.name}": ${plan.tasks.length} tasks of ntk ${plan.manifest.command}.`,
    '# Submit with: sbatch <this file>; then: ntk sweep status DIR, ntk sweep collect DIR.',
    `#SBATCH --job-name=ntk-${plan.manifest.name}`,
    `#SBATCH --array=${o.array}${o.concurrency === undefined ? '' : `%${o.concurrency}`}`,
    '#SBATCH --ntasks=1',
    `#SBATCH --cpus-per-task=${r.cpus}`,
    `#SBATCH --mem=${r.memMiB}M`,
    `#SBATCH --time=${slurmTime(r.minutes)}`,
    `#SBATCH --output=${logs}/%A_%a.out`,
    `#SBATCH --error=${logs}/%A_%a.err`,
    ...(o.partition === undefined ? [] : [`#SBATCH --partition=${o.partition}`]),
    ...(o.account === undefined ? [] : [`#SBATCH --account=${o.account}`]),
    'set -euo pipefail',
    ...Object.entries(o.env ?? {}).map(([k, v]) => `export ${k}=${shQuote(v)}`),
    `cd ${shQuote(plan.dir)}`,
    // Each element runs one task, chosen by SLURM_ARRAY_TASK_ID; a finished task is skipped, so the same
    // script can be resubmitted for the unfinished ones.
    `${o.ntk} sweep run ${shQuote(plan.dir)}`,
    '',
  ];
  return lines.join('\n');
}
