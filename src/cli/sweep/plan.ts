/**
 * A plan directory: `manifest.json` (spec, toolkit identity, input hashes), `tasks.json` (numbered tasks
 * with their full argument lists), `inputs/` (content-addressed copies of the input files, so the plan is
 * self-contained and can be moved to a shared volume), and the run folders `tasks/`, `errors/`, `logs/`.
 * @packageDocumentation
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import { UsageError } from '../context.ts';
import { sha256File, toolkitIdentity } from './hash.ts';
import { type ArgValue, expandSpec, parseSpec, type SweepSpec } from './spec.ts';

/** Placeholder for the plan directory in task arguments (resolved when the task runs). */
export const PLAN_DIR = '{plan}';
/** Placeholder for the task's (temporary) result folder in task arguments. */
export const OUT_DIR = '{out}';

/** One numbered task of a plan. */
export interface PlanTask {
  readonly id: number;
  readonly params: Readonly<Record<string, ArgValue>>;
  /** The subcommand and its flags, with {plan}/{out} placeholders. */
  readonly argv: readonly string[];
}

/** An input file copied into the plan. */
export interface PlanInput {
  /** Path inside the plan directory. */
  readonly path: string;
  readonly source: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The plan's manifest.json. */
export interface PlanManifest {
  readonly format: 'ntk-sweep-plan';
  readonly version: 1;
  readonly name: string;
  readonly command: string;
  readonly tasks: number;
  readonly specSha256: string;
  readonly spec: SweepSpec;
  readonly toolkit: { readonly version: string; readonly sourceHash: string };
  readonly inputs: readonly PlanInput[];
}

/** A loaded plan. */
export interface Plan {
  readonly dir: string;
  readonly manifest: PlanManifest;
  readonly tasks: readonly PlanTask[];
}

/** Folder name of task `id` (zero-padded so listings sort). */
export const taskName = (id: number): string => String(id).padStart(4, '0');

function readJson(path: string, what: string): unknown {
  try {
    const text = readFileSync(path, 'utf8');
    return /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} ${path}: ${(e as Error).message}`);
  }
}

/** Expands a spec file into a plan directory; re-planning the same spec and inputs into it is a no-op. */
export function writePlan(specPath: string, outDir: string): Plan & { unchanged: boolean } {
  if (!existsSync(specPath)) throw new UsageError(`SPEC ${specPath}: file not found`);
  if (!/\.(json|ya?ml)$/i.test(specPath))
    throw new UsageError(`SPEC ${specPath}: must be a .json, .yaml or .yml file`);
  const spec = parseSpec(readJson(specPath, 'SPEC'));
  const specDir = dirname(resolve(specPath));
  const dir = resolve(outDir);
  const inputs = new Map<string, PlanInput>();
  const asInput = (flag: string, v: ArgValue): string | undefined => {
    if (typeof v !== 'string' || flag in spec.outputs) return undefined;
    const src = isAbsolute(v) ? v : join(specDir, v);
    if (!existsSync(src) || !statSync(src).isFile()) return undefined;
    const sha = sha256File(src);
    const path = `inputs/${sha.slice(0, 12)}-${basename(src)}`;
    if (!inputs.has(path)) inputs.set(path, { path, source: src, sha256: sha, bytes: statSync(src).size });
    return `${PLAN_DIR}/${path}`;
  };
  const tasks: PlanTask[] = expandSpec(spec).map((t, id) => {
    const argv = [spec.command];
    for (const [flag, v] of Object.entries(t.flags)) {
      if (v === false) continue;
      argv.push(`--${flag}`);
      if (v !== true) argv.push(asInput(flag, v) ?? String(v));
    }
    for (const [flag, file] of Object.entries(spec.outputs)) argv.push(`--${flag}`, `${OUT_DIR}/${file}`);
    return { id, params: t.params, argv };
  });
  const manifest: PlanManifest = {
    format: 'ntk-sweep-plan',
    version: 1,
    name: spec.name,
    command: spec.command,
    tasks: tasks.length,
    specSha256: sha256File(specPath),
    spec,
    toolkit: toolkitIdentity(),
    inputs: [...inputs.values()],
  };
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const old = readPlan(dir);
    const same = (m: PlanManifest) =>
      JSON.stringify([m.spec, m.toolkit, m.inputs.map((i) => [i.path, i.sha256]), m.tasks]);
    if (same(old.manifest) !== same(manifest)) {
      throw new UsageError(
        `--out ${outDir} holds a different plan (spec, inputs or toolkit changed); use a new directory`,
      );
    }
    return { ...old, unchanged: true };
  }
  for (const sub of ['inputs', 'tasks', 'errors', 'logs']) mkdirSync(join(dir, sub), { recursive: true });
  for (const i of inputs.values()) copyFileSync(i.source, join(dir, i.path));
  writeFileAtomic('ntk sweep plan', join(dir, 'tasks.json'), `${JSON.stringify(tasks, null, 1)}\n`);
  writeFileAtomic('ntk sweep plan', manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest, tasks, unchanged: false };
}

/** Loads a plan directory written by {@link writePlan}. */
export function readPlan(planDir: string): Plan {
  const dir = resolve(planDir);
  const mp = join(dir, 'manifest.json');
  if (!existsSync(mp)) throw new UsageError(`DIR ${planDir}: not a sweep plan (no manifest.json)`);
  const manifest = readJson(mp, 'manifest') as PlanManifest;
  if (manifest.format !== 'ntk-sweep-plan' || manifest.version !== 1)
    throw new UsageError(`DIR ${planDir}: manifest.json is not an ntk sweep plan (version 1)`);
  const tasks = readJson(join(dir, 'tasks.json'), 'tasks') as PlanTask[];
  if (!Array.isArray(tasks) || tasks.length !== manifest.tasks)
    throw new UsageError(`DIR ${planDir}: tasks.json does not match the manifest`);
  return { dir, manifest, tasks };
}
