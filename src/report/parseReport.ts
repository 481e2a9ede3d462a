import { IoError } from '../errors.ts';
import type { SuiteReport } from './types.ts';

const NUMERIC_KEYS = new Set(['value', 'bound', 'seconds', 'seed', 'cpuCount']);

/**
 * Reads a report written by {@link serializeReport}, restoring `"NaN"`, `"Infinity"` and `"-Infinity"`
 * to numbers in numeric fields and in table/plot data.
 *
 * @param text - JSON text
 * @returns the report
 * @throws {@link IoError} if `text` is not JSON or not a version-1 report
 * @example
 * const r = { version: 1, title: 't', mode: 'full', seed: 3, seconds: 1, checks: [],
 *   machine: { cpuModel: 'cpu', cpuCount: 1, nodeVersion: 'v20', platform: 'linux', date: '2026-01-01' } } as const;
 * parseReport(serializeReport(r)).seed; // 3
 * @remarks Since 0.1.0
 */
export function parseReport(text: string): SuiteReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, function (this: unknown, key: string, value: unknown) {
      if (typeof value === 'string' && (value === 'NaN' || value === 'Infinity' || value === '-Infinity')) {
        // Restore numbers in numeric fields and inside arrays (plot data, table cells written as numbers).
        if (NUMERIC_KEYS.has(key) || Array.isArray(this)) return Number(value);
      }
      return value;
    });
  } catch (e) {
    throw new IoError(`text must be JSON (got a parse error: ${(e as Error).message})`, {
      fn: 'parseReport',
      arg: 'text',
    });
  }
  const r = parsed as Partial<SuiteReport> | null;
  if (r === null || typeof r !== 'object' || r.version !== 1 || !Array.isArray(r.checks)) {
    throw new IoError('text must hold a version-1 report with a checks array (got something else)', {
      fn: 'parseReport',
      arg: 'text',
    });
  }
  return r as SuiteReport;
}
