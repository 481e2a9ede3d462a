/**
 * The library's writers are atomic (issue 12): data goes to a temporary file in the target directory and is
 * renamed over the target only when complete; a failure leaves the old file intact and no temporary file.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IoError, NonFiniteError } from '../../../src/errors.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { writeCsv } from '../../../src/io/writeCsv.ts';
import { writeJsonArray } from '../../../src/io/writeJsonArray.ts';
import { writeNpy } from '../../../src/io/writeNpy.ts';
import { tempDir } from '../cli/runCli.ts';

const p = tempDir('ntk-io-atomic-');

describe('atomic writers', () => {
  it('should replace an existing file and leave no temporary file', () => {
    writeFileSync(p('a.csv'), 'old\n');
    writeCsv(p('a.csv'), [1, 2]);
    writeNpy(p('a.npy'), [[1, 2]]);
    writeJsonArray(p('a.json'), [3]);
    writeArray(p('b.json'), [4]);
    expect(readFileSync(p('a.csv'), 'utf8')).toBe('1\n2\n');
    expect(readdirSync(join(p('a.csv'), '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('should keep the old file when the data cannot be encoded (NaN to JSON)', () => {
    writeFileSync(p('keep.json'), '[1]\n');
    expect(() => writeJsonArray(p('keep.json'), [Number.NaN])).toThrow(NonFiniteError);
    expect(readFileSync(p('keep.json'), 'utf8')).toBe('[1]\n');
  });

  it('should throw IoError and leave nothing for a missing or read-only directory', () => {
    expect(() => writeNpy(p('nodir/x.npy'), [1])).toThrow(IoError);
    mkdirSync(p('ro'));
    writeFileSync(p('ro/x.csv'), 'old\n');
    chmodSync(p('ro'), 0o500);
    try {
      // As root the directory stays writable; the assertion then is only that the write is complete.
      try {
        writeCsv(p('ro/x.csv'), [7]);
        expect(readFileSync(p('ro/x.csv'), 'utf8')).toBe('7\n');
      } catch (e) {
        expect(e).toBeInstanceOf(IoError);
        expect(readFileSync(p('ro/x.csv'), 'utf8')).toBe('old\n');
      }
      expect(readdirSync(p('ro')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      chmodSync(p('ro'), 0o700);
    }
  });
});
