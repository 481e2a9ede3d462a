import { type Command, Option } from 'commander';
import type { AttackSpec, DataBox, PerturbationSet } from '../attacks/types.ts';
import type { LossName } from '../nn/loss.ts';
import { UsageError } from './context.ts';
import { int, num, numList } from './parsers.ts';

/** Flags shared by `attack`, `adv-train` and friends. */
export interface AttackFlags {
  readonly set: 'linf' | 'l2' | 'cap';
  readonly radius: number;
  readonly attack: 'pgd' | 'fgsm' | 'exact-cap' | 'none';
  readonly steps?: number;
  readonly stepSize?: number;
  readonly restarts?: number;
  readonly randomStart?: boolean;
  readonly schedule?: 'constant' | 'linear' | 'cosine';
  readonly gridPoints?: number;
  readonly loss: LossName;
  readonly seed: number;
  readonly box?: number[];
}

/** Adds the perturbation-set, attack and loss flags to a command. */
export function addAttackFlags(cmd: Command, defaults: { attack?: string } = {}): Command {
  return cmd
    .addOption(
      new Option('--set <kind>', 'perturbation set: ℓ∞ ball, ℓ₂ ball, or spherical cap')
        .choices(['linf', 'l2', 'cap'])
        .default('linf'),
    )
    .requiredOption('--radius <r>', 'radius ρ of the perturbation set (cap: angle in radians)', num)
    .addOption(
      new Option('--attack <kind>', 'attack')
        .choices(['pgd', 'fgsm', 'exact-cap', 'none'])
        .default(defaults.attack ?? 'pgd'),
    )
    .option('--steps <k>', 'PGD steps (default 10)', int)
    .option('--step-size <s>', 'PGD step size (default 2.5·radius/steps)', num)
    .option('--restarts <k>', 'PGD random restarts (default 1)', int)
    .option('--random-start', 'start PGD at a random point of the set (default: at the clean point)')
    .addOption(
      new Option('--schedule <s>', 'PGD step-size schedule (default constant)').choices([
        'constant',
        'linear',
        'cosine',
      ]),
    )
    .option('--grid-points <k>', 'grid size of the exact cap attack (d = 2, --set cap)', int)
    .addOption(
      new Option('--loss <name>', 'loss ℓ(f(x), y)')
        .choices(['logistic', 'square', 'hinge'])
        .default('logistic'),
    )
    .option('--seed <n>', 'seed of random starts', int, 0)
    .option('--box <lower,upper>', 'clip attacked points to the data domain [lower, upper]', numList);
}

/** The library's AttackSpec from the flags. */
export function attackSpec(f: AttackFlags): AttackSpec {
  if (f.attack === 'pgd') {
    return {
      kind: 'pgd',
      ...(f.steps !== undefined ? { steps: f.steps } : {}),
      ...(f.stepSize !== undefined ? { stepSize: f.stepSize } : {}),
      ...(f.restarts !== undefined ? { restarts: f.restarts } : {}),
      ...(f.randomStart === true ? { randomStart: true } : {}),
      ...(f.schedule !== undefined ? { schedule: f.schedule } : {}),
    };
  }
  if (f.attack === 'exact-cap')
    return { kind: 'exact-cap', ...(f.gridPoints !== undefined ? { gridPoints: f.gridPoints } : {}) };
  return { kind: f.attack };
}

/** The PerturbationSet from the flags. */
export function perturbationSet(f: AttackFlags): PerturbationSet {
  return { kind: f.set, radius: f.radius };
}

/** The data box from `--box lower,upper`, if given. */
export function dataBox(f: AttackFlags): { box: DataBox } | Record<string, never> {
  if (f.box === undefined) return {};
  if (f.box.length !== 2 || !(f.box[0] < f.box[1])) {
    throw new UsageError(`--box must be two numbers lower,upper with lower < upper (got ${f.box.join(',')})`);
  }
  return { box: { lower: f.box[0], upper: f.box[1] } };
}
