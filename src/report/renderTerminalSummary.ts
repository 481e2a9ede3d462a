import { keyNumberText } from './keyNumberText.ts';
import type { SuiteReport } from './types.ts';

/** Options of {@link renderTerminalSummary}. */
export interface RenderTerminalSummaryOptions {
  /** Use ANSI colours for PASS/FAIL. @defaultValue false */
  readonly color?: boolean;
  /**
   * Width of the terminal in columns (e.g. `process.stdout.columns`); lines are wrapped to it, never cut.
   * @defaultValue 100
   */
  readonly width?: number;
}

/** Longest title shown (titles are shortened with "…"; numbers never are). */
const TITLE_MAX = 48;

/** Splits `text` into lines of at most `width` characters at spaces; a longer word stays whole on its line. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * A plain-text summary of a verification run: one entry per check with id, PASS/FAIL, seconds, title and
 * the key number (first failing comparison, else the headline one), followed by a totals line. Entries
 * are wrapped to `width` columns with a hanging indent; a number is never truncated (only titles longer
 * than 48 characters are shortened).
 *
 * @param report - the run
 * @param options - colour and terminal width
 * @returns the summary as a multi-line string (no trailing newline)
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
  const width = Math.max(40, Math.floor(options.width ?? 100));
  const paint = (s: string, code: number) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const indent = 5 + 1 + 4 + 1 + 9 + 2; // "C12   PASS  123.45 s  "
  const avail = width - indent;
  const lines: string[] = [];
  for (const c of report.checks) {
    const key = keyNumberText(c) ?? '(no comparisons)';
    const title = c.title.length > TITLE_MAX ? `${c.title.slice(0, TITLE_MAX - 1)}…` : c.title;
    const status = c.status === 'pass' ? paint('PASS', 32) : paint('FAIL', 31);
    const head = `${c.id.padEnd(5)} ${status} ${`${c.seconds.toFixed(2)} s`.padStart(9)}  `;
    const body = wrap(`${title}: ${key}`, avail);
    lines.push(head + body[0], ...body.slice(1).map((l) => ' '.repeat(indent) + l));
  }
  const passed = report.checks.filter((c) => c.status === 'pass').length;
  lines.push('-'.repeat(Math.min(width, 80)));
  lines.push(
    ...wrap(
      `${passed}/${report.checks.length} checks passed (${report.mode} mode, seed ${report.seed}) in ${report.seconds.toFixed(1)} s`,
      width,
    ),
  );
  return lines.join('\n');
}
