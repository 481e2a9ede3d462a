import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { renderTerminalSummary } from '../../report/renderTerminalSummary.ts';
import type { CheckRecord, SuiteReport } from '../../report/types.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { int } from '../parsers.ts';

interface VerifyFlags extends GlobalFlags {
  readonly quick?: boolean;
  readonly only?: string;
  readonly out?: string;
  readonly seed?: number;
}

type ProgressEvent =
  | {
      readonly kind: 'start';
      readonly id: string;
      readonly title: string;
      readonly index: number;
      readonly total: number;
    }
  | { readonly kind: 'log'; readonly id: string; readonly message: string }
  | {
      readonly kind: 'done';
      readonly id: string;
      readonly record: CheckRecord;
      readonly index: number;
      readonly total: number;
    };

/** The part of proofs-checks/framework the command uses (loaded at run time: it is not under src/). */
interface Framework {
  runChecks(options: {
    quick?: boolean;
    only?: readonly string[];
    seed?: number;
    outDir?: string;
    onProgress?: (e: ProgressEvent) => void;
  }): Promise<{ report: SuiteReport; allPassed: boolean; htmlPath?: string; jsonPath?: string }>;
  registeredChecks: readonly { readonly id: string }[];
  normalizeCheckId(id: string): string;
}

/** Loads proofs-checks/framework: directly under tsx (sources), through tsx's API from dist/. */
async function loadFramework(): Promise<Framework> {
  const url = new URL('../../../proofs-checks/framework/index.ts', import.meta.url);
  try {
    if (import.meta.url.endsWith('.ts')) return (await import(url.href)) as Framework;
    const { tsImport } = (await import('tsx/esm/api')) as {
      tsImport: (specifier: string, parent: string) => Promise<unknown>;
    };
    return (await tsImport(fileURLToPath(url), import.meta.url)) as Framework;
  } catch (e) {
    throw new UsageError(
      `the verification suite needs the proofs-checks/ sources and tsx (could not load ${fileURLToPath(url)}: ${(e as Error).message.split('\n')[0]})`,
    );
  }
}

/** `ntk verify`: runs the numerical checks C1–C18 (stated in docs/verification.md) and writes the report. */
export function registerVerify(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description(
      'run the verification suite (numerical checks of the theory, C1–C18, stated in docs/verification.md); exit 1 if a check fails',
    )
    .option('--quick', 'small sizes (about a minute for the whole suite)')
    .option('--only <ids>', 'comma-separated check ids, e.g. C1,C7 (default: all)')
    .option('--out <dir>', 'write report.html and report.json to this directory')
    .option('--seed <n>', 'base seed of every check', int)
    .addHelpText(
      'after',
      `
Examples:
  $ ntk verify --quick --out reports
  $ ntk verify --only C3,C14 --json > checks.json`,
    )
    .action(async (_opts, command: Command) => {
      const f = command.optsWithGlobals() as VerifyFlags;
      const fw = await loadFramework();
      const only = f.only === undefined ? undefined : f.only.split(',').filter((s) => s.trim() !== '');
      if (only !== undefined) {
        const known = new Set(fw.registeredChecks.map((c) => c.id));
        const unknown = only.filter((id) => !known.has(fw.normalizeCheckId(id)));
        if (unknown.length > 0) {
          throw new UsageError(
            `--only names unknown checks ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
          );
        }
      }
      const quiet = f.json === true;
      const result = await fw.runChecks({
        quick: f.quick === true,
        ...(only !== undefined ? { only } : {}),
        ...(f.seed !== undefined ? { seed: f.seed } : {}),
        ...(f.out !== undefined ? { outDir: f.out } : {}),
        onProgress: (e) => {
          if (e.kind === 'start' && ctx.io.isTTY === true)
            ctx.io.stderr(`[${e.index + 1}/${e.total}] ${e.id} ${e.title} …\n`);
          if (e.kind === 'done' && !quiet) {
            ctx.io.stdout(
              `${e.record.status === 'pass' ? 'pass' : 'FAIL'} ${e.id} ${e.record.title} (${e.record.seconds.toFixed(2)} s)${e.record.error !== undefined ? `: ${e.record.error}` : ''}\n`,
            );
          }
        },
      });
      ctx.exitCode = result.allPassed ? 0 : 1;
      if (quiet) {
        ctx.io.stdout(
          `${JSON.stringify({ command: 'verify', allPassed: result.allPassed, htmlPath: result.htmlPath, jsonPath: result.jsonPath, report: result.report }, null, 2)}\n`,
        );
        return;
      }
      ctx.io.stdout(`\n${renderTerminalSummary(result.report, { color: false })}\n`);
      if (result.htmlPath !== undefined) ctx.io.stdout(`Report: ${resolve(result.htmlPath)}\n`);
      if (result.jsonPath !== undefined) ctx.io.stdout(`JSON:   ${resolve(result.jsonPath)}\n`);
    });
}
