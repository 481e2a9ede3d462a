import { escapeHtml, formatNumber } from './escapeHtml.ts';
import type { ReportPlot } from './types.ts';

/** Options of {@link renderSvgPlot}. */
export interface RenderSvgPlotOptions {
  /**
   * Width with the default 150 px legend column; a legend with longer series names widens the plot.
   * @defaultValue 560
   */
  readonly width?: number;
  /** @defaultValue 340 */
  readonly height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/** Tick positions ("nice" 1-2-5 steps) covering [lo, hi] on a linear axis. */
function linearTicks(lo: number, hi: number, target = 5): number[] {
  const span = hi - lo;
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((s) => s * mag).find((s) => span / s <= target + 1) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

/** Axis mapping: data value → pixel, with log10 when asked. */
function axis(values: number[], log: boolean, pxLo: number, pxHi: number) {
  const tf = (v: number) => (log ? Math.log10(v) : v);
  const tv = values.map(tf);
  let lo = Math.min(...tv);
  let hi = Math.max(...tv);
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  } else if (!log) {
    const pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  const map = (v: number) => pxLo + ((tf(v) - lo) / (hi - lo)) * (pxHi - pxLo);
  let ticks: number[];
  if (log) {
    const a = Math.floor(lo);
    const b = Math.ceil(hi);
    const span = hi - lo;
    if (span < 1) {
      // Less than a decade: linear ticks in value space read better than two odd powers of ten.
      ticks = linearTicks(10 ** lo, 10 ** hi).filter((v) => v > 0);
    } else {
      // Up to three decades: 1-2-5 ticks; more: every decade (or every k-th).
      const mults = span <= 3 ? [1, 2, 5] : [1];
      const every = Math.max(1, Math.ceil((b - a) / 6));
      ticks = [];
      for (let e = a; e <= b; e += every) {
        for (const m of mults) {
          const v = m * 10 ** e;
          const t = Math.log10(v);
          if (t >= lo - 1e-9 && t <= hi + 1e-9) ticks.push(v);
        }
      }
    }
    if (ticks.length < 2) ticks = [10 ** lo, 10 ** hi];
  } else {
    ticks = linearTicks(lo, hi);
  }
  return { map, ticks };
}

/**
 * Renders a line/point plot as a self-contained SVG element (no scripts, no external resources).
 *
 * Non-finite points, and non-positive points on a log axis, are skipped (a line breaks there). An empty
 * plot renders a frame with the text "no data".
 *
 * @param plot - title, axis labels, log flags and series
 * @param options - pixel size
 * @returns an `<svg>` element as a string
 * @example
 * const svg = renderSvgPlot({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', x: [1, 2], y: [3, 4] }] });
 * svg.startsWith('<svg'); // true
 * @remarks Since 0.1.0
 */
export function renderSvgPlot(plot: ReportPlot, options: RenderSvgPlotOptions = {}): string {
  const { height = 340 } = options;
  const left = 70;
  // The legend column grows with the longest series name (≈ 6.5 px per character at 11 px), never clipped.
  const longest = plot.series.reduce((m, s) => Math.max(m, s.name.length), 0);
  const right = Math.max(150, Math.ceil(40 + 6.5 * longest));
  const width = (options.width ?? 560) - 150 + right;
  const top = 30;
  const bottom = 50;
  const ok = (v: number, log: boolean | undefined) => Number.isFinite(v) && (!log || v > 0);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of plot.series) {
    for (let i = 0; i < Math.min(s.x.length, s.y.length); i++) {
      if (ok(s.x[i], plot.logX) && ok(s.y[i], plot.logY)) {
        xs.push(s.x[i]);
        ys.push(s.y[i]);
      }
    }
  }
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(plot.title)}" font-family="sans-serif" font-size="11">`,
  );
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(
    `<text x="${left + (width - left - right) / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeHtml(plot.title)}</text>`,
  );
  const x0 = left;
  const x1 = width - right;
  const y0 = height - bottom;
  const y1 = top;
  parts.push(`<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#888"/>`);
  if (xs.length === 0) {
    parts.push(`<text x="${(x0 + x1) / 2}" y="${(y0 + y1) / 2}" text-anchor="middle">no data</text></svg>`);
    return parts.join('');
  }
  const ax = axis(xs, plot.logX === true, x0, x1);
  const ay = axis(ys, plot.logY === true, y0, y1);
  for (const t of ax.ticks) {
    const px = ax.map(t);
    if (px < x0 - 0.5 || px > x1 + 0.5) continue;
    parts.push(`<line x1="${px.toFixed(1)}" y1="${y0}" x2="${px.toFixed(1)}" y2="${y1}" stroke="#eee"/>`);
    parts.push(`<text x="${px.toFixed(1)}" y="${y0 + 14}" text-anchor="middle">${formatNumber(t)}</text>`);
  }
  for (const t of ay.ticks) {
    const py = ay.map(t);
    if (py > y0 + 0.5 || py < y1 - 0.5) continue;
    parts.push(`<line x1="${x0}" y1="${py.toFixed(1)}" x2="${x1}" y2="${py.toFixed(1)}" stroke="#eee"/>`);
    parts.push(`<text x="${x0 - 4}" y="${(py + 4).toFixed(1)}" text-anchor="end">${formatNumber(t)}</text>`);
  }
  parts.push(
    `<text x="${(x0 + x1) / 2}" y="${height - 12}" text-anchor="middle">${escapeHtml(plot.xLabel)}${plot.logX ? ' (log)' : ''}</text>`,
  );
  parts.push(
    `<text x="14" y="${(y0 + y1) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(y0 + y1) / 2})">${escapeHtml(plot.yLabel)}${plot.logY ? ' (log)' : ''}</text>`,
  );
  plot.series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const style = s.style ?? 'line';
    const segments: string[][] = [[]];
    const dots: string[] = [];
    for (let i = 0; i < Math.min(s.x.length, s.y.length); i++) {
      if (!ok(s.x[i], plot.logX) || !ok(s.y[i], plot.logY)) {
        if (segments[segments.length - 1].length > 0) segments.push([]);
        continue;
      }
      const px = ax.map(s.x[i]).toFixed(1);
      const py = ay.map(s.y[i]).toFixed(1);
      segments[segments.length - 1].push(`${px},${py}`);
      if (style === 'points') dots.push(`<circle cx="${px}" cy="${py}" r="3" fill="${color}"/>`);
    }
    if (style !== 'points') {
      const dash = style === 'dashed' ? ' stroke-dasharray="6 4"' : '';
      for (const seg of segments) {
        if (seg.length === 1)
          parts.push(
            `<circle cx="${seg[0].split(',')[0]}" cy="${seg[0].split(',')[1]}" r="2" fill="${color}"/>`,
          );
        if (seg.length > 1) {
          parts.push(
            `<polyline points="${seg.join(' ')}" fill="none" stroke="${color}" stroke-width="1.8"${dash}/>`,
          );
        }
      }
    }
    parts.push(...dots);
    const ly = y1 + 14 + 16 * k;
    parts.push(
      `<line x1="${x1 + 10}" y1="${ly - 4}" x2="${x1 + 30}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${style === 'dashed' ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    parts.push(`<text x="${x1 + 34}" y="${ly}">${escapeHtml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
