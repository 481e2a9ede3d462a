import { type Command, Option } from 'commander';
import { normalizeRows } from '../../kernels/normalizeRows.ts';
import { robustInterpolate } from '../../robust/robustInterpolate.ts';
import { anyModelFileText } from '../anyModelFile.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { checkRows, readFlagMat, readFlagVec } from '../files.ts';
import {
  addKernelFlags,
  type KernelFlags,
  kernelFromFlags,
  kernelOnRawInputs,
  kernelSettings,
} from '../kernelFlags.ts';
import { emit, fmt } from '../output.ts';
import { planOutputs } from '../outputPlan.ts';
import { int, num } from '../parsers.ts';
import { guardMemory } from '../resourceGuard.ts';

interface RobustInterpFlags extends KernelFlags, GlobalFlags {
  readonly certify?: boolean;
  readonly modelOut?: string;
  readonly x: string;
  readonly y: string;
  readonly set: 'linf' | 'l2' | 'cap';
  readonly radius: number;
  readonly get: 'ntk' | 'nngp';
  readonly tolerance?: number;
  readonly maxIterations?: number;
  readonly initialPoints?: number;
  readonly searchGrid?: number;
  readonly maxAddPerSet?: number;
  readonly restarts?: number;
  readonly steps?: number;
  readonly seed: number;
  readonly xTest?: string;
  readonly out?: string;
  readonly centersOut?: string;
  readonly alphaOut?: string;
}

/** `ntk robust-interp`: a kernel interpolant that fits every label on its whole perturbation set. */
export function registerRobustInterp(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('robust-interp')
    .description(
      'robust kernel interpolation: f in the kernel RKHS with f(x′) = y_i for every x′ in B(x_i) (up to --tolerance); reports its RKHS norm',
    )
    .requiredOption('--x <file>', 'inputs, shape [n, d] (unit rows for --set cap)')
    .requiredOption('--y <file>', 'labels or targets, shape [n]')
    .addOption(new Option('--set <kind>', 'perturbation set').choices(['linf', 'l2', 'cap']).default('linf'))
    .requiredOption('--radius <r>', 'radius ρ of the perturbation set (cap: angle in radians)', num)
    .addOption(
      new Option('--get <which>', 'kernel to interpolate with').choices(['ntk', 'nngp']).default('ntk'),
    )
    .option('--tolerance <ε>', 'target sup error max_i sup_{B(x_i)} |f − y_i| (default 1e-3)', num)
    .option('--max-iterations <k>', 'exchange rounds (default 50)', int)
    .option('--initial-points <k>', 'initial points per set (default 3)', int)
    .option('--search-grid <k>', 'grid points per arc for d = 2 caps (default 401)', int)
    .option('--max-add-per-set <k>', 'points added per set per round (default 2)', int)
    .option('--restarts <k>', 'gradient-ascent starts per set (default 6)', int)
    .option('--steps <k>', 'gradient-ascent steps per start (default 15)', int)
    .option('--seed <n>', 'seed of random starts', int, 0)
    .option('--x-test <file>', 'evaluate the interpolant at these points')
    .option('--out <file>', 'predictions at --x-test, shape [m]')
    .option('--centers-out <file>', 'interpolation points c_j, shape [k, d]')
    .option('--alpha-out <file>', 'coefficients α_j of f = Σ α_j k(·, c_j), shape [k]')
    .option(
      '--certify',
      'certify the final sup error with the kernel bounds (interval, linear relaxation, branch-and-bound): a verified robust interpolant in any d',
    )
    .option(
      '--model-out <file.json>',
      'save the interpolant as a kernel model file (for ntk attack / ntk bracket)',
    );
  addKernelFlags(cmd).addHelpText(
    'after',
    `
With --append-bias the bias coordinate is added inside the kernel, so the perturbation sets stay in the
input space; --normalize scales the inputs x (not the perturbations) to unit norm.

Examples:
  $ ntk robust-interp --x circle6.npy --y labels6.npy --set cap --radius 0.3 --append-bias --json
  $ ntk robust-interp --x X.npy --y y.npy --set l2 --radius 0.05 --b-std 1 --x-test T.npy --out f.npy`,
  );
  cmd.action((_opts, command: Command) => {
    const f = command.optsWithGlobals() as RobustInterpFlags;
    const outs = planOutputs(
      [
        { flag: '--out', path: f.out },
        { flag: '--centers-out', path: f.centersOut },
        { flag: '--alpha-out', path: f.alphaOut },
        { flag: '--model-out', path: f.modelOut, extensions: ['.json'] },
      ],
      [
        { flag: '--x', path: f.x },
        { flag: '--y', path: f.y },
        { flag: '--x-test', path: f.xTest },
      ],
    );
    if (f.out !== undefined && f.xTest === undefined)
      throw new UsageError('--out needs --x-test (the points to predict at)');
    const base = kernelFromFlags(f);
    const kernel = kernelOnRawInputs(f, base);
    const raw = readFlagMat('--x', f.x);
    const x = f.normalize === true ? normalizeRows(raw) : raw;
    const y = readFlagVec('--y', f.y);
    checkRows('--x', x.rows, '--y', y.length);
    const xTest = f.xTest === undefined ? undefined : readFlagMat('--x-test', f.xTest);
    if (xTest !== undefined && xTest.cols !== x.cols) {
      throw new UsageError(
        `--x and --x-test must have the same number of columns (got ${x.cols} and ${xTest.cols})`,
      );
    }
    // The arc search evaluates n·G grid points at once (d = 2 caps): points, kernel rows and values.
    const G = f.searchGrid ?? 401;
    guardMemory(f.maxMemory, [{ flag: `--search-grid ${G}`, bytes: 8 * 4 * x.rows * G }]);
    const t0 = performance.now();
    const r = robustInterpolate(x, y, {
      kernel,
      get: f.get,
      ...(f.certify === true ? { certify: true } : {}),
      set: { kind: f.set, radius: f.radius },
      seed: f.seed,
      ...(f.tolerance !== undefined ? { tolerance: f.tolerance } : {}),
      ...(f.maxIterations !== undefined ? { maxIterations: f.maxIterations } : {}),
      ...(f.initialPoints !== undefined ? { initialPoints: f.initialPoints } : {}),
      ...(f.searchGrid !== undefined ? { searchGrid: f.searchGrid } : {}),
      ...(f.maxAddPerSet !== undefined ? { maxAddPerSet: f.maxAddPerSet } : {}),
      ...(f.restarts !== undefined ? { restarts: f.restarts } : {}),
      ...(f.steps !== undefined ? { steps: f.steps } : {}),
    });
    const seconds = (performance.now() - t0) / 1000;
    const pred = xTest === undefined ? undefined : r.predictor.predict(xTest);
    if (f.out !== undefined && pred !== undefined) outs.array('--out', pred);
    if (f.centersOut !== undefined) outs.array('--centers-out', r.centers);
    if (f.alphaOut !== undefined) outs.array('--alpha-out', r.alpha);
    if (f.modelOut !== undefined) outs.text('--model-out', anyModelFileText(r.predictor));
    outs.commit();
    emit(
      ctx,
      f,
      {
        command: 'robust-interp',
        get: f.get,
        ...kernelSettings(base, f),
        set: { kind: f.set, radius: f.radius },
        n: y.length,
        converged: r.converged,
        reason: r.reason,
        iterations: r.iterations,
        rkhsNorm: r.rkhsNorm,
        maxViolation: r.maxViolation,
        ...(r.certifiedViolation !== undefined
          ? { certifiedViolation: r.certifiedViolation, verified: r.verified }
          : {}),
        centers: r.centers.rows,
        jitterUsed: r.jitterUsed,
        setViolations: r.setViolations,
        history: r.history,
        seconds,
        ...(pred !== undefined && f.out === undefined ? { predictions: pred } : {}),
      },
      [
        `robust interpolation (${f.get}, ${f.kernel}) on ${f.set} radius ${fmt(f.radius)}: ${r.reason} after ${r.iterations} rounds (${fmt(seconds)} s)`,
        `RKHS norm √(αᵀKα)             ${fmt(r.rkhsNorm)}`,
        `worst |f(x′) − y_i| found     ${fmt(r.maxViolation)}`,
        ...(r.certifiedViolation !== undefined
          ? [
              `certified sup |f(x′) − y_i|   ${fmt(r.certifiedViolation)}${r.verified === true ? ' (verified)' : ''}`,
            ]
          : []),
        `interpolation points          ${r.centers.rows}${r.jitterUsed > 0 ? ` (jitter ${fmt(r.jitterUsed)})` : ''}`,
        ...(f.out !== undefined ? [`predictions written to ${f.out}`] : []),
        ...(f.centersOut !== undefined ? [`centres written to ${f.centersOut}`] : []),
        ...(f.alphaOut !== undefined ? [`coefficients written to ${f.alphaOut}`] : []),
      ],
    );
  });
}
