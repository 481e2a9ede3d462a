/**
 * Resource guards: every command estimates the memory (and, where it can be long, the work) of a request
 * from its flags BEFORE reading inputs or computing, and refuses what does not fit in the available memory
 * with a message naming the flag. `--max-memory <bytes>` (global) replaces the limit: lower to be safe on a
 * shared machine, higher to override the estimate.
 * @packageDocumentation
 */
import { freemem } from 'node:os';
import { InvalidArgumentError } from 'commander';
import type { CliContext } from './context.ts';
import { UsageError } from './context.ts';

/** One contribution to a request's memory, attributed to the flag that drives it. */
export interface MemoryItem {
  /** The flag (with its value) that drives this allocation, e.g. `--width 100000000`. */
  readonly flag: string;
  /** Estimated bytes. */
  readonly bytes: number;
}

/** commander parser for `--max-memory`: bytes, or a number with a K/M/G/T suffix (powers of 1024). */
export function byteSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(value);
  if (m === null)
    throw new InvalidArgumentError(`must be a size like 4G, 512M or 1e9 (got ${JSON.stringify(value)})`);
  const unit = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2].toLowerCase()] as number;
  const bytes = Number(m[1]) * unit;
  if (!Number.isFinite(bytes) || bytes <= 0)
    throw new InvalidArgumentError(`must be a positive size (got ${JSON.stringify(value)})`);
  return bytes;
}

/** A byte count for humans (binary units). */
export function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return String(b);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = b;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toPrecision(3)} ${units[i]}`;
}

/**
 * Refuses a request whose estimated memory exceeds the limit (`--max-memory`, else the memory the OS
 * reports available), naming the flag with the largest share.
 * @param maxMemory - the `--max-memory` value, if given
 * @throws {@link UsageError} when the estimate exceeds the limit
 */
export function guardMemory(maxMemory: number | undefined, items: readonly MemoryItem[]): void {
  const total = items.reduce((s, it) => s + it.bytes, 0);
  const limit = maxMemory ?? freemem();
  if (total <= limit) return;
  const top = items.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const source = maxMemory === undefined ? 'available' : 'allowed by --max-memory';
  throw new UsageError(
    `${top.flag}: needs about ${formatBytes(total)} of memory, more than the ${formatBytes(limit)} ${source} (lower ${top.flag.split(' ')[0]}, or set --max-memory to override)`,
  );
}

/**
 * Prints one line on stderr when a request is estimated to take long (more than `1e10` multiply-adds,
 * i.e. tens of seconds or more), naming the flag, so a long run is never silent.
 */
export function noteLongWork(ctx: CliContext, command: string, flag: string, operations: number): void {
  if (operations > 1e10) {
    ctx.io.stderr(
      `ntk ${command}: note: ${flag} means about ${operations.toExponential(1)} operations; this can take minutes (Ctrl-C stops)\n`,
    );
  }
}
