import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { IoError, isNtkError } from '../errors.ts';
import { writeFileAtomic } from '../io/writeFileAtomic.ts';
import { renderHtml } from './renderHtml.ts';
import { serializeReport } from './serializeReport.ts';
import type { SuiteReport } from './types.ts';

/** Paths written by {@link writeReport}. */
export interface WriteReportResult {
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/**
 * Writes `<outDir>/report.html` (self-contained, inline SVG) and `<outDir>/report.json`, creating `outDir`.
 * Each file is written atomically (temporary file in `outDir`, then renamed).
 *
 * @param report - the run
 * @param outDir - output directory
 * @returns the two paths
 * @throws {@link IoError} if the directory or a file cannot be written
 * @example
 * // writeReport(report, 'reports'); // { htmlPath: 'reports/report.html', jsonPath: 'reports/report.json' }
 * typeof writeReport; // "function"
 * @remarks Since 0.1.0
 */
export function writeReport(report: SuiteReport, outDir: string): WriteReportResult {
  const htmlPath = join(outDir, 'report.html');
  const jsonPath = join(outDir, 'report.json');
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileAtomic('writeReport', htmlPath, renderHtml(report));
    writeFileAtomic('writeReport', jsonPath, `${serializeReport(report)}\n`);
  } catch (e) {
    if (isNtkError(e))
      throw new IoError(`outDir must be writable (got ${e.message})`, { fn: 'writeReport', arg: 'outDir' });
    throw new IoError(`outDir must be writable (got ${(e as Error).message})`, {
      fn: 'writeReport',
      arg: 'outDir',
    });
  }
  return { htmlPath, jsonPath };
}
