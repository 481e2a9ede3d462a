/**
 * Every registered check is evidence only if it can fail: for each check this runs it once unbroken in quick
 * mode (every comparison must pass) and once per declared negative control (a broken ingredient), which must
 * make at least one comparison fail. A thrown error is not a failure of the check: a control must be caught
 * by a comparison, so the run must not throw.
 */
import { describe, expect, it } from 'vitest';
import type { CheckContext, CheckOutcome } from '../../../proofs-checks/framework/check.ts';
import { registeredChecks } from '../../../proofs-checks/framework/registry.ts';

const SEED = 20190916;

function context(): CheckContext {
  return { quick: true, seed: SEED, log: () => {} };
}

function failing(out: CheckOutcome): string[] {
  return out.comparisons.filter((c) => !c.pass).map((c) => `${c.label}: ${c.value} ${c.relation} ${c.bound}`);
}

describe('negative controls of the verification suite (quick mode)', () => {
  for (const check of registeredChecks) {
    it(`${check.id} should pass unbroken and fail on each of its negative controls`, async () => {
      const controls = check.negativeControls ?? [];
      expect(controls.length, `${check.id} declares no negative control`).toBeGreaterThanOrEqual(1);
      const clean = await check.run(context());
      expect(clean.comparisons.length).toBeGreaterThan(0);
      expect(failing(clean), `${check.id} unbroken`).toEqual([]);
      for (const control of controls) {
        let out: CheckOutcome | undefined;
        let thrown: unknown;
        try {
          out = await check.run(context(), control.ingredients);
        } catch (e) {
          thrown = e;
        }
        expect(thrown, `${check.id} / ${control.name} threw instead of failing a comparison`).toBeUndefined();
        expect(out?.comparisons.length ?? 0).toBeGreaterThan(0);
        expect(
          failing(out as CheckOutcome).length,
          `${check.id} / ${control.name}: no comparison failed`,
        ).toBeGreaterThan(0);
      }
    });
  }
});
