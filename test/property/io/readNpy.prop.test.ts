import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { IoError } from '../../../src/errors.ts';
import { encodeNpy } from '../../../src/io/encodeNpy.ts';
import { readNpy } from '../../../src/io/readNpy.ts';
import { matrix } from '../../helpers/arbitraries.ts';

/** readNpy's contract on arbitrary bytes: a well-formed array or an IoError, nothing else. */
function readOrIoError(bytes: Uint8Array): ReturnType<typeof readNpy> | 'error' {
  try {
    const a = readNpy(bytes);
    const count = a.shape.reduce((p, s) => p * s, 1);
    expect(a.data.length).toBe(count);
    expect(a.shape.length === 1 || a.shape.length === 2).toBe(true);
    return a;
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    expect(e.message.startsWith('readNpy: ')).toBe(true);
    return 'error';
  }
}

const validFile = matrix({ maxRows: 5, maxCols: 4 }).map((m) => ({ m, bytes: encodeNpy(m) }));

describe('readNpy fuzzing', () => {
  test.prop([fc.uint8Array({ maxLength: 300 })], { numRuns: 1000 })(
    'should return an array or throw IoError on random bytes',
    (bytes) => {
      readOrIoError(bytes);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 200 })], { numRuns: 1000 })(
    'should return an array or throw IoError on random bytes after a valid magic and version',
    (tail) => {
      const bytes = new Uint8Array(8 + tail.length);
      bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1 + ((tail[0] ?? 0) % 3), 0]);
      bytes.set(tail, 8);
      readOrIoError(bytes);
    },
  );

  test.prop(
    [
      validFile,
      // Half of the edits land in the first 140 bytes (magic, version, header length, header text).
      fc.array(fc.tuple(fc.oneof(fc.nat(140), fc.nat()), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 6,
      }),
    ],
    { numRuns: 1000 },
  )(
    'should return an array or throw IoError when bytes of a valid file are overwritten',
    ({ bytes }, edits) => {
      const b = bytes.slice();
      for (const [pos, val] of edits) b[pos % b.length] = val;
      readOrIoError(b);
    },
  );

  test.prop([validFile, fc.nat()])(
    'should throw IoError for every truncation of a valid file',
    ({ bytes }, cut) => {
      const len = cut % bytes.length;
      expect(readOrIoError(bytes.subarray(0, len))).toBe('error');
    },
  );

  test.prop([validFile, fc.integer({ min: 10, max: 127 }), fc.string({ maxLength: 20 })])(
    'should return an array or throw IoError when text is spliced into the header',
    ({ bytes }, at, text) => {
      const header = new TextDecoder('latin1').decode(bytes.subarray(0, 128));
      const spliced = header.slice(0, at) + text + header.slice(at + text.length);
      const b = bytes.slice();
      for (let k = 0; k < 128; k++) b[k] = spliced.charCodeAt(k) & 0xff;
      readOrIoError(b);
    },
  );

  test.prop([validFile])('should read back exactly what encodeNpy wrote', ({ m, bytes }) => {
    const a = readOrIoError(bytes);
    expect(a).not.toBe('error');
    if (a !== 'error') {
      expect(a.shape).toEqual([m.rows, m.cols]);
      expect(Array.from(a.data)).toEqual(Array.from(m.data));
    }
  });
});
