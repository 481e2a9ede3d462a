import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../proofs-checks/framework/check.ts';
import { compare } from '../../../proofs-checks/framework/check.ts';
import { normalizeCheckId, runChecks } from '../../../proofs-checks/framework/runChecks.ts';
import { parseReport } from '../../../src/report/parseReport.ts';

const OWN = ['C1', 'C3', 'C4', 'C5', 'C7', 'C14', 'C15', 'C16'];

describe('verification suite (quick mode)', () => {
  it('should pass every check of the kernel/robust-interpolation/capacity group and write the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntk-verify-'));
    try {
      const seen: string[] = [];
      const { report, allPassed, htmlPath, jsonPath } = await runChecks({
        quick: true,
        only: OWN,
        seed: 20190916,
        outDir: dir,
        onProgress: (e) => {
          if (e.kind === 'done') seen.push(e.id);
        },
      });
      const failed = report.checks
        .filter((c) => c.status !== 'pass')
        .map((c) => ({ id: c.id, error: c.error, bad: c.comparisons.filter((k) => !k.pass) }));
      expect(failed).toEqual([]);
      expect(allPassed).toBe(true);
      expect(seen).toEqual(OWN);
      expect(report.mode).toBe('quick');
      for (const c of report.checks) expect(c.seconds).toBeGreaterThanOrEqual(0);
      const html = readFileSync(htmlPath ?? '', 'utf8');
      expect(html).toContain('<svg');
      expect(parseReport(readFileSync(jsonPath ?? '', 'utf8')).checks.map((c) => c.id)).toEqual(OWN);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runChecks', () => {
  const good: Check = {
    id: 'C90',
    title: 'good',
    claim: 'passes',
    run: async () => ({ comparisons: [compare('x', 1, '<=', 2)] }),
  };
  const thrower: Check = {
    id: 'C91',
    title: 'thrower',
    claim: 'throws',
    run: async () => {
      throw new Error('kaboom');
    },
  };
  const empty: Check = {
    id: 'C92',
    title: 'empty',
    claim: 'no comparisons',
    run: async () => ({ comparisons: [] }),
  };
  const bad: Check = {
    id: 'C93',
    title: 'bad',
    claim: 'fails its bound',
    run: async () => ({ comparisons: [compare('x', 3, '<=', 2)] }),
  };

  it('should turn a thrown error into a failed check carrying the message', async () => {
    const { report, allPassed } = await runChecks({ checks: [good, thrower, empty, bad] });
    expect(allPassed).toBe(false);
    expect(report.checks.map((c) => c.status)).toEqual(['pass', 'fail', 'fail', 'fail']);
    expect(report.checks[1].error).toBe('Error: kaboom');
  });

  it('should select checks by id in any spelling and reject unknown ids', async () => {
    const { report } = await runChecks({ checks: [good, thrower], only: ['c090'] });
    expect(report.checks.map((c) => c.id)).toEqual(['C90']);
    await expect(runChecks({ checks: [good], only: ['C42'] })).rejects.toThrow(/unknown C42/);
    expect(normalizeCheckId('c07')).toBe('C7');
  });

  it('should stop between checks when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runChecks({ checks: [good], signal: controller.signal })).rejects.toThrow(/abort/);
  });
});
