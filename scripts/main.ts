/**
 * `npm start`: runs the verification suite (proofs-checks/, claims C1–C18 of docs/verification.md) on the shipped real data
 * (UCI digits, breast cancer) and synthetic data, writes reports/report.html and reports/report.json,
 * prints a summary table, and exits 0 iff every check passed.
 *
 * Usage: npm start [-- --quick] [--only C1,C7] [--out DIR] [--seed N]
 */
import { resolve } from 'node:path';
import { runChecks } from '../proofs-checks/framework/runChecks.ts';
import { renderTerminalSummary } from '../src/report/renderTerminalSummary.ts';

function parseArgs(argv: readonly string[]): { quick: boolean; only: string[]; out: string; seed: number } {
  let quick = process.env.NTK_QUICK === '1';
  const only: string[] = [];
  let out = 'reports';
  let seed = 20190916;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--only') only.push(...(argv[++i] ?? '').split(',').filter((s) => s.length > 0));
    else if (a === '--out') out = argv[++i] ?? out;
    else if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm start [-- --quick] [--only C1,C7] [--out DIR] [--seed N]\n');
      process.exit(0);
    } else {
      process.stderr.write(`main: unknown argument ${a} (try --help)\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(seed)) {
    process.stderr.write('main: --seed must be an integer\n');
    process.exit(2);
  }
  return { quick, only, out, seed };
}

async function main(): Promise<void> {
  const { quick, only, out, seed } = parseArgs(process.argv.slice(2));
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const tty = process.stdout.isTTY === true;
  process.stdout.write(
    `ntk-toolkit verification suite (${quick ? 'quick' : 'full'} mode, seed ${seed}) — claims C1–C18, stated in docs/verification.md\n`,
  );
  const { report, allPassed, htmlPath, jsonPath } = await runChecks({
    quick,
    only,
    seed,
    outDir: out,
    signal: controller.signal,
    onProgress: (e) => {
      if (e.kind === 'start') process.stdout.write(`[${e.index + 1}/${e.total}] ${e.id} ${e.title} …\n`);
      else if (e.kind === 'log') process.stdout.write(`      ${e.message}\n`);
      else
        process.stdout.write(
          `      ${e.record.status === 'pass' ? 'pass' : 'FAIL'} in ${e.record.seconds.toFixed(2)} s${e.record.error ? ` (${e.record.error})` : ''}\n`,
        );
    },
  });
  process.stdout.write(`\n${renderTerminalSummary(report, { color: tty })}\n\n`);
  process.stdout.write(`Report: ${resolve(htmlPath ?? '')}\nJSON:   ${resolve(jsonPath ?? '')}\n`);
  process.exitCode = allPassed ? 0 : 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`main: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
