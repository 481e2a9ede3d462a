/**
 * The sweep spec: a grid (and/or list) of runs of one `ntk` subcommand, expanded into numbered tasks.
 *
 * ```json
 * { "name": "width-rho", "command": "adv-train",
 *   "args": { "x": "X.npy", "y": "y.npy", "learning-rate": 0.5, "iterations": 200, "set": "cap" },
 *   "grid": { "width": [50, 100, 200], "radius": [0.1, 0.2] },
 *   "outputs": { "history-out": "history.csv" },
 *   "plots": [{ "x": "width", "y": "best.robustLoss", "by": "radius" }] }
 * ```
 * Tasks are the Cartesian product of `grid` (first key slowest) times the entries of `list` (each merged
 * over `args`); `tiles: N` (for `kernel`) adds `--tile I/N` for I = 0..N−1 as the fastest axis.
 * @packageDocumentation
 */
import { UsageError } from '../context.ts';

/** A flag value in a spec: a number, a string, or `true` for a flag without a value. */
export type ArgValue = number | string | boolean;

/** A plot of the collected table: `y` against `x`, one line per value of `by`. */
export interface PlotSpec {
  readonly x: string;
  readonly y: string;
  readonly by?: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly title?: string;
}

/** A validated sweep spec. */
export interface SweepSpec {
  readonly name: string;
  readonly command: string;
  readonly args: Readonly<Record<string, ArgValue>>;
  readonly grid: Readonly<Record<string, readonly ArgValue[]>>;
  readonly list: readonly Readonly<Record<string, ArgValue>>[];
  readonly tiles?: number;
  /** Output flags → file names inside each task's result folder. */
  readonly outputs: Readonly<Record<string, string>>;
  readonly plots: readonly PlotSpec[];
}

/** Subcommands a sweep may run. */
export const SWEEP_COMMANDS = [
  'adv-train',
  'regress',
  'bracket',
  'verify',
  'kernel',
  'attack',
  'robust-interp',
];

const FLAG = /^[a-z][a-z0-9-]*$/;

function isArgValue(v: unknown): v is ArgValue {
  return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string' || typeof v === 'boolean';
}

function checkArgs(where: string, o: unknown): Record<string, ArgValue> {
  if (o === undefined) return {};
  if (o === null || typeof o !== 'object' || Array.isArray(o))
    throw new UsageError(`spec: ${where} must be an object of flag: value (got ${JSON.stringify(o)})`);
  for (const [k, v] of Object.entries(o)) {
    if (!FLAG.test(k)) throw new UsageError(`spec: ${where}.${k}: flag names are kebab-case without dashes`);
    if (!isArgValue(v))
      throw new UsageError(
        `spec: ${where}.${k} must be a finite number, string or boolean (got ${JSON.stringify(v)})`,
      );
  }
  return o as Record<string, ArgValue>;
}

/** Validates a parsed spec document. */
export function parseSpec(doc: unknown): SweepSpec {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    throw new UsageError('spec must be a JSON object');
  const o = doc as Record<string, unknown>;
  const known = new Set(['name', 'command', 'args', 'grid', 'list', 'tiles', 'outputs', 'plots']);
  for (const k of Object.keys(o))
    if (!known.has(k)) throw new UsageError(`spec: unknown key "${k}" (known: ${[...known].join(', ')})`);
  if (typeof o.command !== 'string' || !SWEEP_COMMANDS.includes(o.command))
    throw new UsageError(
      `spec: command must be one of ${SWEEP_COMMANDS.join(', ')} (got ${JSON.stringify(o.command)})`,
    );
  const name = o.name === undefined ? o.command : o.name;
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(name))
    throw new UsageError(`spec: name must be letters, digits, . _ - (got ${JSON.stringify(name)})`);
  const args = checkArgs('args', o.args);
  const grid: Record<string, ArgValue[]> = {};
  if (o.grid !== undefined) {
    if (o.grid === null || typeof o.grid !== 'object' || Array.isArray(o.grid))
      throw new UsageError('spec: grid must be an object of flag: [values]');
    for (const [k, v] of Object.entries(o.grid)) {
      if (!FLAG.test(k)) throw new UsageError(`spec: grid.${k}: flag names are kebab-case without dashes`);
      if (!Array.isArray(v) || v.length === 0 || !v.every(isArgValue))
        throw new UsageError(`spec: grid.${k} must be a non-empty array of numbers/strings/booleans`);
      grid[k] = v;
    }
  }
  if (o.list !== undefined && (!Array.isArray(o.list) || o.list.length === 0))
    throw new UsageError('spec: list must be a non-empty array of flag objects');
  const list = ((o.list as unknown[] | undefined) ?? [{}]).map((e, i) => checkArgs(`list[${i}]`, e));
  let tiles: number | undefined;
  if (o.tiles !== undefined) {
    if (o.command !== 'kernel') throw new UsageError('spec: tiles applies to command "kernel" only');
    if (typeof o.tiles !== 'number' || !Number.isSafeInteger(o.tiles) || o.tiles < 1)
      throw new UsageError(`spec: tiles must be a positive integer (got ${JSON.stringify(o.tiles)})`);
    tiles = o.tiles;
  }
  const outputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(checkArgs('outputs', o.outputs))) {
    if (typeof v !== 'string' || !/^[A-Za-z0-9._-]+$/.test(v))
      throw new UsageError(`spec: outputs.${k} must be a plain file name (got ${JSON.stringify(v)})`);
    outputs[k] = v;
  }
  const plots: PlotSpec[] = [];
  if (o.plots !== undefined) {
    if (!Array.isArray(o.plots)) throw new UsageError('spec: plots must be an array');
    for (const [i, p] of (o.plots as unknown[]).entries()) {
      const q = p as Record<string, unknown>;
      if (
        q === null ||
        typeof q !== 'object' ||
        typeof q.x !== 'string' ||
        typeof q.y !== 'string' ||
        (q.by !== undefined && typeof q.by !== 'string')
      )
        throw new UsageError(`spec: plots[${i}] must be { x, y, by? } with column names`);
      plots.push(q as unknown as PlotSpec);
    }
  }
  const axes = [...Object.keys(grid), ...list.flatMap((e) => Object.keys(e))];
  for (const k of axes)
    if (k in outputs) throw new UsageError(`spec: ${k} is both an output and a parameter`);
  if (tiles !== undefined && ('tile' in args || axes.includes('tile')))
    throw new UsageError('spec: give tiles or a tile flag, not both');
  return {
    name,
    command: o.command,
    args,
    grid,
    list,
    ...(tiles !== undefined ? { tiles } : {}),
    outputs,
    plots,
  };
}

/** One task's parameters (the grid point and list entry) and its complete flag set. */
export interface ExpandedTask {
  readonly params: Readonly<Record<string, ArgValue>>;
  readonly flags: Readonly<Record<string, ArgValue>>;
}

/** Expands a spec into its tasks, in a fixed order (grid first key slowest, then list, then tiles). */
export function expandSpec(spec: SweepSpec): ExpandedTask[] {
  let points: Record<string, ArgValue>[] = [{}];
  for (const [k, values] of Object.entries(spec.grid))
    points = points.flatMap((p) => values.map((v) => ({ ...p, [k]: v })));
  points = points.flatMap((p) => spec.list.map((e) => ({ ...p, ...e })));
  if (spec.tiles !== undefined) {
    const n = spec.tiles;
    points = points.flatMap((p) => Array.from({ length: n }, (_, i) => ({ ...p, tile: `${i}/${n}` })));
  }
  return points.map((params) => ({ params, flags: { ...spec.args, ...params } }));
}
