/**
 * Hostile labels (issue 12): every entry point whose loss is the paper's classification loss refuses labels
 * outside {−1, +1} with a DomainError naming `y` and the offending entry; `targets: 'real'` opts out for the
 * square loss only.
 */
import { describe, expect, it } from 'vitest';
import { linearModel } from '../../../proofs-checks/shared/linearModel.ts';
import { exactCapAttack, fgsm, pgd, runAttack } from '../../../src/attacks/index.ts';
import { DomainError } from '../../../src/errors.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { adversarialTrain } from '../../../src/robust/adversarialTrain.ts';
import { robustLossBracket } from '../../../src/robust/robustLossBracket.ts';
import { runCli, tempDir } from '../cli/runCli.ts';

const m = linearModel([1, -1], 0);
const x = [
  [0.6, 0.8],
  [0.8, -0.6],
];
const set = { kind: 'l2', radius: 0.1 } as const;

function domainError(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('attack entry points: labels must be ±1', () => {
  it.each([
    ['pgd', () => pgd(m, x, [5, 7], { set })],
    ['fgsm', () => fgsm(m, x, [1, 0], { set })],
    ['runAttack', () => runAttack(m, x, [-1, 0.5], { attack: { kind: 'none' }, set })],
    ['robustLossBracket', () => robustLossBracket(m, x, [1, 2], { set })],
    ['exactCapAttack', () => exactCapAttack(m, x, [-2, 1], { radius: 0.1 })],
    [
      'adversarialTrain',
      () =>
        adversarialTrain(twoLayerNet({ inputDim: 2, width: 4 }), x, [5, 7], {
          attack: { kind: 'fgsm' },
          set,
          learningRate: 0.1,
          iterations: 1,
        }),
    ],
  ])('%s should throw a DomainError naming y and the entry', (fn, call) => {
    const e = domainError(call);
    expect(e.message).toMatch(
      new RegExp(`^${fn}: y must contain only labels −1 and \\+1 \\(got y\\[\\d\\] = `),
    );
    expect(e.data.arg).toBe('y');
  });

  it('should accept ±1 labels and real targets with targets: real and the square loss (negative control)', () => {
    expect(pgd(m, x, [1, -1], { set }).meanLoss).toBeGreaterThan(0);
    // With targets 'real' the same call that was refused computes (|y − f| + ρ‖w‖₂)² exactly.
    const r = fgsm(m, [[0.6, 0.8]], [5], { set, targets: 'real' });
    expect(r.meanLoss).toBeCloseTo((Math.abs(5 - (0.6 - 0.8)) + 0.1 * Math.SQRT2) ** 2, 12);
    expect(() => fgsm(m, x, [5, 7], { set, loss: 'logistic', targets: 'real' })).toThrow(
      /needs options.loss 'square'/,
    );
  });

  it('CLI attack, bracket and adv-train should exit 2 naming --y and the offending value', async () => {
    const p = tempDir('ntk-hostile-labels-');
    writeArray(p('X.npy'), x);
    writeArray(p('y.npy'), [1, 5]);
    writeArray(p('m.json'), [0]);
    for (const argv of [
      ['attack', '--train-x', p('X.npy'), '--train-y', p('y.npy'), '--x', p('X.npy'), '--y', p('y.npy')],
      ['bracket', '--model', p('m.json'), '--x', p('X.npy'), '--y', p('y.npy')],
      [
        'adv-train',
        '--x',
        p('X.npy'),
        '--y',
        p('y.npy'),
        '--width',
        '4',
        '--learning-rate',
        '0.1',
        '--iterations',
        '1',
      ],
    ]) {
      const r = await runCli([...argv, '--set', 'l2', '--radius', '0.1']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--y .*y\.npy: must contain only labels -1 and \+1 \(got entry 1 = 5\)/);
    }
  });
});
