import { Argument, type Command } from 'commander';
import { binaryLabels } from '../../data/binaryLabels.ts';
import { capacityConstruction } from '../../data/capacityConstruction.ts';
import { circlePoints } from '../../data/circlePoints.ts';
import type { Dataset } from '../../data/dataset.ts';
import { loadBreastCancer } from '../../data/loadBreastCancer.ts';
import { loadDigits } from '../../data/loadDigits.ts';
import { separatedClusters } from '../../data/separatedClusters.ts';
import { standardize } from '../../data/standardize.ts';
import { trainTestSplit } from '../../data/trainTestSplit.ts';
import { uniformSphere } from '../../data/uniformSphere.ts';
import { appendBias } from '../../kernels/appendBias.ts';
import { normalizeRows } from '../../kernels/normalizeRows.ts';
import type { Mat } from '../../types.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { emit, fmt } from '../output.ts';
import { type OutputPlan, planOutputs } from '../outputPlan.ts';
import { int, num } from '../parsers.ts';

const SETS = ['digits', 'breast-cancer', 'sphere', 'circle', 'clusters', 'capacity'] as const;

interface DataFlags extends GlobalFlags {
  readonly n?: number;
  readonly d?: number;
  readonly classes?: number;
  readonly separation?: number;
  readonly spread?: number;
  readonly offset?: number;
  readonly cells?: number;
  readonly t?: number;
  readonly pos?: number;
  readonly neg?: number;
  readonly testFraction?: number;
  readonly standardize?: boolean;
  readonly normalize?: boolean;
  readonly appendBias?: number | true;
  readonly seed: number;
  readonly xOut: string;
  readonly yOut?: string;
  readonly xTestOut?: string;
  readonly yTestOut?: string;
  readonly probesOut?: string;
  readonly probeLabelsOut?: string;
}

/** Builds the named data set (before preprocessing). */
function generate(
  name: (typeof SETS)[number],
  f: DataFlags,
  outs: OutputPlan,
): { ds: Dataset; extra: Record<string, unknown> } {
  const need = (flag: string, v: number | undefined): number => {
    if (v === undefined) throw new UsageError(`${name} needs ${flag}`);
    return v;
  };
  const seed = { seed: f.seed };
  if (name === 'digits') return { ds: loadDigits(), extra: {} };
  if (name === 'breast-cancer') return { ds: loadBreastCancer(), extra: {} };
  if (name === 'sphere') {
    const x = uniformSphere(need('--n', f.n), need('--d', f.d), seed);
    return { ds: { x, y: new Float64Array(x.rows), source: 'uniformSphere' }, extra: {} };
  }
  if (name === 'circle') {
    return {
      ds: circlePoints(need('--n', f.n), f.offset === undefined ? {} : { offset: f.offset }),
      extra: {},
    };
  }
  if (name === 'clusters') {
    const r = separatedClusters(need('--n', f.n), need('--d', f.d), {
      ...seed,
      ...(f.classes !== undefined ? { classes: f.classes } : {}),
      ...(f.separation !== undefined ? { separation: f.separation } : {}),
      ...(f.spread !== undefined ? { spread: f.spread } : {}),
    });
    return { ds: r, extra: { minGap: r.minGap } };
  }
  const c = capacityConstruction(need('--cells', f.cells), need('--d', f.d), {
    ...seed,
    ...(f.t !== undefined ? { t: f.t } : {}),
  });
  if (f.probesOut !== undefined) outs.array('--probes-out', c.probes);
  if (f.probeLabelsOut !== undefined) outs.array('--probe-labels-out', c.probeLabels);
  return {
    ds: { x: c.x, y: c.y, source: 'capacityConstruction' },
    extra: { radius: c.radius, t: c.t, probes: c.probes.rows },
  };
}

/** `ntk data`: writes a vendored or synthetic data set, preprocessed, as arrays. */
export function registerData(program: Command, ctx: CliContext): void {
  program
    .command('data')
    .description('write a data set (vendored real data or a synthetic configuration of the theory) as arrays')
    .addArgument(new Argument('<name>', 'data set').choices(SETS))
    .option('--n <n>', 'sphere/circle/clusters: number of points', int)
    .option('--d <d>', 'sphere/clusters/capacity: dimension', int)
    .option('--classes <k>', 'clusters: number of classes (default 2)', int)
    .option('--separation <s>', 'clusters: minimum distance between class centres (default 1)', num)
    .option('--spread <s>', 'clusters: radius of each cluster before projection (default 0.1)', num)
    .option('--offset <φ>', 'circle: angle of the first point in radians (default 0)', num)
    .option('--cells <c>', 'capacity: number of cells (2 points each)', int)
    .option('--t <t>', 'capacity: half-distance t of a cell (default 0.1)', num)
    .option('--pos <class>', 'keep two classes: this one becomes +1', num)
    .option('--neg <class>', 'keep two classes: this one becomes −1', num)
    .option('--test-fraction <f>', 'seeded train/test split (needs --x-test-out)', num)
    .option('--standardize', 'standardise columns (statistics of the training part)')
    .option('--normalize', 'scale every row to unit norm')
    .option('--append-bias [c]', 'append a constant coordinate c (default 1) and divide by √2', num)
    .option('--seed <n>', 'seed of generation and split', int, 0)
    .requiredOption('--x-out <file>', 'inputs, shape [n, d]')
    .option('--y-out <file>', 'labels, shape [n]')
    .option('--x-test-out <file>', 'test inputs (with --test-fraction)')
    .option('--y-test-out <file>', 'test labels (with --test-fraction)')
    .option('--probes-out <file>', 'capacity: probes q_{k,j}, shape [cells·d, d]')
    .option('--probe-labels-out <file>', 'capacity: labels forced on the probes, shape [cells·d]')
    .addHelpText(
      'after',
      `
Preprocessing order: --pos/--neg, split, --standardize, --normalize, --append-bias.

Examples:
  $ ntk data digits --pos 1 --neg 7 --normalize --append-bias --test-fraction 0.2 \\
      --x-out X.npy --y-out y.npy --x-test-out Xte.npy --y-test-out yte.npy
  $ ntk data circle --n 6 --x-out circle6.npy --y-out labels6.npy
  $ ntk data capacity --cells 4 --d 3 --t 0.5 --seed 1 --x-out X.npy --y-out y.npy --probes-out Q.npy`,
    )
    .action((name: (typeof SETS)[number], _opts, command: Command) => {
      const f = command.optsWithGlobals() as DataFlags;
      const outs = planOutputs([
        { flag: '--x-out', path: f.xOut },
        { flag: '--y-out', path: f.yOut },
        { flag: '--x-test-out', path: f.xTestOut },
        { flag: '--y-test-out', path: f.yTestOut },
        { flag: '--probes-out', path: f.probesOut },
        { flag: '--probe-labels-out', path: f.probeLabelsOut },
      ]);
      if ((f.testFraction === undefined) !== (f.xTestOut === undefined)) {
        throw new UsageError('--test-fraction and --x-test-out go together');
      }
      if ((f.pos === undefined) !== (f.neg === undefined))
        throw new UsageError('--pos and --neg go together');
      let { ds, extra } = generate(name, f, outs);
      if (f.pos !== undefined && f.neg !== undefined) ds = binaryLabels(ds, f.pos, f.neg);
      let train = ds;
      let test: Dataset | undefined;
      if (f.testFraction !== undefined)
        ({ train, test } = trainTestSplit(ds, { testFraction: f.testFraction, seed: f.seed }));
      const prep = (x: Mat, stats?: { mean: Float64Array; std: Float64Array }): Mat => {
        let out = x;
        if (f.standardize === true) out = standardize(out, stats ?? {}).x;
        if (f.normalize === true) out = normalizeRows(out);
        if (f.appendBias !== undefined) out = appendBias(out, f.appendBias === true ? 1 : f.appendBias);
        return out;
      };
      const stats = f.standardize === true ? standardize(train.x) : undefined;
      const xTrain = prep(train.x, stats);
      outs.array('--x-out', xTrain);
      if (f.yOut !== undefined) outs.array('--y-out', train.y);
      if (test !== undefined) {
        if (f.xTestOut !== undefined) outs.array('--x-test-out', prep(test.x, stats));
        if (f.yTestOut !== undefined) outs.array('--y-test-out', test.y);
      }
      outs.commit();
      emit(
        ctx,
        f,
        {
          command: 'data',
          name,
          source: ds.source,
          train: { rows: xTrain.rows, cols: xTrain.cols },
          ...(test !== undefined ? { test: { rows: test.x.rows } } : {}),
          ...extra,
        },
        [
          `${name}: ${xTrain.rows} × ${xTrain.cols} written to ${f.xOut}${test !== undefined ? ` (+ ${test.x.rows} test rows)` : ''}`,
          `source: ${ds.source}`,
          ...Object.entries(extra).map(([k, v]) => `${k}: ${typeof v === 'number' ? fmt(v) : String(v)}`),
        ],
      );
    });
}
