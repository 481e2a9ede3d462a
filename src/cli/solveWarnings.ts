/**
 * Numerical trouble is reported, never hidden: a solve flagged by its diagnostics prints one warning line on
 * stderr, and with `--strict` the command exits 1.
 * @packageDocumentation
 */
import {
  CONDITION_LIMIT,
  RELATIVE_RESIDUAL_LIMIT,
  type SolveDiagnostics,
} from '../regression/solveDiagnostics.ts';
import type { CliContext } from './context.ts';
import { fmt } from './output.ts';

/** The diagnostics as they appear in `--json` output. */
export function diagnosticsJson(d: SolveDiagnostics): Record<string, unknown> {
  return {
    solver: d.method,
    jitterUsed: d.jitterUsed,
    relativeResidual: d.relativeResidual,
    conditionEstimate: d.conditionEstimate,
    rank: d.rank,
    accurate: d.accurate,
  };
}

/** Human-readable diagnostics line. */
export function diagnosticsLine(d: SolveDiagnostics): string {
  return `solve (${d.method})${' '.repeat(Math.max(1, 22 - d.method.length))}residual ${fmt(d.relativeResidual)}, condition ≈ ${fmt(d.conditionEstimate)}, jitter ${fmt(d.jitterUsed)}${d.method === 'min-norm' ? `, rank ${d.rank}` : ''}`;
}

/**
 * Warns on stderr when the solve is flagged (`accurate: false`) and, with `strict`, sets exit code 1.
 * @param command - the subcommand name for the message
 * @param hint - what the user can do, e.g. "use --min-norm or --diag-reg"
 */
export function warnOnSolve(
  ctx: CliContext,
  command: string,
  d: SolveDiagnostics,
  strict: boolean,
  hint: string,
): void {
  if (d.accurate) return;
  const why: string[] = [];
  if (d.method === 'cholesky' && !(d.relativeResidual <= RELATIVE_RESIDUAL_LIMIT))
    why.push(`relative residual ${fmt(d.relativeResidual)} > ${RELATIVE_RESIDUAL_LIMIT.toExponential(0)}`);
  if (d.method === 'cholesky' && !(d.conditionEstimate <= CONDITION_LIMIT))
    why.push(`condition estimate ${fmt(d.conditionEstimate)} > ${CONDITION_LIMIT.toExponential(0)}`);
  if (d.jitterUsed > 0) why.push(`jitter ${fmt(d.jitterUsed)} added`);
  if (why.length === 0) why.push('the least-squares solve did not converge to the normal equations');
  ctx.io.stderr(
    `ntk ${command}: warning: the kernel system is numerically unreliable (${why.join(', ')}); ${hint}${strict ? ' (--strict: exit 1)' : ''}\n`,
  );
  if (strict) ctx.exitCode = 1;
}
