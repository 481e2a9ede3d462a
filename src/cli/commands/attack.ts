import type { Command } from 'commander';
import { runAttack } from '../../attacks/runAttack.ts';
import { type AttackFlags, addAttackFlags, attackSpec, dataBox, perturbationSet } from '../attackFlags.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { checkOutPath, checkRows, readFlagMat, readFlagVec, writeOut } from '../files.ts';
import { readModelFile } from '../modelFile.ts';
import { emit, fmt } from '../output.ts';

interface AttackCommandFlags extends AttackFlags, GlobalFlags {
  readonly model: string;
  readonly x: string;
  readonly y: string;
  readonly out?: string;
}

/** `ntk attack`: attack a saved network on labelled points; adversarial points to a file, losses to JSON. */
export function registerAttack(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('attack')
    .description('attack a saved two-layer network (from adv-train --model-out) on labelled points')
    .requiredOption('--model <file.json>', 'model file written by `ntk adv-train --model-out`')
    .requiredOption('--x <file>', 'inputs, shape [n, d] (.npy/.csv/.json)')
    .requiredOption('--y <file>', 'labels ±1, shape [n]')
    .option('--out <file>', 'write the attacked points, shape [n, d]');
  addAttackFlags(cmd).addHelpText(
    'after',
    `
Examples:
  $ ntk attack --model net.json --x X.npy --y y.npy --set linf --radius 0.1 --steps 20 --out Xadv.npy
  $ ntk attack --model net.json --x X.npy --y y.npy --set cap --radius 0.2 --attack exact-cap --json`,
  );
  cmd.action((_opts, command: Command) => {
    const f = command.optsWithGlobals() as AttackCommandFlags;
    checkOutPath('--out', f.out);
    const net = readModelFile(f.model);
    const x = readFlagMat('--x', f.x);
    const y = readFlagVec('--y', f.y);
    checkRows('--x', x.rows, '--y', y.length);
    const t0 = performance.now();
    const r = runAttack(net, x, y, {
      attack: attackSpec(f),
      set: perturbationSet(f),
      loss: f.loss,
      seed: f.seed,
      ...dataBox(f),
    });
    const seconds = (performance.now() - t0) / 1000;
    if (f.out !== undefined) writeOut(f.out, r.points);
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
