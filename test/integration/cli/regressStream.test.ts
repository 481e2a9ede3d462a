/**
 * `ntk regress --solver falkon` on .npy files larger than one read block and one prediction block (8192
 * rows): --x is read block by block through the preprocessing, --x-test is predicted block by block, and
 * --out is written block by block into a temporary file published at the end. The file must match the
 * library (falkon on the preprocessed arrays) to rounding, and a failure after the stream started must
 * leave neither the output nor a temporary file.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArray } from '../../../src/io/readArray.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { appendBias } from '../../../src/kernels/appendBias.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { normalizeRows } from '../../../src/kernels/normalizeRows.ts';
import { createRng } from '../../../src/random/rng.ts';
import { falkon } from '../../../src/regression/falkon.ts';
import { allClose } from '../../helpers/allClose.ts';
import { oneLineError, runCli, tempDir } from '../../unit/cli/runCli.ts';

const p = tempDir('ntk-cli-regress-stream-');

describe('ntk regress --solver falkon on large .npy files', () => {
  it('should stream --x and --x-test in row blocks and write --out in blocks like the library', async () => {
    const rng = createRng(9);
    const big = (rows: number) => {
      const data = new Float64Array(rows * 3);
      rng.fillNormal(data);
      return { rows, cols: 3, data };
    };
    const xb = big(8200);
    const tb = big(8300);
    const yb = Float64Array.from({ length: 8200 }, (_, i) => (xb.data[i * 3] > 0 ? 1 : -1));
    writeArray(p('XB.npy'), xb);
    writeArray(p('yB.npy'), yb);
    writeArray(p('TB.npy'), tb);
    writeArray(p('y5.npy'), new Float64Array(5));
    const args = ['regress', '--x', p('XB.npy'), '--y', p('yB.npy'), '--x-test', p('TB.npy'), '--depth', '2'];
    const flags = [
      '--solver',
      'falkon',
      '--centers',
      '16',
      '--diag-reg',
      '1e-2',
      '--diag-reg-scale',
      'absolute',
    ];
    const pre = ['--normalize', '--append-bias', '--workers', '1'];
    const r = await runCli([...args, ...flags, ...pre, '--out', p('FB.npy'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const got = readArray(p('FB.npy'));
    expect(got.shape).toEqual([8300]);
    const prep = (m: typeof xb) => appendBias(normalizeRows(m), 1);
    const want = falkon(fcReluKernel({ depth: 2 }), prep(xb), yb, { centers: 16, diagReg: 1e-2 }).predict(
      prep(tb),
    );
    // Same solver, centres and CG; only the row blocking of the kernel products differs (rounding only).
    expect(allClose(got.data, want.data, { rtol: 1e-10, atol: 1e-12 })).toEqual({ ok: true });
    const doc = JSON.parse(r.stdout);
    expect(doc.iterations).toBeGreaterThan(1);
    // --max-iterations and --tol reach the solver.
    const one = await runCli([...args, ...flags, '--max-iterations', '1', '--tol', '1e-12', '--json']);
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ iterations: 1, converged: false });
    const loose = await runCli([...args, ...flags, '--tol', '0.5', '--json']);
    expect(JSON.parse(loose.stdout).iterations).toBeLessThan(doc.iterations);
    const before = readdirSync(dirname(p('FB.npy'))).sort();
    const bad = await runCli([...args, ...flags, '--out', p('FC.npy'), '--y-test', p('y5.npy')]);
    expect(oneLineError(bad)).toContain('--y-test must have 8300 entries');
    expect(readdirSync(dirname(p('FB.npy'))).sort()).toEqual(before);
  });
});
