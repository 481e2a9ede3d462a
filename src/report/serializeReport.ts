import type { SuiteReport } from './types.ts';

/**
 * JSON text of a report. JSON has no NaN or ±Infinity, so non-finite numbers are written as the strings
 * `"NaN"`, `"Infinity"`, `"-Infinity"`; {@link parseReport} turns them back into numbers.
 *
 * @param report - the run
 * @returns pretty-printed JSON (2-space indent)
 * @example
 * const r = { version: 1, title: 't', mode: 'quick', seed: 1, seconds: Infinity, checks: [],
 *   machine: { cpuModel: 'cpu', cpuCount: 1, nodeVersion: 'v20', platform: 'linux', date: '2026-01-01' } } as const;
 * parseReport(serializeReport(r)).seconds === Infinity; // true
 * @remarks Since 0.1.0
 */
export function serializeReport(report: SuiteReport): string {
  return JSON.stringify(
    report,
    (_key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
      return value;
    },
    2,
  );
}
