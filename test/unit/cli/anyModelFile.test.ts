import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAnyModelFile, writeAnyModelFile } from '../../../src/cli/anyModelFile.ts';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { IoError } from '../../../src/errors.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { biasLiftKernel } from '../../../src/kernels/biasLiftKernel.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { createRng } from '../../../src/random/rng.ts';
import { fitKernelPredictor } from '../../../src/regression/fitKernelPredictor.ts';
import { kernelPredictor } from '../../../src/regression/kernelPredictor.ts';
import type { Mat } from '../../../src/types.ts';
import { runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-models-');
const rng = createRng(5);
const X: Mat = { rows: 6, cols: 3, data: new Float64Array(18).map(() => rng.normal()) };
/** Evaluation points (not the centres object itself, which would take the kernel's symmetric path). */
const Z: Mat = { rows: 4, cols: 3, data: new Float64Array(12).map(() => rng.normal()) };

describe('model files for every model', () => {
  it('should round-trip a kernel predictor and a deep ReLU net bit for bit', () => {
    const kp = kernelPredictor(
      biasLiftKernel(fcReluKernel({ depth: 2, bStd: 0.3 }), 0.5),
      X,
      new Float64Array(6).map(() => rng.normal()),
      { get: 'nngp' },
    );
    writeAnyModelFile(p('k.json'), kp);
    const back = readAnyModelFile(p('k.json'));
    expect(Array.from(back.predict(Z))).toEqual(Array.from(kp.predict(Z)));
    const net = fcReluNet({ inputDim: 3, width: 5, depth: 2, bStd: 0.1, seed: 3 });
    net.params[0] += 0.25; // trained parameters, not the seed's
    writeAnyModelFile(p('n.json'), net);
    expect(Array.from(readAnyModelFile(p('n.json')).predict(Z))).toEqual(Array.from(net.predict(Z)));
  });

  it('should reject corrupt files, unknown formats and unknown versions with IoError', () => {
    const kp = kernelPredictor(fcReluKernel(), X, new Float64Array(6).fill(1));
    writeAnyModelFile(p('ok.json'), kp);
    const good = JSON.parse(readFileSync(p('ok.json'), 'utf8'));
    const cases: [string, string, string][] = [
      ['bad.json', '{ not json', 'valid JSON'],
      ['fmt.json', JSON.stringify({ ...good, format: 'other' }), '"format"'],
      ['ver.json', JSON.stringify({ ...good, version: 2 }), '"version": 1 (got 2)'],
      ['alpha.json', JSON.stringify({ ...good, alpha: [1, 2] }), '"centers"'],
      ['spec.json', JSON.stringify({ ...good, kernel: { name: 'rbf' } }), 'spec.name'],
    ];
    for (const [name, text, msg] of cases) {
      writeFileSync(p(name), text);
      expect(() => readAnyModelFile(p(name))).toThrow(IoError);
      expect(() => readAnyModelFile(p(name))).toThrow(msg);
    }
  });

  it('ntk regress --model-out writes a kernel model that ntk bracket certifies', async () => {
    const data = circlePoints(6);
    writeArray(p('X.npy'), data.x);
    writeArray(p('y.npy'), data.y);
    const r = await runCli([
      'regress',
      '--x',
      p('X.npy'),
      '--y',
      p('y.npy'),
      '--x-test',
      p('X.npy'),
      '--append-bias',
      '--diag-reg',
      '1e-3',
      '--model-out',
      p('km.json'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const model = readAnyModelFile(p('km.json'));
    // the saved model works on the raw inputs (bias inside the kernel) and matches a direct fit
    const direct = fitKernelPredictor(biasLiftKernel(fcReluKernel()), data.x, data.y, {
      diagReg: { value: 1e-3, scale: 'trace' },
    });
    const a = model.predict(data.x);
    const b = direct.predict(data.x);
    for (let i = 0; i < 6; i++) expect(a[i]).toBeCloseTo(b[i], 10);
    const br = await runCli([
      'bracket',
      '--model',
      p('km.json'),
      '--x',
      p('X.npy'),
      '--y',
      p('y.npy'),
      '--set',
      'l2',
      '--radius',
      '0.05',
      '--loss',
      'square',
      '--json',
    ]);
    expect(br.code, br.stderr).toBe(0);
    const doc = JSON.parse(br.stdout);
    expect(doc.method.every((m: string) => m === 'bab' || m === 'linear' || m === 'ibp')).toBe(true);
  });

  it('ntk robust-interp --certify reports a certified sup error ≥ the search value and saves the interpolant', async () => {
    const data = circlePoints(4);
    writeArray(p('Xc.npy'), data.x);
    writeArray(p('yc.npy'), data.y);
    const r = await runCli([
      'robust-interp',
      '--x',
      p('Xc.npy'),
      '--y',
      p('yc.npy'),
      '--set',
      'l2',
      '--radius',
      '0.02',
      '--tolerance',
      '0.05',
      '--max-iterations',
      '3',
      '--append-bias',
      '--certify',
      '--model-out',
      p('ri.json'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.certifiedViolation).toBeGreaterThanOrEqual(doc.maxViolation);
    expect(typeof doc.verified).toBe('boolean');
    const f = readAnyModelFile(p('ri.json')).predict(data.x);
    for (let i = 0; i < 4; i++)
      expect(Math.abs(f[i] - data.y[i])).toBeLessThanOrEqual(doc.certifiedViolation);
  });
});
