import { type Command, Option } from 'commander';
import { isNtkError } from '../../errors.ts';
import type { Activation } from '../../nn/activation.ts';
import { type TrainedLayers, type TwoLayerInit, twoLayerNet } from '../../nn/twoLayerNet.ts';
import { type AdversarialTrainRecord, adversarialTrain } from '../../robust/adversarialTrain.ts';
import type { Mat } from '../../types.ts';
import { type AttackFlags, addAttackFlags, attackSpec, dataBox, perturbationSet } from '../attackFlags.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { checkRows, readFlagLabels, readFlagMat } from '../files.ts';
import { modelFileText, readModelFile } from '../modelFile.ts';
import { emit, fmt } from '../output.ts';
import { planOutputs } from '../outputPlan.ts';
import { int, num, numOrInf } from '../parsers.ts';
import { createProgress } from '../progress.ts';
import { guardMemory, noteLongWork } from '../resourceGuard.ts';
import { useThreads } from '../threads.ts';

interface AdvTrainFlags extends AttackFlags, GlobalFlags {
  readonly x: string;
  readonly y: string;
  readonly model?: string;
  readonly width?: number;
  readonly activation: Activation;
  readonly train: TrainedLayers;
  readonly init: TwoLayerInit;
  readonly netSeed: number;
  readonly learningRate: number;
  readonly iterations: number;
  readonly ballRadius: number;
  readonly robustEvery?: number;
  readonly modelOut?: string;
  readonly historyOut?: string;
  readonly workers?: number;
}

/** The `--history-out` table [iteration, surrogate, clean, ‖W−W₀‖, ‖∇‖, robust], one row per record. */
function historyTable(h: readonly AdversarialTrainRecord[]): Mat {
  const table = new Float64Array(h.length * 6);
  h.forEach((rec, i) => {
    table.set(
      [
        rec.iteration,
        rec.surrogateLoss,
        rec.cleanLoss,
        rec.distanceFromInit.total,
        rec.gradNorm,
        rec.robustLoss ?? Number.NaN,
      ],
      i * 6,
    );
  });
  return { rows: h.length, cols: 6, data: table };
}

/** What an interrupted run keeps. */
function checkpointNote(f: AdvTrainFlags, completed: number): string {
  const what = [
    ...(f.modelOut !== undefined ? [`${f.modelOut} (W_t of the last recorded iteration)`] : []),
    ...(f.historyOut !== undefined ? [`${f.historyOut} (the history)`] : []),
  ];
  return `${completed} of ${f.iterations} iterations recorded${what.length > 0 ? `; checkpoint written: ${what.join(', ')}` : ' (no --model-out/--history-out: nothing written)'}`;
}

/**
 * A diverged run is a failure: the exit code becomes 1 and stderr names the iteration (the outputs of the
 * completed iterations are still written, for diagnosis).
 */
export function reportDivergence(
  ctx: CliContext,
  r: { readonly status: string; readonly stopped?: { readonly iteration: number; readonly message: string } },
): void {
  if (r.status !== 'diverged') return;
  ctx.exitCode = 1;
  const at = r.stopped === undefined ? '' : ` at iteration ${r.stopped.iteration}`;
  ctx.io.stderr(`ntk adv-train: training diverged${at}: ${r.stopped?.message ?? 'non-finite values'}\n`);
}

/** `ntk adv-train`: the paper's adversarial training of a two-layer network, projected onto B(W₀, R). */
export function registerAdvTrain(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('adv-train')
    .description(
      'adversarially train a two-layer network f(W,x) = m^{-1/2} Σ a_r σ(w_r·x) with projection onto B(W₀, R)',
    )
    .requiredOption('--x <file>', 'training inputs, shape [n, d] (.npy/.csv/.json)')
    .requiredOption('--y <file>', 'labels ±1, shape [n]')
    .option('--model <file.json>', 'start from a saved network instead of a fresh one')
    .option('--width <m>', 'width m of a fresh network', int)
    .addOption(
      new Option('--activation <σ>', 'activation').choices(['relu', 'relu2', 'softplus']).default('relu'),
    )
    .addOption(new Option('--train <layers>', 'trained layers').choices(['first', 'both']).default('first'))
    .addOption(
      new Option('--init <kind>', 'initialisation (symmetric: f(W₀,·) ≡ 0)')
        .choices(['symmetric', 'gaussian'])
        .default('symmetric'),
    )
    .option('--net-seed <n>', 'seed of the initial weights', int, 0)
    .requiredOption('--learning-rate <α>', 'step size α', num)
    .requiredOption('--iterations <T>', 'number of iterations T', int)
    .addOption(
      new Option('--ball-radius <R>', 'radius R of the ball around W₀ (inf: no projection)')
        .argParser(numOrInf)
        .default(Number.POSITIVE_INFINITY, 'inf'),
    )
    .option('--robust-every <k>', 'estimate the robust loss every k iterations', int)
    .option('--model-out <file.json>', 'save the trained network (readable by `ntk attack --model`)')
    .option(
      '--history-out <file>',
      'per-iteration table [iteration, surrogate, clean, ‖W−W₀‖, ‖∇‖, robust] (.npy/.csv/.json)',
    )
    .option('--workers <k>', 'threads to use, this one included (default: NTK_THREADS, else all cores)', int);
  addAttackFlags(cmd).addHelpText(
    'after',
    `
Examples:
  $ ntk adv-train --x X.npy --y y.npy --width 1000 --activation softplus --set cap --radius 0.2 \\
      --learning-rate 0.5 --iterations 1500 --ball-radius 8 --model-out net.json --history-out hist.csv
  $ ntk adv-train --x X.npy --y y.npy --width 200 --set linf --radius 0.05 --steps 10 \\
      --learning-rate 0.1 --iterations 100 --json > run.json`,
  );
  cmd.action(async (_opts, command: Command) => {
    const f = command.optsWithGlobals() as AdvTrainFlags;
    const outs = planOutputs(
      [
        { flag: '--model-out', path: f.modelOut, extensions: ['.json'] },
        { flag: '--history-out', path: f.historyOut },
      ],
      [
        { flag: '--x', path: f.x },
        { flag: '--y', path: f.y },
        { flag: '--model', path: f.model },
      ],
    );
    if (f.model === undefined && f.width === undefined)
      throw new UsageError('one of --model or --width is required');
    const x = readFlagMat('--x', f.x);
    const y = readFlagLabels('--y', f.y);
    checkRows('--x', x.rows, '--y', y.length);
    // The attacks and the batch passes run in row blocks on the team (results identical for any count).
    await useThreads(f.workers, x.rows * (f.width ?? 0));
    if (f.model === undefined) {
      // Parameters W (m·d) and a (m), kept in ~6 copies (net, W₀, gradient, best iterates, projection), plus
      // ~2 hidden-layer buffers of n·m per restart for the forward/backward passes of the attacked batch.
      const m = f.width as number;
      guardMemory(f.maxMemory, [
        { flag: `--width ${m}`, bytes: 8 * (6 * m * (x.cols + 1) + 2 * x.rows * m * (f.restarts ?? 1)) },
      ]);
      const perIteration = 4 * x.rows * m * x.cols * ((f.steps ?? 10) + 2) * (f.restarts ?? 1);
      noteLongWork(
        ctx,
        'adv-train',
        `--iterations ${f.iterations} × --width ${m}`,
        f.iterations * perIteration,
      );
    }
    const net =
      f.model !== undefined
        ? readModelFile(f.model)
        : twoLayerNet({
            inputDim: x.cols,
            width: f.width as number,
            activation: f.activation,
            train: f.train,
            init: f.init,
            seed: f.netSeed,
          });
    const progress = createProgress(ctx.io, 'adv-train', f.iterations);
    const t0 = performance.now();
    // Ctrl-C (bin/ntk.mjs): W_t and the records so far are the checkpoint; the next iteration aborts.
    const controller = new AbortController();
    const lastParams = Float64Array.from(net.params);
    const records: AdversarialTrainRecord[] = [];
    let lastPost = -Infinity;
    const stageCheckpoint = (): void => {
      outs.clear();
      const saved = net.params.slice();
      net.params.set(lastParams);
      if (f.modelOut !== undefined) outs.text('--model-out', modelFileText(net));
      net.params.set(saved);
      if (f.historyOut !== undefined) outs.array('--history-out', historyTable(records));
    };
    const onProgress = (rec: AdversarialTrainRecord): void => {
      progress.update(rec.iteration + 1);
      if (ctx.io.checkpoint === undefined) return;
      records.push(rec);
      if (ctx.io.interrupted?.() === true) controller.abort();
      else if (performance.now() - lastPost > 500) {
        stageCheckpoint();
        ctx.io.checkpoint(outs.stagedFiles(), checkpointNote(f, records.length));
        outs.clear();
        lastPost = performance.now();
      }
    };
    let r: ReturnType<typeof adversarialTrain>;
    try {
      r = adversarialTrain(net, x, y, {
        attack: attackSpec(f),
        set: perturbationSet(f),
        loss: f.loss,
        learningRate: f.learningRate,
        iterations: f.iterations,
        ballRadius: f.ballRadius,
        seed: f.seed,
        ...(f.robustEvery !== undefined ? { robustEvery: f.robustEvery } : {}),
        ...dataBox(f),
        onProgress,
        signal: controller.signal,
        ...(ctx.io.checkpoint !== undefined
          ? { onStep: (s: { params: Float64Array }) => lastParams.set(s.params) }
          : {}),
      });
    } catch (e) {
      if (!(isNtkError(e) && e.code === 'E_ABORTED')) throw e;
      progress.finish();
      stageCheckpoint();
      outs.commit();
      ctx.io.stderr(`ntk adv-train: interrupted; ${checkpointNote(f, records.length)}\n`);
      ctx.exitCode = 130;
      return;
    }
    progress.finish();
    const seconds = (performance.now() - t0) / 1000;
    if (f.modelOut !== undefined) outs.text('--model-out', modelFileText(r.net));
    const h = r.history;
    if (f.historyOut !== undefined) outs.array('--history-out', historyTable(h));
    outs.commit();
    const last = h[h.length - 1];
    emit(
      ctx,
      f,
      {
        command: 'adv-train',
        status: r.status,
        ...(r.stopped !== undefined ? { stopped: r.stopped } : {}),
        n: y.length,
        width: (r.net as { width?: number }).width,
        attack: attackSpec(f),
        set: perturbationSet(f),
        loss: f.loss,
        bound: r.bound,
        best: {
          iteration: r.best.iteration,
          surrogateLoss: r.best.surrogateLoss,
          robustLoss: r.best.robustLoss,
        },
        final: last,
        history: h,
        seconds,
        ...(f.modelOut !== undefined ? { modelOut: f.modelOut } : {}),
        ...(f.historyOut !== undefined ? { historyOut: f.historyOut } : {}),
      },
      [
        `adv-train ${r.status}: ${h.length} iterations on ${y.length} points (${fmt(seconds)} s)`,
        `min_t surrogate loss L_A(W_t)   ${fmt(r.best.surrogateLoss)} at t = ${r.best.iteration}`,
        ...(r.best.robustLoss !== undefined
          ? [`robust loss at that t           ${fmt(r.best.robustLoss)}`]
          : []),
        ...(last !== undefined
          ? [
              `final surrogate / clean loss    ${fmt(last.surrogateLoss)} / ${fmt(last.cleanLoss)}`,
              `final ‖W_T − W₀‖_F               ${fmt(last.distanceFromInit.total)} (R = ${fmt(f.ballRadius)})`,
            ]
          : []),
        `regret slack R²/(2αT) + αG²/2   ${fmt(r.bound.slack)}`,
        ...(r.stopped !== undefined ? [`stopped: ${r.stopped.message}`] : []),
        ...(f.modelOut !== undefined ? [`model written to ${f.modelOut}`] : []),
        ...(f.historyOut !== undefined ? [`history written to ${f.historyOut}`] : []),
      ],
    );
    reportDivergence(ctx, r);
  });
}
