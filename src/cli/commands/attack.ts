import { type Command, Option } from 'commander';
import { runAttack } from '../../attacks/runAttack.ts';
import { fitKernelPredictor } from '../../regression/fitKernelPredictor.ts';
import type { DifferentiableModel } from '../../types.ts';
import { readAnyModelFile } from '../anyModelFile.ts';
import { type AttackFlags, addAttackFlags, attackSpec, dataBox, perturbationSet } from '../attackFlags.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { checkRows, readFlagLabels, readFlagMat, readFlagVec } from '../files.ts';
import { addKernelFlags, type KernelFlags, kernelFromFlags, kernelOnRawInputs } from '../kernelFlags.ts';
import { emit, fmt } from '../output.ts';
import { planOutputs } from '../outputPlan.ts';
import { num } from '../parsers.ts';
import { noteLongWork } from '../resourceGuard.ts';

interface AttackCommandFlags extends AttackFlags, KernelFlags, GlobalFlags {
  readonly model?: string;
  readonly trainX?: string;
  readonly trainY?: string;
  readonly get: 'ntk' | 'nngp';
  readonly diagReg?: number;
  readonly diagRegScale: 'trace' | 'absolute';
  readonly x: string;
  readonly y: string;
  readonly out?: string;
}

/** The attacked model: a model file, or the kernel predictor fitted to --train-x/--train-y. */
function loadModel(f: AttackCommandFlags): DifferentiableModel {
  if ((f.model === undefined) === (f.trainX === undefined)) {
    throw new UsageError('give either --model or --train-x/--train-y (the kernel predictor)');
  }
  if (f.model !== undefined) return readAnyModelFile(f.model);
  if (f.trainY === undefined) throw new UsageError('--train-x needs --train-y');
  if (f.normalize === true)
    throw new UsageError('--normalize is not available for attacks (normalise the files instead)');
  const xTrain = readFlagMat('--train-x', f.trainX as string);
  const yTrain = readFlagVec('--train-y', f.trainY);
  checkRows('--train-x', xTrain.rows, '--train-y', yTrain.length);
  const kernel = kernelOnRawInputs(f, kernelFromFlags(f));
  const diagReg = f.diagReg === undefined ? undefined : { value: f.diagReg, scale: f.diagRegScale };
  return fitKernelPredictor(kernel, xTrain, yTrain, {
    get: f.get,
    ...(diagReg !== undefined ? { diagReg } : {}),
  });
}

/** `ntk attack`: attack a saved network on labelled points; adversarial points to a file, losses to JSON. */
export function registerAttack(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('attack')
    .description(
      'attack a model on labelled points: a saved two-layer network (--model) or the infinite-width kernel predictor fitted to --train-x/--train-y',
    )
    .option(
      '--model <file.json>',
      'model file: `ntk adv-train --model-out` (network) or `ntk regress --model-out` (kernel predictor)',
    )
    .option('--train-x <file>', 'kernel predictor: training inputs, shape [n, d]')
    .option('--train-y <file>', 'kernel predictor: training labels, shape [n]')
    .addOption(
      new Option('--get <which>', 'kernel predictor: ntk or nngp').choices(['ntk', 'nngp']).default('ntk'),
    )
    .option('--diag-reg <v>', 'kernel predictor: ridge (default 0)', num)
    .addOption(
      new Option('--diag-reg-scale <s>', 'kernel predictor: unit of --diag-reg')
        .choices(['trace', 'absolute'])
        .default('trace'),
    )
    .requiredOption('--x <file>', 'inputs, shape [n, d] (.npy/.csv/.json)')
    .requiredOption('--y <file>', 'labels ±1, shape [n]')
    .option('--out <file>', 'write the attacked points, shape [n, d]');
  addAttackFlags(addKernelFlags(cmd)).addHelpText(
    'after',
    `
Examples:
  $ ntk attack --model net.json --x X.npy --y y.npy --set linf --radius 0.1 --steps 20 --out Xadv.npy
  $ ntk attack --model net.json --x X.npy --y y.npy --set cap --radius 0.2 --attack exact-cap --json
  $ ntk attack --train-x Xtr.npy --train-y ytr.npy --depth 2 --x Xte.npy --y yte.npy --set l2 --radius 0.1`,
  );
  cmd.action((_opts, command: Command) => {
    const f = command.optsWithGlobals() as AttackCommandFlags;
    const outs = planOutputs(
      [{ flag: '--out', path: f.out }],
      [
        { flag: '--model', path: f.model },
        { flag: '--train-x', path: f.trainX },
        { flag: '--train-y', path: f.trainY },
        { flag: '--x', path: f.x },
        { flag: '--y', path: f.y },
      ],
    );
    const net = loadModel(f);
    const x = readFlagMat('--x', f.x);
    const y = readFlagLabels('--y', f.y);
    checkRows('--x', x.rows, '--y', y.length);
    const G = f.gridPoints ?? (f.attack === 'exact-cap' ? 201 : 0);
    noteLongWork(
      ctx,
      'attack',
      `--grid-points ${G}`,
      x.rows * G * Math.max(1, net.inputDim * ((net as { width?: number }).width ?? 1)),
    );
    const t0 = performance.now();
    const r = runAttack(net, x, y, {
      attack: attackSpec(f),
      set: perturbationSet(f),
      loss: f.loss,
      seed: f.seed,
      ...dataBox(f),
    });
    const seconds = (performance.now() - t0) / 1000;
    if (f.out !== undefined) outs.array('--out', r.points);
    outs.commit();
    let clean = 0;
    const cleanPred = net.predict(x);
    for (let i = 0; i < y.length; i++) clean += cleanPred[i] * y[i] > 0 ? 1 : 0;
    let robust = 0;
    for (let i = 0; i < y.length; i++) robust += r.predictions[i] * y[i] > 0 ? 1 : 0;
    emit(
      ctx,
      f,
      {
        command: 'attack',
        attack: attackSpec(f),
        set: perturbationSet(f),
        loss: f.loss,
        n: y.length,
        meanLoss: r.meanLoss,
        cleanAccuracy: clean / y.length,
        attackedAccuracy: robust / y.length,
        maxSetViolation: r.maxSetViolation,
        evaluations: r.evaluations,
        losses: r.losses,
        predictions: r.predictions,
        seconds,
        ...(f.out !== undefined ? { out: f.out } : {}),
      },
      [
        `attack ${f.attack} on ${f.set} radius ${fmt(f.radius)}, ${y.length} points, loss ${f.loss}`,
        `surrogate loss (mean over points)  ${fmt(r.meanLoss)}`,
        `accuracy clean / attacked          ${fmt(clean / y.length)} / ${fmt(robust / y.length)}`,
        `max set violation                  ${fmt(r.maxSetViolation)}`,
        `model evaluations                  ${r.evaluations}  (${fmt(seconds)} s)`,
        ...(f.out !== undefined ? [`attacked points written to ${f.out}`] : []),
      ],
    );
  });
}
