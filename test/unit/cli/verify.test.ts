import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-verify-');

describe('ntk verify', () => {
  it('should run one quick check, write the report and exit 0 when it passes', async () => {
    const r = await runCli(['verify', '--quick', '--only', 'C14', '--out', p('rep'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.allPassed).toBe(true);
    expect(doc.report.checks.map((c: { id: string }) => c.id)).toEqual(['C14']);
    expect(existsSync(p('rep/report.html'))).toBe(true);
  }, 60_000);

  it('should print a summary table in text mode', async () => {
    const r = await runCli(['verify', '--quick', '--only', 'c14']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pass C14/);
    expect(r.stdout).toContain('1/1 checks passed');
  }, 60_000);

  it('should reject unknown check ids with exit 2', async () => {
    expect(oneLineError(await runCli(['verify', '--only', 'C99']))).toContain(
      '--only names unknown checks C99',
    );
    expect(oneLineError(await runCli(['verify', '--seed', 'x']))).toContain('must be a non-negative integer');
  });
});
