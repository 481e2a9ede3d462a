import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IoError } from '../../../src/errors.ts';
import { collectMachineInfo } from '../../../src/report/collectMachineInfo.ts';
import { keyComparison } from '../../../src/report/keyComparison.ts';
import { parseReport } from '../../../src/report/parseReport.ts';
import { renderHtml } from '../../../src/report/renderHtml.ts';
import { renderSvgPlot } from '../../../src/report/renderSvgPlot.ts';
import { renderTerminalSummary } from '../../../src/report/renderTerminalSummary.ts';
import { serializeReport } from '../../../src/report/serializeReport.ts';
import type { CheckRecord, SuiteReport } from '../../../src/report/types.ts';
import { writeReport } from '../../../src/report/writeReport.ts';

const passing: CheckRecord = {
  id: 'C4',
  title: 'Spectrum <on> the circle',
  claim: 'odd coefficients vanish',
  status: 'pass',
  seconds: 0.25,
  comparisons: [{ label: 'max |a_k|', value: 1.1e-16, bound: 1e-8, relation: '<=', pass: true }],
  tables: [
    {
      title: 'coefficients',
      columns: ['k', 'a_k'],
      rows: [
        [0, 0.1013],
        [1, 'n/a'],
      ],
    },
  ],
  plots: [
    {
      title: 'decay',
      xLabel: 'k',
      yLabel: '|a_k|',
      logY: true,
      series: [
        { name: 'bias-free', x: [1, 2, 3, 4], y: [0.25, 0.11, 0, 0.015], style: 'points' },
        { name: 'bias', x: [1, 2, 3, 4], y: [0.23, 0.037, 0.0094, 0.005] },
      ],
    },
  ],
  notes: ['a note & more'],
};

const failing: CheckRecord = {
  id: 'C99',
  title: 'Broken',
  claim: 'throws',
  status: 'fail',
  seconds: 0.01,
  comparisons: [
    { label: 'first', value: 1, bound: 2, relation: '<=', pass: true },
    { label: 'second', value: Number.POSITIVE_INFINITY, bound: 2, relation: '<=', pass: false },
  ],
  tables: [],
  plots: [],
  notes: [],
  error: 'Error: boom',
};

const report: SuiteReport = {
  version: 1,
  title: 'test report',
  mode: 'quick',
  seed: 7,
  seconds: 1.5,
  machine: {
    cpuModel: 'Test CPU',
    cpuCount: 2,
    nodeVersion: 'v20.20.2',
    platform: 'linux',
    date: '2026-11-24T20:00:00.000Z',
    gitCommit: 'abc123',
  },
  checks: [passing, failing],
};

describe('renderHtml', () => {
  it('should collapse tables longer than 20 rows into <details>, keeping every row', () => {
    const rows = Array.from({ length: 25 }, (_, i) => [i, i * i]);
    const big = { ...passing, tables: [{ title: 'long', columns: ['i', 'i²'], rows }] };
    const html = renderHtml({ ...report, checks: [big] });
    expect(html).toContain('<details><summary>25 rows (click to expand)</summary>');
    expect(html).toContain('<td>576</td>');
    // The 2-row table of the fixture stays open.
    expect(renderHtml(report)).not.toContain('<details>');
  });

  it('should contain an inline SVG plot, the tables, badges and the machine info', () => {
    const html = renderHtml(report);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).toContain('<polyline');
    expect(html).toContain('<table');
    expect(html).toContain('<th>a_k</th>');
    expect(html).toContain('class="badge pass"');
    expect(html).toContain('class="badge fail"');
    expect(html).toContain('Test CPU');
    expect(html).toContain('v20.20.2');
    expect(html).toContain('abc123');
    expect(html).toContain('threw: Error: boom');
    expect(html).toContain('1/2 checks passed');
  });

  it('should escape HTML in titles and notes', () => {
    const html = renderHtml(report);
    expect(html).toContain('Spectrum &lt;on&gt; the circle');
    expect(html).not.toContain('Spectrum <on>');
    expect(html).toContain('a note &amp; more');
  });

  it('should be self-contained (no scripts, no external resources)', () => {
    const html = renderHtml(report);
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});

describe('renderSvgPlot', () => {
  const ticks = (svg: string) => [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
  it('should give a log axis over two decades 1-2-5 ticks, and linear ticks within one decade', () => {
    const plot = (y: number[]) =>
      renderSvgPlot({
        title: 't',
        xLabel: 'x',
        yLabel: 'y',
        logY: true,
        series: [{ name: 's', x: y.map((_, i) => i), y }],
      });
    const two = ticks(plot([0.01, 1]));
    expect(two.length).toBeGreaterThanOrEqual(7); // 0.01 0.02 0.05 0.1 0.2 0.5 1
    const one = ticks(plot([2, 7]));
    expect(one.length).toBeGreaterThanOrEqual(3);
  });

  it('should widen the legend column for long series names instead of clipping them', () => {
    const name = 'a rather long series name that would not fit in 150 pixels';
    const svg = renderSvgPlot({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      series: [{ name, x: [1, 2], y: [1, 2] }],
    });
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBeGreaterThanOrEqual(560 - 150 + 40 + 6.5 * name.length);
    expect(svg).toContain(name);
  });

  it('should skip non-positive values on a log axis instead of producing NaN coordinates', () => {
    const svg = renderSvgPlot(passing.plots[0]);
    expect(svg).not.toContain('NaN');
    // 3 of the 4 bias-free points are positive
    expect(svg.match(/<circle/g)?.length).toBe(3);
  });

  it('should render "no data" for an empty plot', () => {
    const svg = renderSvgPlot({ title: 'empty', xLabel: 'x', yLabel: 'y', series: [] });
    expect(svg).toContain('no data');
  });
});

describe('serializeReport / parseReport', () => {
  it('should round-trip a report, including non-finite numbers', () => {
    const back = parseReport(serializeReport(report));
    expect(back).toEqual(report);
    expect(back.checks[1].comparisons[1].value).toBe(Number.POSITIVE_INFINITY);
  });

  it('should reject text that is not a report', () => {
    expect(() => parseReport('{"version": 2, "checks": []}')).toThrow(IoError);
    expect(() => parseReport('not json')).toThrow(IoError);
  });
});

describe('renderTerminalSummary', () => {
  it('should list every check with PASS/FAIL, key number and totals', () => {
    const s = renderTerminalSummary(report);
    const lines = s.split('\n');
    expect(lines.find((l) => l.startsWith('C4'))).toMatch(/PASS.*max \|a_k\| = 1\.100e-16 <= 1\.000e-8/);
    expect(lines.find((l) => l.startsWith('C99'))).toMatch(/FAIL.*error: Error: boom/);
    expect(s.replace(/\n/g, ' ')).toContain('1/2 checks passed (quick mode, seed 7)');
  });

  it('should never cut a number: at any width every key number appears whole, no line exceeds the width', () => {
    const long: CheckRecord = {
      ...passing,
      id: 'C11',
      title: 'A very long title that certainly does not fit in the narrow terminal at all, really',
      comparisons: [
        {
          label: 'relative gap of the certified bracket at the smallest radius',
          value: 1.2345678e-7,
          bound: 3.5e-2,
          relation: '<=',
          pass: true,
        },
      ],
    };
    const r = { ...report, checks: [long, failing] };
    for (const width of [40, 60, 80, 151, 200]) {
      const s = renderTerminalSummary(r, { width });
      for (const line of s.split('\n')) expect(line.length, line).toBeLessThanOrEqual(width);
      const flat = s.replace(/\n\s+/g, ' ');
      expect(flat).toContain('= 1.235e-7 <= 0.035');
      expect(flat).toContain('relative gap of the certified bracket at the smallest radius');
    }
  });
});

describe('keyComparison', () => {
  it('should prefer the first failing comparison', () => {
    expect(keyComparison(failing)?.label).toBe('second');
    expect(keyComparison(passing)?.label).toBe('max |a_k|');
  });
});

describe('writeReport', () => {
  it('should write report.html and a report.json that parses back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntk-report-'));
    try {
      const { htmlPath, jsonPath } = writeReport(report, join(dir, 'nested'));
      expect(readFileSync(htmlPath, 'utf8')).toContain('<svg');
      expect(parseReport(readFileSync(jsonPath, 'utf8'))).toEqual(report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('collectMachineInfo', () => {
  it('should describe the running Node and CPU', () => {
    const m = collectMachineInfo();
    expect(m.nodeVersion).toBe(process.version);
    expect(m.cpuCount).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(m.date))).toBe(false);
  });
});
