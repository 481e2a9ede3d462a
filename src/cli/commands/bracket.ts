import type { Command } from 'commander';
import { robustLossBracket } from '../../robust/robustLossBracket.ts';
import { readAnyModelFile } from '../anyModelFile.ts';
import { type AttackFlags, addAttackFlags, attackSpec, dataBox, perturbationSet } from '../attackFlags.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { checkRows, readFlagLabels, readFlagMat } from '../files.ts';
import { emit, fmt } from '../output.ts';
import { planOutputs } from '../outputPlan.ts';
import { noteLongWork } from '../resourceGuard.ts';

interface BracketCommandFlags extends AttackFlags, GlobalFlags {
  readonly model: string;
  readonly x: string;
  readonly y: string;
  readonly out?: string;
}

/** `ntk bracket`: per-sample robust-loss bracket [best attack, certified bound] of a saved network. */
export function registerBracket(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('bracket')
    .description(
      'bracket the robust loss max_{x′∈B(x_i)} ℓ(f(x′), y_i) of a saved network per point: lower = best attack, upper = certified bound (IBP, CROWN-style linear bounds and branch-and-bound; arc grid with a proven remainder for caps in d = 2)',
    )
    .requiredOption(
      '--model <file.json>',
      'model file: `ntk adv-train --model-out` (network) or `ntk regress --model-out` (kernel predictor)',
    )
    .requiredOption('--x <file>', 'inputs, shape [n, d] (.npy/.csv/.json)')
    .requiredOption('--y <file>', 'labels ±1, shape [n]')
    .option('--out <file>', 'write the bracket, shape [n, 2] (columns lower, upper)');
  addAttackFlags(cmd).addHelpText(
    'after',
    `
The attack flags choose the attack behind the lower end; --grid-points is also the arc grid of the d = 2
certificate. Kernel predictors (ntk regress --model-out) are certified in any d (interval bounds, linear
relaxation, input branch-and-bound).

Examples:
  $ ntk bracket --model net.json --x X.npy --y y.npy --set cap --radius 0.2 --grid-points 1001 --json
  $ ntk bracket --model net.json --x X.npy --y y.npy --set linf --radius 0.01 --steps 20 --restarts 5 --out B.npy`,
  );
  cmd.action((_opts, command: Command) => {
    const f = command.optsWithGlobals() as BracketCommandFlags;
    const outs = planOutputs(
      [{ flag: '--out', path: f.out }],
      [
        { flag: '--model', path: f.model },
        { flag: '--x', path: f.x },
        { flag: '--y', path: f.y },
      ],
    );
    const x = readFlagMat('--x', f.x);
    const y = readFlagLabels('--y', f.y);
    checkRows('--x', x.rows, '--y', y.length);
    const net = readAnyModelFile(f.model);
    const G = f.gridPoints ?? 1001;
    noteLongWork(
      ctx,
      'bracket',
      `--grid-points ${G}`,
      x.rows * G * Math.max(1, net.inputDim * ((net as { width?: number }).width ?? 1)),
    );
    const t0 = performance.now();
    const r = robustLossBracket(net, x, y, {
      set: perturbationSet(f),
      loss: f.loss,
      attack: attackSpec(f),
      seed: f.seed,
      ...dataBox(f),
      ...(f.gridPoints !== undefined ? { gridPoints: f.gridPoints } : {}),
    });
    const seconds = (performance.now() - t0) / 1000;
    if (f.out !== undefined) {
      const both = new Float64Array(2 * y.length);
      for (let i = 0; i < y.length; i++) {
        both[2 * i] = r.lower[i];
        both[2 * i + 1] = r.upper[i];
      }
      outs.array('--out', { rows: y.length, cols: 2, data: both });
    }
    outs.commit();
    const methods = [...new Set(r.method)].join(', ');
    emit(
      ctx,
      f,
      {
        command: 'bracket',
        set: perturbationSet(f),
        loss: f.loss,
        n: y.length,
        meanLower: r.meanLower,
        meanUpper: r.meanUpper,
        gap: r.gap,
        lower: r.lower,
        upper: r.upper,
        method: r.method,
        seconds,
        ...(f.out !== undefined ? { out: f.out } : {}),
      },
      [
        `robust loss bracket on ${f.set} radius ${fmt(f.radius)}, ${y.length} points, loss ${f.loss}`,
        `mean lower (best attack)       ${fmt(r.meanLower)}`,
        `mean upper (certified)         ${fmt(r.meanUpper)}`,
        `mean gap                       ${fmt(r.gap)}`,
        `certificates                   ${methods}  (${fmt(seconds)} s)`,
        ...(f.out !== undefined ? [`bracket [lower, upper] written to ${f.out}`] : []),
      ],
    );
  });
}
