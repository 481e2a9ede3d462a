/**
 * The one-line "key number" of a check, shared by the terminal summary and the HTML report.
 * @internal
 * @packageDocumentation
 */
import { formatNumber } from './escapeHtml.ts';
import { keyComparison } from './keyComparison.ts';
import type { CheckRecord } from './types.ts';

/**
 * `error: …` for a check that threw, else `label = value relation bound` of its {@link keyComparison},
 * else `undefined` (no comparisons).
 * @internal
 */
export function keyNumberText(check: CheckRecord): string | undefined {
  if (check.error) return `error: ${check.error}`;
  const k = keyComparison(check);
  return k ? `${k.label} = ${formatNumber(k.value)} ${k.relation} ${formatNumber(k.bound)}` : undefined;
}
