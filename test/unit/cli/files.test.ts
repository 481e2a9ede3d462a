/**
 * Block-wise reading of matrix files for the CLI (src/cli/files.ts): a streamed .npy must give exactly
 * the rows of the whole file through the row-wise transform, also across read blocks (8192 rows) and
 * when the transform changes the column count; files that cannot be streamed (an integer dtype,
 * Fortran order, CSV) are read whole with the same result; a missing file is a usage error.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/context.ts';
import { openFlagMat, readFlagMat, readFlagMatBlocks } from '../../../src/cli/files.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { appendBias } from '../../../src/kernels/appendBias.ts';
import { createRng } from '../../../src/random/rng.ts';
import type { Mat } from '../../../src/types.ts';
import { tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-files-');
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/io/${name}`, import.meta.url));
const same = (a: Mat, b: Mat): boolean =>
  a.rows === b.rows && a.cols === b.cols && a.data.every((v, i) => Object.is(v, b.data[i]));
const lift = (m: Mat): Mat => appendBias(m, 1);

describe('readFlagMatBlocks / openFlagMat', () => {
  it('should stream a float64 .npy across read blocks through a column-changing transform', () => {
    const rng = createRng(3);
    const m = { rows: 8192 + 77, cols: 3, data: new Float64Array((8192 + 77) * 3) };
    rng.fillNormal(m.data);
    writeArray(p('A.npy'), m);
    writeArray(p('A.csv'), m);
    expect(openFlagMat('--x', p('A.npy')).streamed).toBe(true);
    expect(openFlagMat('--x', p('A.csv')).streamed).toBe(false);
    const want = lift(m);
    expect(same(readFlagMatBlocks('--x', p('A.npy'), lift), want)).toBe(true);
    expect(same(readFlagMatBlocks('--x', p('A.csv'), lift), lift(readFlagMat('--x', p('A.csv'))))).toBe(true);
    const src = openFlagMat('--x', p('A.npy'));
    const rows = src.read(8190, 8200);
    src.close();
    expect(same(rows, { rows: 10, cols: 3, data: m.data.subarray(8190 * 3, 8200 * 3) })).toBe(true);
  });

  for (const name of ['i4_f_2d.npy', 'f8_le_f_2d.npy', 'f8_be_c_2d.npy']) {
    it(`should read a non-streamable ${name} whole, like readFlagMat`, () => {
      expect(openFlagMat('--x', fixture(name)).streamed).toBe(false);
      expect(
        same(
          readFlagMatBlocks('--x', fixture(name), (b) => b),
          readFlagMat('--x', fixture(name)),
        ),
      ).toBe(true);
    });
  }

  it('should name the flag of a missing file', () => {
    expect(() => openFlagMat('--x-test', p('none.npy'))).toThrow(UsageError);
    expect(() => openFlagMat('--x-test', p('none.npy'))).toThrow(/--x-test .*file not found/);
  });
});
