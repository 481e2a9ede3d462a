import type { CliContext, GlobalFlags } from './context.ts';

/** Replaces typed arrays by plain arrays and non-finite numbers by strings, so JSON.stringify keeps them. */
export function toJsonValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => toJsonValue(x));
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      if (x !== undefined && typeof x !== 'function') o[k] = toJsonValue(x);
    return o;
  }
  return v;
}

/** Prints a result: the JSON document with `--json`, else the human-readable lines. */
export function emit(
  ctx: CliContext,
  flags: GlobalFlags,
  result: Record<string, unknown>,
  lines: readonly string[],
): void {
  if (flags.json === true) ctx.io.stdout(`${JSON.stringify(toJsonValue(result), null, 2)}\n`);
  else ctx.io.stdout(`${lines.join('\n')}\n`);
}

/** Formats a number for humans (6 significant digits). */
export const fmt = (v: number): string =>
  Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v);
