/**
 * `ntk sweep collect`: one table of the finished tasks (one row per task: its parameters, then the scalar
 * fields of the command's JSON result flattened to dotted names), written as CSV, JSON or `.npy`, and an
 * HTML page with the plots the spec asks for. Timing, host and machine fields (`seconds`, …) are left out
 * of the table (they stay in each task's result.json) so the table depends only on what was computed.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, formatNumber } from '../../report/escapeHtml.ts';
import { renderSvgPlot } from '../../report/renderSvgPlot.ts';
import type { ReportSeries } from '../../report/types.ts';
import { UsageError } from '../context.ts';
import type { Plan } from './plan.ts';
import { resultDir } from './runTask.ts';

/** A collected table: column names and rows of numbers or strings. */
export interface SweepTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (number | string)[])[];
}

/** Keys of timing/host/machine fields kept out of the table. */
const VOLATILE = /^(seconds|.*Seconds|elapsed.*|time|date|host|finished|machine)$/;
/** Deepest nesting flattened into columns (e.g. best.robustLoss, report.checks.C1.status). */
const MAX_DEPTH = 4;

/** An array of objects with distinct string ids (e.g. verify's checks) is flattened as an object by id. */
function byId(v: unknown[]): Record<string, unknown> | undefined {
  const o: Record<string, unknown> = {};
  for (const e of v) {
    const id = (e as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id in o) return undefined;
    o[id] = e;
  }
  return v.length > 0 ? o : undefined;
}

function flatten(prefix: string, v: unknown, depth: number, out: Map<string, number | string>): void {
  if (v === null || v === undefined) return;
  if (typeof v === 'number') out.set(prefix, v);
  else if (typeof v === 'string') {
    // Non-finite numbers arrive as strings from the JSON output.
    const num =
      v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? Number.NaN : undefined;
    out.set(prefix, num ?? v);
  } else if (typeof v === 'boolean') out.set(prefix, String(v));
  else if (typeof v === 'object' && depth < MAX_DEPTH) {
    const o = Array.isArray(v) ? byId(v) : (v as Record<string, unknown>);
    if (o === undefined) return;
    for (const [k, x] of Object.entries(o)) {
      if (VOLATILE.test(k)) continue;
      flatten(prefix === '' ? k : `${prefix}.${k}`, x, depth + 1, out);
    }
  }
}

/** The table of the done tasks, in task order; `missing` lists the tasks without a result. */
export function collectTable(plan: Plan): SweepTable & { missing: number[] } {
  const paramCols: string[] = [];
  const resultCols: string[] = [];
  const seen = new Set<string>();
  const records: { id: number; params: Record<string, unknown>; values: Map<string, number | string> }[] = [];
  const missing: number[] = [];
  for (const t of plan.tasks) {
    let rec: { params: Record<string, unknown>; result: unknown };
    try {
      rec = JSON.parse(readFileSync(join(resultDir(plan, t.id), 'result.json'), 'utf8'));
    } catch {
      missing.push(t.id);
      continue;
    }
    const values = new Map<string, number | string>();
    flatten('', rec.result, 0, values);
    const addCol = (list: string[], tag: string, k: string) => {
      if (seen.has(`${tag}:${k}`)) return;
      seen.add(`${tag}:${k}`);
      list.push(k);
    };
    for (const k of Object.keys(t.params)) addCol(paramCols, 'p', k);
    for (const k of values.keys()) addCol(resultCols, 'r', k);
    records.push({ id: t.id, params: t.params, values });
  }
  // Result fields that repeat a parameter under the same name are dropped (e.g. adv-train's width).
  const cols = resultCols.filter((c) => !paramCols.includes(c));
  const columns = ['task', ...paramCols, ...cols];
  const cell = (v: unknown): number | string =>
    typeof v === 'number' ? v : v === undefined ? '' : String(v);
  const rows = records.map((r) => [
    r.id,
    ...paramCols.map((c) => cell(r.params[c])),
    ...cols.map((c) => cell(r.values.get(c))),
  ]);
  return { columns, rows, missing };
}

/** Shortest round-trip text of a number (so the CSV holds every bit), or the CSV-quoted string. */
function csvCell(v: number | string): string {
  if (typeof v === 'number') return String(v);
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The table as CSV with a header line. */
export function tableCsv(t: SweepTable): string {
  return `${[t.columns, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

/** The numeric columns of the table (string columns dropped) as a matrix, with their names. */
export function tableNumeric(t: SweepTable): {
  columns: string[];
  rows: number;
  cols: number;
  data: Float64Array;
} {
  const keep = t.columns.map((_, j) => j).filter((j) => t.rows.every((r) => typeof r[j] === 'number'));
  const data = new Float64Array(t.rows.length * keep.length);
  for (let i = 0; i < t.rows.length; i++) {
    for (let k = 0; k < keep.length; k++) data[i * keep.length + k] = t.rows[i][keep[k]] as number;
  }
  return { columns: keep.map((j) => t.columns[j]), rows: t.rows.length, cols: keep.length, data };
}

/** The HTML page: the spec's plots (inline SVG) and the table. A plot naming an unknown column is an error. */
export function tableHtml(plan: Plan, t: SweepTable): string {
  const col = (name: string, what: string): number => {
    const j = t.columns.indexOf(name);
    if (j < 0)
      throw new UsageError(
        `spec: plot ${what} column "${name}" is not in the table (columns: ${t.columns.join(', ')})`,
      );
    return j;
  };
  const svgs = plan.manifest.spec.plots.map((p) => {
    const jx = col(p.x, 'x');
    const jy = col(p.y, 'y');
    const jb = p.by === undefined ? -1 : col(p.by, 'by');
    const groups = new Map<string, [number, number][]>();
    for (const r of t.rows) {
      const key = jb < 0 ? p.y : `${p.by} = ${r[jb]}`;
      if (typeof r[jx] !== 'number' || typeof r[jy] !== 'number') continue;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push([r[jx] as number, r[jy] as number]);
    }
    const series: ReportSeries[] = [...groups].map(([name, pts]) => {
      pts.sort((a, b) => a[0] - b[0]);
      return { name, x: pts.map((q) => q[0]), y: pts.map((q) => q[1]), style: 'line' };
    });
    const title = p.title ?? `${p.y} vs ${p.x}${p.by === undefined ? '' : ` per ${p.by}`}`;
    return renderSvgPlot({
      title,
      xLabel: p.x,
      yLabel: p.y,
      logX: p.logX ?? false,
      logY: p.logY ?? false,
      series,
    });
  });
  const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((v) => `<td>${escapeHtml(typeof v === 'number' ? formatNumber(v) : v)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const name = escapeHtml(plan.manifest.name);
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>sweep ${name}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style>
</head><body>
<h1>sweep ${name}</h1>
<p>${t.rows.length} of ${plan.tasks.length} tasks of <code>ntk ${escapeHtml(plan.manifest.command)}</code>; toolkit ${escapeHtml(plan.manifest.toolkit.version)} (${escapeHtml(plan.manifest.toolkit.sourceHash.slice(0, 12))}).</p>
${svgs.join('\n')}
<table>${head}
${body}</table>
</body></html>
`;
}
