import { escapeHtml, formatNumber } from './escapeHtml.ts';
import { keyNumberText } from './keyNumberText.ts';
import { renderSvgPlot } from './renderSvgPlot.ts';
import type { CheckRecord, SuiteReport } from './types.ts';

const STYLE = `
body{font-family:system-ui,-apple-system,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
h1{margin-bottom:.2em} h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;margin:.6em 0;font-size:13px} td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f4f4f4} td.l,th.l{text-align:left}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-weight:bold;font-size:12px}
.pass{background:#2e7d32} .fail{background:#c62828}
.claim{font-style:italic;color:#444} .err{color:#c62828;font-family:monospace;white-space:pre-wrap}
.plots{display:flex;flex-wrap:wrap;gap:10px} .meta td{text-align:left}
ul.notes{color:#555;font-size:13px}
`;

function badge(pass: boolean): string {
  return `<span class="badge ${pass ? 'pass' : 'fail'}">${pass ? 'PASS' : 'FAIL'}</span>`;
}

function cell(v: number | string): string {
  return typeof v === 'number' ? `<td>${formatNumber(v)}</td>` : `<td class="l">${escapeHtml(v)}</td>`;
}

function renderCheck(c: CheckRecord): string {
  const out: string[] = [];
  out.push(
    `<h2 id="${escapeHtml(c.id)}">${escapeHtml(c.id)} — ${escapeHtml(c.title)} ${badge(c.status === 'pass')}</h2>`,
  );
  out.push(`<p class="claim">${escapeHtml(c.claim)}</p>`);
  out.push(`<p>${c.seconds.toFixed(2)} s</p>`);
  if (c.error !== undefined) out.push(`<p class="err">threw: ${escapeHtml(c.error)}</p>`);
  if (c.comparisons.length > 0) {
    out.push(
      '<table><tr><th class="l">comparison</th><th>value</th><th>relation</th><th>bound</th><th>result</th></tr>',
    );
    for (const k of c.comparisons) {
      out.push(
        `<tr><td class="l">${escapeHtml(k.label)}</td><td>${formatNumber(k.value)}</td><td>${escapeHtml(k.relation)}</td><td>${formatNumber(k.bound)}</td><td>${badge(k.pass)}</td></tr>`,
      );
    }
    out.push('</table>');
  }
  for (const t of c.tables) {
    // Long tables are collapsed (<details>): the page stays readable, every row is one click away.
    const long = t.rows.length > COLLAPSE_ROWS;
    out.push(`<h3>${escapeHtml(t.title)}</h3>`);
    if (long) out.push(`<details><summary>${t.rows.length} rows (click to expand)</summary>`);
    out.push('<table><tr>');
    for (const col of t.columns) out.push(`<th>${escapeHtml(col)}</th>`);
    out.push('</tr>');
    for (const r of t.rows) out.push(`<tr>${r.map(cell).join('')}</tr>`);
    out.push('</table>');
    if (long) out.push('</details>');
  }
  if (c.plots.length > 0) {
    out.push('<div class="plots">');
    for (const p of c.plots) out.push(renderSvgPlot(p));
    out.push('</div>');
  }
  if (c.notes.length > 0) {
    out.push('<ul class="notes">');
    for (const n of c.notes) out.push(`<li>${escapeHtml(n)}</li>`);
    out.push('</ul>');
  }
  return out.join('\n');
}

/** Tables with more rows than this are collapsed into a <details> element. */
const COLLAPSE_ROWS = 20;
/**
 * A self-contained HTML page for a verification run: machine and run metadata, a summary table with
 * pass/fail badges, and per check its claim, comparisons, tables, inline SVG plots and notes. No scripts
 * and no external resources, so the file can be archived or mailed as is.
 *
 * @param report - the run
 * @returns the HTML document
 * @example
 * const html = renderHtml({ version: 1, title: 'demo', mode: 'quick', seed: 1, seconds: 0, checks: [],
 *   machine: { cpuModel: 'cpu', cpuCount: 1, nodeVersion: 'v20', platform: 'linux', date: '2026-01-01' } });
 * html.includes('<title>demo</title>'); // true
 * @remarks Since 0.1.0
 */
export function renderHtml(report: SuiteReport): string {
  const m = report.machine;
  const passed = report.checks.filter((c) => c.status === 'pass').length;
  const out: string[] = [];
  out.push('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">');
  out.push(`<title>${escapeHtml(report.title)}</title><style>${STYLE}</style></head><body>`);
  out.push(`<h1>${escapeHtml(report.title)}</h1>`);
  out.push(
    `<p>${badge(passed === report.checks.length)} ${passed}/${report.checks.length} checks passed in ${report.seconds.toFixed(1)} s (${report.mode} mode).</p>`,
  );
  out.push('<table class="meta">');
  const meta: [string, string][] = [
    ['date', m.date],
    ['seed', String(report.seed)],
    ['mode', report.mode],
    ['CPU', `${m.cpuModel} × ${m.cpuCount}`],
    ['Node', m.nodeVersion],
    ['platform', m.platform],
    ['git commit', m.gitCommit ?? 'unknown'],
  ];
  for (const [k, v] of meta)
    out.push(`<tr><th class="l">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`);
  out.push('</table>');
  out.push(
    '<table><tr><th class="l">id</th><th class="l">title</th><th>result</th><th class="l">key number</th><th>seconds</th></tr>',
  );
  for (const c of report.checks) {
    const key = keyNumberText(c) ?? '';
    out.push(
      `<tr><td class="l"><a href="#${escapeHtml(c.id)}">${escapeHtml(c.id)}</a></td><td class="l">${escapeHtml(c.title)}</td><td>${badge(c.status === 'pass')}</td><td class="l">${escapeHtml(key)}</td><td>${c.seconds.toFixed(2)}</td></tr>`,
    );
  }
  out.push('</table>');
  for (const c of report.checks) out.push(renderCheck(c));
  out.push('</body></html>\n');
  return out.join('\n');
}
