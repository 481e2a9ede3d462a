import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAttack } from '../../../src/attacks/runAttack.ts';
import { readModelFile } from '../../../src/cli/modelFile.ts';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { readArray } from '../../../src/io/readArray.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { loss } from '../../../src/nn/loss.ts';
import { fitKernelPredictor } from '../../../src/regression/fitKernelPredictor.ts';
import { allClose } from '../../helpers/allClose.ts';
import { circleAdvTrainArgs, oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-train-');
const data = circlePoints(8);
const trainArgs = circleAdvTrainArgs(p, 15);

beforeAll(() => {
  writeArray(p('X.npy'), data.x);
  writeArray(p('y.npy'), data.y);
  writeArray(p('y3.json'), [1, -1, 1]);
});

describe('ntk adv-train', () => {
  it('should train, stay in the ball, and write the model and the history', async () => {
    const r = await runCli([
      ...trainArgs,
      '--model-out',
      p('net.json'),
      '--history-out',
      p('hist.npy'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.status).toBe('completed');
    expect(doc.history).toHaveLength(15);
    for (const rec of doc.history) expect(rec.distanceFromInit.total).toBeLessThanOrEqual(4 + 1e-12);
    expect(doc.best.surrogateLoss).toBeLessThanOrEqual(doc.history[0].surrogateLoss);
    const hist = readArray(p('hist.npy'));
    expect(hist.shape).toEqual([15, 6]);
    expect(hist.data[6 + 1]).toBe(doc.history[1].surrogateLoss);
    const net = readModelFile(p('net.json'));
    expect([net.width, net.inputDim, net.activation]).toEqual([40, 2, 'softplus']);
  });

  it('should be deterministic: the same flags give the same model file', async () => {
    await runCli([...trainArgs, '--model-out', p('a.json')]);
    await runCli([...trainArgs, '--model-out', p('b.json')]);
    expect(readFileSync(p('a.json'), 'utf8')).toBe(readFileSync(p('b.json'), 'utf8'));
  });

  it('should fail with exit 2 on missing width, mismatched labels and bad flags', async () => {
    const base = [
      'adv-train',
      '--x',
      p('X.npy'),
      '--y',
      p('y.npy'),
      '--radius',
      '0.1',
      '--learning-rate',
      '0.1',
      '--iterations',
      '2',
    ];
    expect(oneLineError(await runCli(base))).toContain('one of --model or --width is required');
    expect(
      oneLineError(
        await runCli([...base.slice(0, 3), '--y', p('y3.json'), ...base.slice(5), '--width', '4']),
      ),
    ).toContain('--x and --y must have the same number of rows (got 8 and 3)');
    expect(oneLineError(await runCli([...base, '--width', '3', '--init', 'symmetric']))).toContain(
      'must be even',
    );
    expect(oneLineError(await runCli([...base, '--width', '4', '--model-out', p('net.npy')]))).toContain(
      'must end in .json',
    );
    expect(oneLineError(await runCli([...base, '--width', '4', '--set', 'box']))).toContain(
      'Allowed choices are linf, l2, cap',
    );
  });
});

describe('ntk attack', () => {
  it('should attack a saved model exactly like runAttack and write the attacked points', async () => {
    const r0 = await runCli([...trainArgs, '--model-out', p('m.json')]);
    expect(r0.code).toBe(0);
    const r = await runCli([
      'attack',
      '--model',
      p('m.json'),
      '--x',
      p('X.npy'),
      '--y',
      p('y.npy'),
      '--set',
      'cap',
      '--radius',
      '0.2',
      '--attack',
      'exact-cap',
      '--grid-points',
      '101',
      '--out',
      p('Xadv.npy'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const want = runAttack(readModelFile(p('m.json')), data.x, data.y, {
      attack: { kind: 'exact-cap', gridPoints: 101 },
      set: { kind: 'cap', radius: 0.2 },
      loss: 'logistic',
      seed: 0,
    });
    expect(doc.meanLoss).toBe(want.meanLoss);
    expect(allClose(readArray(p('Xadv.npy')).data, want.points.data, { rtol: 0, atol: 0 })).toEqual({
      ok: true,
    });
    const text = await runCli([
      'attack',
      '--model',
      p('m.json'),
      '--x',
      p('X.npy'),
      '--y',
      p('y.npy'),
      '--set',
      'cap',
      '--radius',
      '0.2',
    ]);
    expect(text.stdout).toContain('surrogate loss (mean over points)');
  });

  it('should attack the kernel predictor fitted to --train-x/--train-y with its closed-form gradient', async () => {
    const xs = uniformSphere(16, 3, { seed: 11 });
    const ys = Float64Array.from({ length: 16 }, (_, i) => (xs.data[i * 3] > 0 ? 1 : -1));
    writeArray(p('Xs.npy'), xs);
    writeArray(p('ys.npy'), ys);
    const args = [
      'attack',
      '--train-x',
      p('Xs.npy'),
      '--train-y',
      p('ys.npy'),
      '--x',
      p('Xs.npy'),
      '--y',
      p('ys.npy'),
    ];
    const r = await runCli([
      ...args,
      '--b-std',
      '0.5',
      '--set',
      'l2',
      '--radius',
      '0.3',
      '--steps',
      '10',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const kernel = fcReluKernel({ bStd: 0.5 });
    const model = fitKernelPredictor(kernel, xs, ys, { get: 'ntk' });
    // Interpolation: the predictor reproduces the labels on the clean points.
    expect(allClose(model.predict(xs), ys, { rtol: 0, atol: 1e-8 })).toEqual({ ok: true });
    const want = runAttack(model, xs, ys, {
      attack: { kind: 'pgd', steps: 10 },
      set: { kind: 'l2', radius: 0.3 },
      loss: 'logistic',
      seed: 0,
    });
    expect(doc.meanLoss).toBe(want.meanLoss);
    expect(doc.meanLoss).toBeGreaterThan(loss('logistic').value(1, 1));
    expect(doc.cleanAccuracy).toBe(1);
    expect(oneLineError(await runCli([...args, '--radius', '0.1', '--model', p('m.json')]))).toContain(
      'give either --model or --train-x',
    );
    expect(oneLineError(await runCli([...args, '--radius', '0.1', '--normalize']))).toContain(
      '--normalize is not available',
    );
  });

  it('should fail with exit 2 on a missing or malformed model and bad flags', async () => {
    const args = ['--x', p('X.npy'), '--y', p('y.npy'), '--radius', '0.1'];
    expect(oneLineError(await runCli(['attack', '--model', p('none.json'), ...args]))).toContain(
      'must be a readable file (got ENOENT)',
    );
    writeFileSync(p('bad.json'), '{"format": "something-else"}');
    expect(oneLineError(await runCli(['attack', '--model', p('bad.json'), ...args]))).toContain(
      '"format": "ntk-toolkit/two-layer-net"',
    );
    writeFileSync(
      p('short.json'),
      JSON.stringify({ ...JSON.parse(readFileSync(p('m.json'), 'utf8')), params: [1, 2] }),
    );
    expect(oneLineError(await runCli(['attack', '--model', p('short.json'), ...args]))).toContain(
      '"params": 80 finite numbers',
    );
    expect(
      oneLineError(await runCli(['attack', '--model', p('m.json'), '--x', p('X.npy'), '--y', p('y.npy')])),
    ).toContain("required option '--radius <r>'");
    expect(oneLineError(await runCli(['attack', '--model', p('m.json'), ...args, '--box', '1,0']))).toContain(
      '--box must be two numbers',
    );
  });
});
