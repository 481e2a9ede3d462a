/**
 * What every subcommand receives: where to write, whether to print JSON, and helpers for files.
 * @packageDocumentation
 */

/** The streams the CLI writes to; injected so tests can run it in-process. */
export interface CliIo {
  /** Writes to standard output (results). */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (progress, errors). */
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal: the progress bar is drawn only then. @defaultValue false */
  readonly isTTY?: boolean;
  /** Width of the terminal for the progress bar. @defaultValue 80 */
  readonly columns?: number;
  /** True once the user pressed Ctrl-C (set by `bin/ntk.mjs`; absent in-process): long commands stop. */
  readonly interrupted?: () => boolean;
  /**
   * Hands the files of the work completed so far to `bin/ntk.mjs`, which writes them (atomically) if the
   * run is interrupted before the command finishes. Absent in-process.
   */
  readonly checkpoint?: (files: readonly CheckpointFile[], note: string) => void;
}

/** One file of a checkpoint: where, and its full contents. */
export interface CheckpointFile {
  readonly path: string;
  readonly data: string | Uint8Array;
}

/** Per-invocation state shared by the subcommands. */
export interface CliContext {
  readonly io: CliIo;
  /** Exit code a successful action wants (e.g. `verify` with a failing check sets 1). */
  exitCode: number;
}

/** Global flags, available on every subcommand. */
export interface GlobalFlags {
  readonly json?: boolean;
  readonly debug?: boolean;
  /** `--max-memory`: bytes a request may use (default: the memory available). */
  readonly maxMemory?: number;
}

/** A problem with how the CLI was called (exit code 2), not with the library. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
