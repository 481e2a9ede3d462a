/**
 * Every registered check is evidence only if it can fail: for each check this runs it once unbroken in quick
 * mode (every comparison must pass) and once per declared negative control (a broken ingredient), which must
 * make at least one comparison fail. A thrown error is not a failure of the check: a control must be caught
 * by a comparison, so the run must not throw.
 */
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../proofs-checks/framework/check.ts';
import { registeredChecks } from '../../../proofs-checks/framework/registry.ts';
import { runNegativeControls } from '../../../proofs-checks/framework/runNegativeControls.ts';

const SEED = 20190916;

function context(): CheckContext {
  return { quick: true, seed: SEED, log: () => {} };
}

describe('negative controls of the verification suite (quick mode)', () => {
  for (const check of registeredChecks) {
    it(`${check.id} should pass unbroken and fail on each of its negative controls`, async () => {
      const controls = check.negativeControls ?? [];
      expect(controls.length, `${check.id} declares no negative control`).toBeGreaterThanOrEqual(1);
      const clean = await check.run(context());
      expect(clean.comparisons.length).toBeGreaterThan(0);
      const cleanFailures = clean.comparisons
        .filter((c) => !c.pass)
        .map((c) => `${c.label}: ${c.value} ${c.relation} ${c.bound}`);
      expect(cleanFailures, `${check.id} unbroken`).toEqual([]);
      const results = await runNegativeControls(check, context());
      expect(results.map((r) => r.name)).toEqual(controls.map((c) => c.name));
      for (const r of results) {
        expect(r.error, `${check.id} / ${r.name} threw instead of failing a comparison`).toBeUndefined();
        expect(r.comparisons, `${check.id} / ${r.name}: no comparisons`).toBeGreaterThan(0);
        expect(r.failed.length, `${check.id} / ${r.name}: no comparison failed`).toBeGreaterThan(0);
        expect(r.caught).toBe(true);
      }
    });
  }
});

describe('runNegativeControls', () => {
  it('should report a control caught only when a comparison fails, and a throw as not caught', async () => {
    const results = await runNegativeControls(
      {
        id: 'C99',
        title: 'toy',
        claim: 'x ≤ 1',
        run: async (_ctx, ing?: Partial<{ x: number }>) => {
          const x = ing?.x ?? 0.5;
          if (Number.isNaN(x)) throw new Error('boom');
          return { comparisons: [{ label: 'x', value: x, bound: 1, relation: '<=', pass: x <= 1 }] };
        },
        negativeControls: [
          { name: 'too big', description: 'x = 2', ingredients: { x: 2 } },
          { name: 'harmless', description: 'x = 0.9', ingredients: { x: 0.9 } },
          { name: 'throws', description: 'x = NaN', ingredients: { x: Number.NaN } },
        ],
      },
      context(),
    );
    expect(results.map((r) => r.caught)).toEqual([true, false, false]);
    expect(results[2].error).toBe('Error: boom');
  });
});
