/**
 * The one place where the CLI decides about output files: every output path is checked BEFORE any work
 * (known extension, existing writable directory, not an input, not another output — compared by real
 * path), results are staged in memory, and {@link OutputPlan.commit} writes them to temporary files in the
 * target directories and renames them only when all were written. On any failure before or during the
 * commit, no new file is left and no existing file is changed.
 * @packageDocumentation
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { encodeArray } from '../io/encodeArray.ts';
import type { ArrayInput } from '../io/toNumericArray.ts';
import { removeQuietly, tempPathFor, writeTempFile } from '../io/writeFileAtomic.ts';
import { UsageError } from './context.ts';

/** Extensions of array files. */
export const ARRAY_EXTENSIONS = ['.npy', '.csv', '.json'] as const;

/** One output flag of a command. */
export interface OutputSpec {
  readonly flag: string;
  readonly path: string | undefined;
  /** Allowed extensions (lower case, with the dot). @defaultValue {@link ARRAY_EXTENSIONS} */
  readonly extensions?: readonly string[];
  /** `'dir'`: a directory that receives `files` (created on commit if missing). @defaultValue 'file' */
  readonly kind?: 'file' | 'dir';
  /** For `kind: 'dir'`: the file names written inside it. */
  readonly files?: readonly string[];
}

/** One input flag of a command (a file that must never be overwritten). */
export interface InputSpec {
  readonly flag: string;
  readonly path: string | undefined;
}

/** Real path of `p` (or of its directory joined with its name when `p` does not exist yet). */
function realTarget(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) {
    try {
      return realpathSync(abs);
    } catch {
      return abs;
    }
  }
  try {
    return join(realpathSync(dirname(abs)), basename(abs));
  } catch {
    return abs;
  }
}

/** Proves that a file can be created in `dir` by creating and deleting a probe file. */
function probeDirectory(flag: string, shown: string, dir: string): void {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(dir);
  } catch {
    throw new UsageError(`${flag} ${shown}: directory ${dir} does not exist`);
  }
  if (!st.isDirectory()) throw new UsageError(`${flag} ${shown}: ${dir} is not a directory`);
  const probe = tempPathFor(join(dir, 'probe'));
  try {
    closeSync(openSync(probe, 'wx', 0o644));
  } catch (e) {
    throw new UsageError(
      `${flag} ${shown}: cannot create files in ${dir} (${(e as { code?: string }).code ?? 'error'})`,
    );
  }
  removeQuietly(probe);
}

/** A staged output: what to write and where. */
/** A streamed output: finished into its temporary file at commit, or deleted. */
export interface StreamedOutput {
  /** Closes the temporary file (checking it is complete) and returns its path. */
  finish(): string;
  /** Deletes the temporary file. */
  abort(): void;
}

interface Staged {
  readonly path: string;
  readonly data: string | Uint8Array | readonly Uint8Array[];
}

/**
 * The checked output paths of one command run, and the results staged for them.
 * Create with {@link planOutputs} before reading inputs or doing any work.
 */
export class OutputPlan {
  private readonly paths = new Map<string, OutputSpec & { readonly path: string }>();
  private readonly staged: Staged[] = [];
  /** Files already being written to a temporary path (streamed outputs), published by {@link commit}. */
  private readonly adopted: { readonly path: string; readonly file: StreamedOutput }[] = [];

  /** @internal use {@link planOutputs} */
  constructor(specs: readonly (OutputSpec & { readonly path: string })[]) {
    for (const s of specs) this.paths.set(s.flag, s);
  }

  /** The path given for `flag`, if any. */
  path(flag: string): string | undefined {
    return this.paths.get(flag)?.path;
  }

  /** Stages an array for the file named by `flag` (encoded now, so a NaN in JSON fails before anything is written). */
  array(flag: string, x: ArrayInput): void {
    const p = this.require(flag);
    this.staged.push({ path: p, data: encodeArray('ntk', p, x) });
  }

  /**
   * Adopts a streamed output for the file named by `flag` (e.g. a `.npy` written in row blocks): `commit`
   * publishes it with the staged files, `discard` (or a failed commit) deletes it.
   */
  stream(flag: string, file: StreamedOutput): void {
    this.adopted.push({ path: this.require(flag), file });
  }

  /** Deletes every adopted streamed output (call when the command fails before `commit`). */
  discard(): void {
    for (const a of this.adopted.splice(0)) a.file.abort();
  }

  /** Stages text for the file named by `flag`, or for `name` inside the directory named by `flag`. */
  text(flag: string, text: string, name?: string): void {
    const p = this.require(flag);
    this.staged.push({ path: name === undefined ? p : join(p, name), data: text });
  }

  /** The staged files (for a checkpoint), without writing them. */
  stagedFiles(): { readonly path: string; readonly data: string | Uint8Array }[] {
    return this.staged.map((s) => ({
      path: s.path,
      data: typeof s.data === 'string' || s.data instanceof Uint8Array ? s.data : Buffer.concat(s.data),
    }));
  }

  /** Forgets everything staged (a checkpoint is rebuilt from scratch each time). */
  clear(): void {
    this.staged.length = 0;
  }

  /** Number of staged files. */
  get size(): number {
    return this.staged.length;
  }

  /**
   * Writes every staged result to a temporary file next to its target, then renames them all.
   * If a temporary file cannot be written, every temporary file (and a directory this call created) is
   * removed and the error is rethrown: no existing file changes, no new file appears.
   */
  commit(): void {
    const createdDirs: string[] = [];
    const temps: { temp: string; path: string }[] = [];
    try {
      for (const s of this.paths.values()) {
        if (s.kind === 'dir' && !existsSync(s.path) && this.staged.some((x) => dirname(x.path) === s.path)) {
          mkdirSync(s.path);
          createdDirs.push(s.path);
        }
      }
      for (const s of this.staged) temps.push({ temp: writeTempFile('ntk', s.path, s.data), path: s.path });
      for (const a of this.adopted) temps.push({ temp: a.file.finish(), path: a.path });
      for (const t of temps) renameSync(t.temp, t.path);
      this.adopted.length = 0;
    } catch (e) {
      for (const t of temps) removeQuietly(t.temp);
      this.discard();
      for (const d of createdDirs.reverse()) {
        try {
          rmdirSync(d);
        } catch {
          // not empty: leave it
        }
      }
      throw e;
    } finally {
      this.staged.length = 0;
    }
  }

  private require(flag: string): string {
    const s = this.paths.get(flag);
    if (s === undefined) throw new Error(`OutputPlan: no path for ${flag}`);
    return s.path;
  }
}

/**
 * Checks a command's output paths before any work and returns the plan that stages and commits them.
 *
 * Refused (as a {@link UsageError}, exit 2): an unknown extension; a directory that does not exist or
 * where no file can be created; a path that is an existing directory (for a file output) or a non-regular
 * file (device, /proc entry, fifo); a path that is the same file as an input or as another output
 * (compared after resolving symbolic links and `..`).
 *
 * @param outputs - the command's output flags (absent ones are skipped)
 * @param inputs - the command's input flags (absent ones are skipped)
 */
export function planOutputs(outputs: readonly OutputSpec[], inputs: readonly InputSpec[] = []): OutputPlan {
  const given = outputs.filter((o): o is OutputSpec & { readonly path: string } => o.path !== undefined);
  const inputReal = inputs
    .filter((i): i is InputSpec & { readonly path: string } => i.path !== undefined)
    .map((i) => ({ flag: i.flag, real: realTarget(i.path) }));
  const seen: { flag: string; real: string }[] = [];
  for (const o of given) {
    if (o.path.trim() === '') throw new UsageError(`${o.flag}: must be a file path (got an empty string)`);
    const kind = o.kind ?? 'file';
    const abs = resolve(o.path);
    if (kind === 'file') {
      const exts = o.extensions ?? ARRAY_EXTENSIONS;
      const lower = o.path.toLowerCase();
      if (!exts.some((e) => lower.endsWith(e))) {
        const list =
          exts.length === 1 ? exts[0] : `${exts.slice(0, -1).join(', ')} or ${exts[exts.length - 1]}`;
        throw new UsageError(`${o.flag} ${o.path}: must end in ${list}`);
      }
      if (existsSync(abs)) {
        const st = statSync(abs);
        if (st.isDirectory()) throw new UsageError(`${o.flag} ${o.path}: is a directory`);
        if (!st.isFile()) throw new UsageError(`${o.flag} ${o.path}: is not a regular file`);
      }
      probeDirectory(o.flag, o.path, dirname(abs));
    } else if (existsSync(abs)) {
      probeDirectory(o.flag, o.path, abs);
    } else {
      probeDirectory(o.flag, o.path, dirname(abs));
    }
    const reals =
      kind === 'file' ? [realTarget(o.path)] : (o.files ?? []).map((name) => join(realTarget(o.path), name));
    for (const real of reals) {
      const asInput = inputReal.find((i) => i.real === real);
      if (asInput !== undefined) {
        throw new UsageError(
          `${o.flag} ${o.path}: is the same file as ${asInput.flag} (the input would be overwritten)`,
        );
      }
      const asOutput = seen.find((s) => s.real === real);
      if (asOutput !== undefined) {
        throw new UsageError(`${o.flag} ${o.path}: is the same file as ${asOutput.flag}`);
      }
      seen.push({ flag: o.flag, real });
    }
  }
  return new OutputPlan(given);
}
