import { type Command, Option } from 'commander';
import { appendBias } from '../kernels/appendBias.ts';
import { biasLiftKernel } from '../kernels/biasLiftKernel.ts';
import { fcReluKernel } from '../kernels/fcReluKernel.ts';
import { normalizeRows } from '../kernels/normalizeRows.ts';
import { twoLayerNtk } from '../kernels/twoLayerNtk.ts';
import type { KernelFn } from '../kernels/types.ts';
import type { Mat } from '../types.ts';
import { UsageError } from './context.ts';
import { int, num } from './parsers.ts';

/** Kernel choice and hyper-parameters shared by `kernel`, `regress` and `robust-interp`. */
export interface KernelFlags {
  readonly kernel: 'fc-relu' | 'two-layer';
  readonly depth?: number;
  readonly wStd?: number;
  readonly bStd?: number;
  readonly parameterization?: 'ntk' | 'standard';
  readonly width?: number;
  readonly activation?: 'relu' | 'relu2';
  readonly train?: 'first' | 'both';
  readonly normalize?: boolean;
  readonly appendBias?: number | true;
}

/** Adds the kernel flags to a command. */
export function addKernelFlags(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--kernel <name>',
        'fc-relu: deep ReLU NTK/NNGP (neural-tangents stax); two-layer: the paper model',
      )
        .choices(['fc-relu', 'two-layer'])
        .default('fc-relu'),
    )
    .option('--depth <L>', 'fc-relu: number of hidden ReLU layers (default 1)', int)
    .option('--w-std <s>', 'fc-relu: weight standard deviation σ_w (default 1)', num)
    .option('--b-std <b>', 'fc-relu: bias standard deviation σ_b (default 0)', num)
    .addOption(
      new Option('--parameterization <p>', 'fc-relu: parameterization (default ntk)').choices([
        'ntk',
        'standard',
      ]),
    )
    .option(
      '--width <n>',
      'fc-relu with --parameterization standard: hidden width (neural-tangents out_dim)',
      int,
    )
    .addOption(
      new Option('--activation <σ>', 'two-layer: activation (default relu)').choices(['relu', 'relu2']),
    )
    .addOption(
      new Option('--train <layers>', 'two-layer: trained layers (default first)').choices(['first', 'both']),
    )
    .option('--normalize', 'scale every input row to unit norm first')
    .option(
      '--append-bias [c]',
      'append a constant coordinate c (default 1), then divide the row by √2 (bias-free kernels are not universal)',
      num,
    );
}

/** The kernel function selected by the flags. */
export function kernelFromFlags(f: KernelFlags): KernelFn {
  if (f.kernel === 'fc-relu') {
    for (const [flag, v] of [
      ['--activation', f.activation],
      ['--train', f.train],
    ] as const) {
      if (v !== undefined) throw new UsageError(`${flag} applies to --kernel two-layer only`);
    }
    return fcReluKernel({
      ...(f.depth !== undefined ? { depth: f.depth } : {}),
      ...(f.wStd !== undefined ? { wStd: f.wStd } : {}),
      ...(f.bStd !== undefined ? { bStd: f.bStd } : {}),
      ...(f.parameterization !== undefined ? { parameterization: f.parameterization } : {}),
      ...(f.width !== undefined ? { width: f.width } : {}),
    });
  }
  for (const [flag, v] of [
    ['--depth', f.depth],
    ['--w-std', f.wStd],
    ['--b-std', f.bStd],
    ['--parameterization', f.parameterization],
    ['--width', f.width],
  ] as const) {
    if (v !== undefined) throw new UsageError(`${flag} applies to --kernel fc-relu only`);
  }
  return twoLayerNtk({
    ...(f.activation !== undefined ? { activation: f.activation } : {}),
    ...(f.train !== undefined ? { train: f.train } : {}),
  });
}

/** Applies `--normalize` and `--append-bias` to an input matrix. */
export function preprocess(f: KernelFlags, x: Mat): Mat {
  let out = x;
  if (f.normalize === true) out = normalizeRows(out);
  if (f.appendBias !== undefined) out = appendBias(out, f.appendBias === true ? 1 : f.appendBias);
  return out;
}

/** The kernel settings, for JSON output. */
export function kernelSettings(k: KernelFn, f: KernelFlags): Record<string, unknown> {
  const resolved = (k as { options?: object }).options ?? {};
  return {
    kernel: f.kernel,
    ...resolved,
    normalize: f.normalize === true,
    ...(f.appendBias !== undefined ? { appendBias: f.appendBias === true ? 1 : f.appendBias } : {}),
  };
}

/**
 * The kernel on raw inputs with `--append-bias` folded in ({@link biasLiftKernel}). Used where the
 * perturbation set lives in the raw input space (attacks, robust interpolation), so the bias coordinate is
 * never perturbed.
 */
export function kernelOnRawInputs(f: KernelFlags, k: KernelFn): KernelFn {
  if (f.appendBias === undefined) return k;
  return biasLiftKernel(k, f.appendBias === true ? 1 : f.appendBias);
}
