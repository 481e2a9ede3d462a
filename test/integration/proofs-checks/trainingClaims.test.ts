import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../proofs-checks/framework/runChecks.ts';

// The finite-width claims not already run by their own module's integration tests (C8 and C10 are).
const CLAIMS = ['C2', 'C6', 'C9', 'C11', 'C12', 'C13'];

describe('verification suite, finite-width claims (quick mode)', () => {
  it('should pass C2, C6, C9 and the main-claim group C11–C13 with every comparison', async () => {
    const { report, allPassed } = await runChecks({ quick: true, only: CLAIMS, seed: 20190916 });
    const failed = report.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => ({ id: c.id, error: c.error, bad: c.comparisons.filter((k) => !k.pass) }));
    expect(failed).toEqual([]);
    expect(allPassed).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(CLAIMS);
    for (const c of report.checks) expect(c.comparisons.length).toBeGreaterThan(0);
  });
});
