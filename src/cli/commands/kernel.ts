import { type Command, Option } from 'commander';
import { isNtkError, NonFiniteError } from '../../errors.ts';
import { formatCsv } from '../../io/formatCsv.ts';
import { setTeamProgressHook } from '../../parallel/team.ts';
import { tileRows } from '../../parallel/tileRows.ts';
import type { KernelPair, Mat } from '../../types.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { readFlagMat } from '../files.ts';
import {
  addKernelFlags,
  type KernelFlags,
  kernelFromFlags,
  kernelSettings,
  preprocess,
} from '../kernelFlags.ts';
import { kernelTile, parseTile, tileSidecar } from '../kernelTile.ts';
import { emit, fmt } from '../output.ts';
import { planOutputs } from '../outputPlan.ts';
import { int } from '../parsers.ts';
import { withProgress } from '../progress.ts';
import { guardMemory } from '../resourceGuard.ts';
import { useThreads } from '../threads.ts';

interface KernelCommandFlags extends KernelFlags, GlobalFlags {
  readonly x: string;
  readonly x2?: string;
  readonly get: 'ntk' | 'nngp';
  readonly out?: string;
  readonly tile?: string;
  readonly workers?: number;
}

/** `ntk kernel`: the closed-form NTK or NNGP matrix of one or two input files. */
export function registerKernel(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('kernel')
    .description('compute the closed-form NTK or NNGP matrix K(x, x2) of an infinitely wide network')
    .requiredOption('--x <file>', 'inputs x1, shape [n1, d] (.npy/.csv/.json)')
    .option('--x2 <file>', 'second inputs, shape [n2, d] (default: x1, giving the symmetric Gram matrix)')
    .addOption(new Option('--get <which>', 'which kernel to output').choices(['ntk', 'nngp']).default('ntk'))
    .option('--out <file>', 'write K, shape [n1, n2] (.npy/.csv/.json); without it the matrix is printed')
    .option('--tile <I/N>', 'compute only row tile I of N (join the tiles with `ntk assemble`); needs --out')
    .option('--workers <k>', 'threads to use, this one included (default: NTK_THREADS, else all cores)', int);
  addKernelFlags(cmd).addHelpText(
    'after',
    `
Examples:
  $ ntk kernel --x X.npy --out K.npy                                  # 1-hidden-layer ReLU NTK
  $ ntk kernel --x X.npy --x2 Z.npy --depth 3 --w-std 1.4 --b-std 0.1 --get nngp --out Kxz.npy
  $ ntk kernel --x X.csv --kernel two-layer --activation relu2 --train both --out H.csv
  $ ntk kernel --x X.npy --tile 3/8 --out K.3.npy                     # rows of tile 3 of 8 (+ K.3.npy.tile.json)
  # in Python: K = numpy.load('K.npy')`,
  );
  cmd.action(async (_opts, command: Command) => {
    const f = command.optsWithGlobals() as KernelCommandFlags;
    const tile = f.tile === undefined ? undefined : parseTile(f.tile);
    if (tile !== undefined && f.out === undefined) throw new UsageError('--tile needs --out');
    const outs = planOutputs(
      [
        { flag: '--out', path: f.out },
        {
          flag: '--tile',
          path: tile === undefined ? undefined : `${f.out}.tile.json`,
          extensions: ['.json'],
        },
      ],
      [
        { flag: '--x', path: f.x },
        { flag: '--x2', path: f.x2 },
      ],
    );
    const k = kernelFromFlags(f);
    const x1 = preprocess(f, readFlagMat('--x', f.x));
    const x2 = f.x2 === undefined ? undefined : preprocess(f, readFlagMat('--x2', f.x2));
    if (x2 !== undefined && x2.cols !== x1.cols) {
      throw new UsageError(
        `--x and --x2 must have the same number of columns (got ${x1.cols} and ${x2.cols})`,
      );
    }
    // Both kernels (NTK and NNGP) of shape [n1, n2] plus about two working matrices of that size.
    const n2 = x2?.rows ?? x1.rows;
    const span = tile === undefined ? { r0: 0, r1: x1.rows } : tileRows(x1.rows, tile.index, tile.count);
    const rowsOut = span.r1 - span.r0;
    guardMemory(f.maxMemory, [{ flag: `--x (${rowsOut} × ${n2} kernel)`, bytes: 32 * rowsOut * n2 }]);
    await useThreads(f.workers, rowsOut * n2);
    const t0 = performance.now();
    // Ctrl-C (bin/ntk.mjs raises ctx.io.interrupted) aborts the Gram between row blocks: the progress hook
    // polls the flag (the computation is synchronous, so it can only observe it from its own callbacks).
    const controller = new AbortController();
    const interruptible = <T>(compute: () => T): Promise<T> =>
      withProgress(ctx.io, () => {
        const bar = setTeamProgressHook(undefined);
        setTeamProgressHook((label, done, total) => {
          bar?.(label, done, total);
          if (ctx.io.interrupted?.() === true) controller.abort();
        });
        try {
          return compute();
        } finally {
          setTeamProgressHook(bar);
        }
      });
    const { signal } = controller;
    let tiled: Awaited<ReturnType<typeof kernelTile>> | undefined;
    let K: Mat;
    try {
      tiled =
        tile === undefined
          ? undefined
          : await interruptible(() => kernelTile(k, x1, x2 ?? null, tile, signal));
      K =
        tiled?.[f.get] ??
        (await interruptible(
          () =>
            (k as (a: Mat, b: Mat | null, c: { signal: AbortSignal }) => KernelPair)(x1, x2 ?? null, {
              signal,
            })[f.get],
        ));
    } catch (e) {
      if (!(isNtkError(e) && e.code === 'E_ABORTED')) throw e;
      const pct = (100 * Number(e.data.completed ?? 0)).toFixed(1);
      ctx.io.stderr(`ntk kernel: interrupted after ${pct} % of the kernel rows; nothing written\n`);
      ctx.exitCode = 130;
      return;
    }
    const seconds = (performance.now() - t0) / 1000;
    // One plain pass for the finiteness check and the range (a findIndex callback and a for-of over 64M
    // entries took 2 s at n = 8192).
    let bad = -1;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const kd = K.data;
    for (let i = 0; i < kd.length; i++) {
      const v = kd[i];
      if (v - v !== 0) {
        bad = i;
        break;
      }
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (bad >= 0) {
      throw new NonFiniteError(
        `K must be finite (got K[${Math.floor(bad / K.cols)}, ${bad % K.cols}] = ${K.data[bad]}); the inputs or --w-std/--depth overflow float64, rescale the inputs`,
        { fn: 'ntk kernel', arg: 'K', actual: String(K.data[bad]) },
      );
    }
    if (f.out !== undefined) outs.array('--out', K);
    if (tile !== undefined && tiled !== undefined) {
      outs.text(
        '--tile',
        tileSidecar({
          tile: tile.index,
          tiles: tile.count,
          rows: [tiled.r0, tiled.r1],
          shape: [x1.rows, (x2 ?? x1).rows],
          get: f.get,
          settings: kernelSettings(k, f),
        }),
      );
    }
    outs.commit();
    const summary = {
      command: 'kernel',
      get: f.get,
      ...kernelSettings(k, f),
      shape: [K.rows, K.cols],
      ...(tiled !== undefined ? { tile: f.tile, rows: [tiled.r0, tiled.r1] } : {}),
      min,
      max,
      seconds,
      ...(f.out !== undefined ? { out: f.out } : { matrix: { shape: [K.rows, K.cols], data: K.data } }),
    };
    if (f.out === undefined && f.json !== true) {
      ctx.io.stdout(formatCsv(K));
      return;
    }
    emit(ctx, f, summary, [
      `${f.get} kernel (${f.kernel}) of shape [${K.rows}, ${K.cols}], entries in [${fmt(min)}, ${fmt(max)}] (${fmt(seconds)} s)`,
      `written to ${f.out}`,
    ]);
  });
}
