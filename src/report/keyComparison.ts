import type { CheckRecord, ReportComparison } from './types.ts';

/**
 * The comparison that best summarises a check in one line: the first failing comparison if any,
 * otherwise the first comparison (checks list their headline comparison first).
 *
 * @param check - a check record
 * @returns the comparison, or `undefined` if the check has none
 * @example
 * const c = { label: 'err', value: 1e-14, bound: 1e-12, relation: '<=', pass: true } as const;
 * keyComparison({ id: 'C0', title: '', claim: '', status: 'pass', seconds: 0, comparisons: [c], tables: [], plots: [], notes: [] })?.label; // "err"
 * @remarks Since 0.1.0
 */
export function keyComparison(check: CheckRecord): ReportComparison | undefined {
  return check.comparisons.find((c) => !c.pass) ?? check.comparisons[0];
}
