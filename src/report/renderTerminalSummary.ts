import { keyNumberText } from './keyNumberText.ts';
import type { SuiteReport } from './types.ts';

/** Options of {@link renderTerminalSummary}. */
export interface RenderTerminalSummaryOptions {
  /** Use ANSI colours for PASS/FAIL. @defaultValue false */
  readonly color?: boolean;
}

function pad(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s + ' '.repeat(n - s.length);
}

/**
 * A plain-text table of a verification run: id, title, PASS/FAIL, the key number (first failing
 * comparison, else the headline one) and seconds, followed by a totals line.
 *
 * @param report - the run
 * @param options - colour
 * @returns the table as a multi-line string (no trailing newline)
 * @example
 * const s = renderTerminalSummary({ version: 1, title: 't', mode: 'quick', seed: 1, seconds: 0, checks: [],
 *   machine: { cpuModel: 'cpu', cpuCount: 1, nodeVersion: 'v20', platform: 'linux', date: '2026-01-01' } });
 * s.includes('0/0 checks passed'); // true
 * @remarks Since 0.1.0
 */
export function renderTerminalSummary(
  report: SuiteReport,
  options: RenderTerminalSummaryOptions = {},
): string {
  const { color = false } = options;
  const paint = (s: string, code: number) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  lines.push(
    `${pad('id', 5)} ${pad('title', 44)} ${pad('result', 6)} ${pad('key number', 84)} ${'seconds'.padStart(8)}`,
  );
  lines.push('-'.repeat(5 + 1 + 44 + 1 + 6 + 1 + 84 + 1 + 8));
  for (const c of report.checks) {
    const key = keyNumberText(c) ?? '(no comparisons)';
    const status = c.status === 'pass' ? paint('PASS  ', 32) : paint('FAIL  ', 31);
    lines.push(
      `${pad(c.id, 5)} ${pad(c.title, 44)} ${status} ${pad(key, 84)} ${c.seconds.toFixed(2).padStart(8)}`,
    );
  }
  const passed = report.checks.filter((c) => c.status === 'pass').length;
  lines.push('-'.repeat(5 + 1 + 44 + 1 + 6 + 1 + 84 + 1 + 8));
  lines.push(
    `${passed}/${report.checks.length} checks passed (${report.mode} mode, seed ${report.seed}) in ${report.seconds.toFixed(1)} s`,
  );
  return lines.join('\n');
}
