import { freemem } from 'node:os';
import { type Command, Option } from 'commander';
import { isNtkError } from '../../errors.ts';
import { asMat } from '../../io/asMat.ts';
import { createNpyWriter } from '../../io/createNpyWriter.ts';
import { normalizeRows } from '../../kernels/normalizeRows.ts';
import { teamProgress } from '../../parallel/team.ts';
import { falkon } from '../../regression/falkon.ts';
import { fitKernelRegression } from '../../regression/fitKernelRegression.ts';
import { kernelPredictor } from '../../regression/kernelPredictor.ts';
import type { Mat } from '../../types.ts';
import { anyModelFileText } from '../anyModelFile.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { openFlagMat, readFlagArray, readFlagMat, readFlagMatBlocks } from '../files.ts';
import {
  addKernelFlags,
  type KernelFlags,
  kernelFromFlags,
  kernelOnRawInputs,
  kernelSettings,
  preprocess,
} from '../kernelFlags.ts';
import { emit, fmt } from '../output.ts';
import { planOutputs } from '../outputPlan.ts';
import { int, num, numOrInf } from '../parsers.ts';
import { withProgress } from '../progress.ts';
import { guardMemory } from '../resourceGuard.ts';
import { diagnosticsJson, diagnosticsLine, warnOnSolve } from '../solveWarnings.ts';
import { useThreads } from '../threads.ts';

interface RegressFlags extends KernelFlags, GlobalFlags {
  readonly modelOut?: string;
  readonly x: string;
  readonly y: string;
  readonly xTest: string;
  readonly yTest?: string;
  readonly get: 'ntk' | 'nngp';
  readonly diagReg?: number;
  readonly diagRegScale: 'trace' | 'absolute';
  readonly time: number;
  readonly learningRate?: number;
  readonly out?: string;
  readonly minNorm?: boolean;
  readonly strict?: boolean;
  readonly workers?: number;
  readonly solver?: 'auto' | 'exact' | 'falkon';
  readonly centers?: number;
  readonly tol?: number;
  readonly maxIterations?: number;
}

/** `--solver auto` uses the exact solver up to this many training points, FALKON above. */
const EXACT_MAX_N = 20000;
/** FALKON predicts (and writes) the test points in blocks of this many rows. */
const PREDICT_BLOCK_ROWS = 8192;

/** `ntk regress`: infinite-width network predictions (kernel regression / gradient flow at time t). */
export function registerRegress(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('regress')
    .description(
      'predict test outputs of an infinitely wide network trained by gradient descent on MSE (t = inf: kernel regression)',
    )
    .requiredOption('--x <file>', 'training inputs, shape [n, d]')
    .requiredOption('--y <file>', 'training targets, shape [n] or [n, k]')
    .requiredOption('--x-test <file>', 'test inputs, shape [m, d]')
    .option(
      '--y-test <file>',
      'test targets, to report the test MSE (and accuracy for ±1 or one-hot targets)',
    )
    .addOption(
      new Option('--get <which>', 'kernel driving training: ntk (all layers) or nngp (readout only)')
        .choices(['ntk', 'nngp'])
        .default('ntk'),
    )
    .option('--diag-reg <v>', 'ridge added to the kernel diagonal (default 0)', num)
    .addOption(
      new Option('--diag-reg-scale <s>', "unit of --diag-reg: 'trace' = v·tr(K)/n, 'absolute' = v")
        .choices(['trace', 'absolute'])
        .default('trace'),
    )
    .addOption(
      new Option('--time <t>', 'training time t in units of the learning rate (inf: converged)')
        .argParser(numOrInf)
        .default(Number.POSITIVE_INFINITY, 'inf'),
    )
    .option('--learning-rate <η>', 'learning rate η (default 1)', num)
    .option('--out <file>', 'write test predictions, shape [m] or [m, k]')
    .option(
      '--min-norm',
      'minimum-norm (pseudo-inverse) solution at t = inf: for singular kernels (duplicate points)',
    )
    .option(
      '--strict',
      'exit 1 when the kernel solve is numerically unreliable (otherwise: a warning on stderr)',
    )
    .option(
      '--model-out <file.json>',
      'save the kernel predictor (single output) as a model file for `ntk attack` / `ntk bracket` (inputs as given, after --normalize; the bias coordinate is part of the kernel)',
    )
    .addOption(
      new Option(
        '--solver <s>',
        `exact: Cholesky of the n×n kernel; falkon: Nyström + preconditioned CG (t = inf); auto: exact up to n = ${EXACT_MAX_N}`,
      )
        .choices(['auto', 'exact', 'falkon'])
        .default('auto'),
    )
    .option('--centers <M>', 'falkon: number of Nyström centres (default min(n, 1000))', int)
    .option('--tol <v>', 'falkon: stop CG at this relative residual (default 1e-8)', num)
    .option('--max-iterations <k>', 'falkon: at most this many CG iterations (default 100)', int)
    .option('--workers <k>', 'threads to use, this one included (default: NTK_THREADS, else all cores)', int);
  addKernelFlags(cmd).addHelpText(
    'after',
    `
Examples:
  $ ntk regress --x Xtr.npy --y ytr.npy --x-test Xte.npy --out f.npy
  $ ntk regress --x Xtr.npy --y ytr.npy --x-test Xte.npy --y-test yte.npy --depth 2 --diag-reg 1e-4 --time 100 --json`,
  );
  cmd.action(async (_opts, command: Command) => {
    const f = command.optsWithGlobals() as RegressFlags;
    const outs = planOutputs(
      [
        { flag: '--out', path: f.out },
        { flag: '--model-out', path: f.modelOut, extensions: ['.json'] },
      ],
      [
        { flag: '--x', path: f.x },
        { flag: '--y', path: f.y },
        { flag: '--x-test', path: f.xTest },
        { flag: '--y-test', path: f.yTest },
      ],
    );
    const k = kernelFromFlags(f);
    // Block by block: a large .npy input is held once (no file buffer or unpreprocessed copy beside it).
    const x = readFlagMatBlocks('--x', f.x, (b) => preprocess(f, b));
    const yArr = readFlagArray('--y', f.y);
    if (f.modelOut !== undefined && yArr.shape.length !== 1)
      throw new UsageError('--model-out needs a single-output --y (shape [n])');
    // Opened, not read: FALKON streams a .npy --x-test through prediction in row blocks.
    const xTestSrc = openFlagMat('--x-test', f.xTest);
    try {
      const xTest = {
        rows: xTestSrc.rows,
        cols: preprocess(f, xTestSrc.read(0, Math.min(1, xTestSrc.rows))).cols,
      };
      if (yArr.shape[0] !== x.rows)
        throw new UsageError(
          `--x and --y must have the same number of rows (got ${x.rows} and ${yArr.shape[0]})`,
        );
      if (xTest.cols !== x.cols)
        throw new UsageError(
          `--x and --x-test must have the same number of columns (got ${x.cols} and ${xTest.cols})`,
        );
      const solver =
        f.solver === 'auto' || f.solver === undefined
          ? x.rows <= EXACT_MAX_N
            ? 'exact'
            : 'falkon'
          : f.solver;
      if (solver === 'exact') {
        // K (NTK and NNGP), K + λI, its factor or eigenvectors: ~5 n² numbers; the test kernels ~2 m·n.
        guardMemory(f.maxMemory, [
          { flag: `--x (${x.rows} training points)`, bytes: 8 * 5 * x.rows * x.rows },
          { flag: `--x-test (${xTest.rows} test points)`, bytes: 8 * 2 * xTest.rows * x.rows },
        ]);
      }
      await useThreads(f.workers, x.rows * Math.max(x.rows, xTest.rows));
      const t0 = performance.now();
      const yIn = yArr.shape.length === 1 ? yArr.data : asMat(yArr);
      let pred: Mat;
      let trainPred: Mat;
      let ridge: number;
      let solverInfo: Record<string, unknown> = { solver };
      let streamedOut = false;
      let diagnostics: ReturnType<ReturnType<typeof fitKernelRegression>['solveDiagnostics']> | undefined;
      if (solver === 'falkon') {
        if (f.time !== Number.POSITIVE_INFINITY)
          throw new UsageError('--solver falkon supports --time inf only');
        if (f.minNorm === true || f.modelOut !== undefined)
          throw new UsageError('--solver falkon does not support --min-norm or --model-out');
        let r = f.diagReg ?? 1e-6 * x.rows;
        if (f.diagReg !== undefined && f.diagRegScale === 'trace') {
          let tr = 0;
          for (const v of k.diag(x)[f.get]) tr += v;
          r = (f.diagReg * tr) / x.rows;
        }
        // Ctrl-C (bin/ntk.mjs raises ctx.io.interrupted) stops FALKON between row blocks.
        const controller = new AbortController();
        let cgDone = 0;
        let fm: ReturnType<typeof falkon>;
        try {
          fm = await withProgress(
            ctx.io,
            () =>
              falkon(k, x, yIn, {
                signal: controller.signal,
                get: f.get,
                diagReg: r,
                ...(f.centers !== undefined ? { centers: Math.min(f.centers, x.rows) } : {}),
                ...(f.tol !== undefined ? { tol: f.tol } : {}),
                ...(f.maxIterations !== undefined ? { maxIterations: f.maxIterations } : {}),
                // K_nM stays in memory when it needs at most half the memory available (or --max-memory).
                cacheBytes: (f.maxMemory ?? freemem()) / 2,
                onProgress: (p) => {
                  cgDone = p.iteration;
                  const label = p.phase === 'pass' ? `falkon pass ${p.iteration + 1}` : `falkon ${p.phase}`;
                  teamProgress(label, p.done, p.total);
                  if (ctx.io.interrupted?.() === true) controller.abort();
                },
              }),
            (label) => label.startsWith('falkon') || label === 'cholesky',
          );
        } catch (e) {
          if (!(isNtkError(e) && e.code === 'E_ABORTED')) throw e;
          ctx.io.stderr(
            `ntk regress: interrupted after ${cgDone} CG iteration(s) of FALKON; nothing written\n`,
          );
          ctx.exitCode = 130;
          return;
        }
        // Test predictions in row blocks, written block by block to a .npy --out (published at commit).
        const kOut = yIn instanceof Float64Array ? 1 : yIn.cols;
        const predData = new Float64Array(xTest.rows * kOut);
        const writer =
          f.out?.toLowerCase().endsWith('.npy') === true
            ? createNpyWriter('ntk', f.out, kOut === 1 ? [xTest.rows] : [xTest.rows, kOut])
            : undefined;
        if (writer !== undefined) {
          outs.stream('--out', writer);
          streamedOut = true;
        }
        for (let r0 = 0; r0 < xTest.rows; r0 += PREDICT_BLOCK_ROWS) {
          const r1 = Math.min(xTest.rows, r0 + PREDICT_BLOCK_ROWS);
          const pb = fm.predict(preprocess(f, xTestSrc.read(r0, r1))).data;
          predData.set(pb, r0 * kOut);
          writer?.writeRows(pb);
          teamProgress('falkon predict', r1, xTest.rows);
        }
        pred = { rows: xTest.rows, cols: kOut, data: predData };
        trainPred = fm.predict(x);
        ridge = r;
        solverInfo = {
          solver,
          centers: fm.centers.rows,
          iterations: fm.iterations,
          residual: fm.residual,
          converged: fm.converged,
          cachedKnm: fm.cached,
        };
      } else {
        const xTestAll = preprocess(f, xTestSrc.read(0, xTestSrc.rows));
        const { model, p } = await withProgress(ctx.io, () => {
          const m = fitKernelRegression(k, x, yIn, {
            get: f.get,
            t: f.time,
            ...(f.learningRate !== undefined ? { learningRate: f.learningRate } : {}),
            ...(f.diagReg !== undefined ? { diagReg: { value: f.diagReg, scale: f.diagRegScale } } : {}),
            ...(f.minNorm === true ? { minNorm: true } : {}),
          });
          return { model: m, p: m.predict(xTestAll) };
        });
        // The t = ∞ path solves (K + λI)α = y; finite times use the (stable) eigendecomposition.
        diagnostics = f.time === Number.POSITIVE_INFINITY ? model.solveDiagnostics() : undefined;
        pred = p;
        if (f.modelOut !== undefined) {
          const alpha = model.toKernelPredictor(0, f.time).alpha;
          const raw = f.normalize === true ? normalizeRows(readFlagMat('--x', f.x)) : readFlagMat('--x', f.x);
          const predictor = kernelPredictor(kernelOnRawInputs(f, k), raw, alpha, { get: f.get });
          outs.text('--model-out', anyModelFileText(predictor));
        }
        // Fitted values K(K + λI)⁻¹… on the training points (predictTrain at t = ∞ would return y itself).
        trainPred = model.predictor.predict(f.time, { kTestTrain: model.kTrainTrain }).fxTest as Mat;
        ridge = model.predictor.ridge;
      }
      const seconds = (performance.now() - t0) / 1000;
      const out = yArr.shape.length === 1 ? pred.data : pred;
      if (f.out !== undefined && !streamedOut) outs.array('--out', out);
      let trainMse = 0;
      for (let i = 0; i < yArr.data.length; i++) trainMse += (trainPred.data[i] - yArr.data[i]) ** 2;
      trainMse /= yArr.data.length;
      let test: Record<string, number> | undefined;
      if (f.yTest !== undefined) {
        const yt = readFlagArray('--y-test', f.yTest);
        if (yt.data.length !== pred.data.length) {
          throw new UsageError(
            `--y-test must have ${pred.data.length} entries like the predictions (got ${yt.data.length})`,
          );
        }
        let mse = 0;
        for (let i = 0; i < yt.data.length; i++) mse += (pred.data[i] - yt.data[i]) ** 2;
        mse /= yt.data.length;
        let correct = 0;
        const kOut = pred.cols;
        for (let i = 0; i < pred.rows; i++) {
          if (kOut === 1) correct += Math.sign(pred.data[i]) === Math.sign(yt.data[i]) ? 1 : 0;
          else {
            let a = 0;
            let b = 0;
            for (let j = 1; j < kOut; j++) {
              if (pred.data[i * kOut + j] > pred.data[i * kOut + a]) a = j;
              if (yt.data[i * kOut + j] > yt.data[i * kOut + b]) b = j;
            }
            correct += a === b ? 1 : 0;
          }
        }
        test = { mse, accuracy: correct / pred.rows };
      }
      outs.commit();
      emit(
        ctx,
        f,
        {
          command: 'regress',
          get: f.get,
          ...kernelSettings(k, f),
          time: f.time,
          ridge,
          ...solverInfo,
          ...(diagnostics !== undefined ? diagnosticsJson(diagnostics) : {}),
          n: x.rows,
          m: xTest.rows,
          outputs: pred.cols,
          trainMse,
          ...(test !== undefined ? { test } : {}),
          seconds,
          ...(f.out !== undefined ? { out: f.out } : { predictions: out }),
        },
        [
          `${f.get} regression (${f.kernel}) at t = ${fmt(f.time)}: ${x.rows} training points, ${xTest.rows} test points (${fmt(seconds)} s)`,
          `ridge added to the diagonal   ${fmt(ridge)}`,
          ...(solver === 'falkon'
            ? [
                `solver                        falkon, ${solverInfo.centers} centres, ${solverInfo.iterations} CG iterations, residual ${fmt(solverInfo.residual as number)}${solverInfo.converged ? '' : ' (not converged)'}`,
              ]
            : []),
          ...(diagnostics !== undefined ? [diagnosticsLine(diagnostics)] : []),
          `train MSE                     ${fmt(trainMse)}`,
          ...(test !== undefined
            ? [`test MSE / accuracy           ${fmt(test.mse)} / ${fmt(test.accuracy)}`]
            : []),
          f.out !== undefined
            ? `predictions written to ${f.out}`
            : `predictions: ${Array.from(pred.data.slice(0, 10), fmt).join(', ')}${pred.data.length > 10 ? ', …' : ''}`,
        ],
      );
      if (diagnostics !== undefined)
        warnOnSolve(
          ctx,
          'regress',
          diagnostics,
          f.strict === true,
          'try --min-norm (singular kernel) or --diag-reg',
        );
    } catch (e) {
      outs.discard();
      throw e;
    } finally {
      xTestSrc.close();
    }
  });
}
