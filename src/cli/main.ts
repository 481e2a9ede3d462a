/**
 * The `ntk` command line: a commander program whose subcommands live in `commands/<name>.ts`.
 * `run(argv, io)` is the whole CLI as a function (testable in-process); `bin/ntk.mjs` calls it.
 * @packageDocumentation
 */
import { Command, CommanderError } from 'commander';
import { isNtkError } from '../errors.ts';
import { registerAdvTrain } from './commands/advTrain.ts';
import { registerAssemble } from './commands/assemble.ts';
import { registerAttack } from './commands/attack.ts';
import { registerBracket } from './commands/bracket.ts';
import { registerData } from './commands/data.ts';
import { registerInfo } from './commands/info.ts';
import { registerKernel } from './commands/kernel.ts';
import { registerRegress } from './commands/regress.ts';
import { registerRobustInterp } from './commands/robustInterp.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerVerify } from './commands/verify.ts';
import type { CliContext, CliIo } from './context.ts';
import { UsageError } from './context.ts';
import { byteSize } from './resourceGuard.ts';

/** NtkError codes that mean "the input was wrong" (exit 2); the others are run-time failures (exit 1). */
const INPUT_CODES = new Set([
  'E_TYPE',
  'E_SHAPE',
  'E_DOMAIN',
  'E_NON_FINITE',
  'E_IO',
  'E_BACKEND_UNAVAILABLE',
]);

/** Builds the commander program with every available subcommand, writing through `io`. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('ntk');
  program
    .description(
      'Infinite-width neural network kernels, kernel regression, attacks and adversarial training.\n' +
        'Arrays are read and written as .npy, .csv or .json, chosen by the file extension.',
    )
    .version('0.1.0', '-V, --version')
    .option('--json', 'print machine-readable JSON on stdout instead of text')
    .option('--debug', 'print stack traces on errors')
    .option(
      '--max-memory <size>',
      'memory limit of the request estimate (e.g. 8G; default: the memory available now)',
      byteSize,
    )
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.io.stdout(s),
      writeErr: (s) => ctx.io.stderr(s),
      outputError: () => {},
    })
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 2 invalid usage or input (flags, files, shapes), 1 run-time failure.\n' +
        "Run 'ntk <command> --help' for a command's flags and examples.",
    );
  registerData(program, ctx);
  registerKernel(program, ctx);
  registerRegress(program, ctx);
  registerAttack(program, ctx);
  registerAdvTrain(program, ctx);
  registerBracket(program, ctx);
  registerRobustInterp(program, ctx);
  registerVerify(program, ctx);
  registerAssemble(program, ctx);
  registerSweep(program, ctx, run);
  registerInfo(program, ctx);
  return program;
}

/** One line for an error, without a stack trace. */
function describeError(e: unknown): { line: string; code: number } {
  if (e instanceof CommanderError) {
    return {
      line: e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' '),
      code: e.exitCode === 0 ? 0 : 2,
    };
  }
  if (e instanceof UsageError) return { line: e.message, code: 2 };
  if (isNtkError(e)) return { line: e.message, code: INPUT_CODES.has(e.code) ? 2 : 1 };
  const err = e instanceof Error ? e : new Error(String(e));
  return { line: `internal error: ${err.message} (rerun with --debug for the stack trace)`, code: 1 };
}

/**
 * Runs the CLI on `argv` (the arguments after the program name) and returns the exit code:
 * 0 on success, 2 for invalid usage or input, 1 for a run-time failure.
 *
 * @param argv - e.g. `['kernel', '--x', 'X.npy', '--out', 'K.npy']`
 * @param io - where to write stdout/stderr, and whether stderr is a TTY (progress bars)
 * @returns the exit code
 * @remarks Since 0.1.0
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx: CliContext = { io, exitCode: 0 };
  const program = buildProgram(ctx);
  const debug = argv.includes('--debug');
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    const { line, code } = describeError(e);
    if (code !== 0 && !(e instanceof CommanderError && e.code === 'commander.help')) {
      const sub = program.commands.find((c) => argv.includes(c.name()))?.name();
      io.stderr(`ntk${sub === undefined ? '' : ` ${sub}`}: ${line}\n`);
    }
    if (debug && e instanceof Error && e.stack !== undefined) io.stderr(`${e.stack}\n`);
    return code;
  }
}
