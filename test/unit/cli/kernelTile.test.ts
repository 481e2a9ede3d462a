import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniformSphere } from '../../../src/data/uniformSphere.ts';
import { writeArray } from '../../../src/io/writeArray.ts';
import { partitionRows, ROW_ALIGN } from '../../../src/parallel/partition.ts';
import { tileRows } from '../../../src/parallel/tileRows.ts';
import { oneLineError, runCli, tempDir } from './runCli.ts';

const p = tempDir('ntk-cli-tile-');
// 150 rows: tiles of 64 rows, so the partition has a short last tile and (for N = 4) an empty one.
const n = 150;

beforeAll(() => {
  writeArray(p('X.npy'), uniformSphere(n, 4, { seed: 11 }));
  writeArray(p('Z.npy'), uniformSphere(70, 4, { seed: 12 }));
});

/** Runs `ntk kernel` whole and in N tiles, assembles the tiles, and returns both files' bytes. */
async function wholeAndTiled(flags: string[], tiles: number, tag: string): Promise<[Buffer, Buffer]> {
  expect((await runCli(['kernel', '--x', p('X.npy'), ...flags, '--out', p(`${tag}.npy`)])).code).toBe(0);
  const files: string[] = [];
  for (let i = 0; i < tiles; i++) {
    const out = p(`${tag}.${i}.npy`);
    const r = await runCli(['kernel', '--x', p('X.npy'), ...flags, '--tile', `${i}/${tiles}`, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    files.push(out);
  }
  const a = await runCli(['assemble', ...files.reverse(), '--out', p(`${tag}.joined.npy`)]);
  expect(a.code, a.stderr).toBe(0);
  return [readFileSync(p(`${tag}.npy`)), readFileSync(p(`${tag}.joined.npy`))];
}

describe('tileRows', () => {
  it('should be the worker-pool partition: aligned starts, consecutive, covering, empty tiles at the end', () => {
    for (const [rows, count] of [
      [150, 4],
      [8192, 8],
      [1, 3],
      [640, 10],
    ] as const) {
      const tiles = Array.from({ length: count }, (_, i) => tileRows(rows, i, count));
      expect(tiles[0].r0).toBe(0);
      for (let i = 1; i < count; i++) expect(tiles[i].r0).toBe(tiles[i - 1].r1);
      expect(tiles[count - 1].r1).toBe(rows);
      for (const t of tiles) if (t.r1 > t.r0) expect(t.r0 % ROW_ALIGN).toBe(0);
      const blockRows = tiles[0].r1 - tiles[0].r0;
      expect(tiles.filter((t) => t.r1 > t.r0)).toEqual(partitionRows(rows, blockRows));
    }
    expect(tileRows(8192, 3, 8)).toEqual({ r0: 3072, r1: 4096 });
  });
});

describe('ntk kernel --tile and ntk assemble', () => {
  it('should assemble Gram tiles into the one-process file byte for byte (fc-relu depth 3, NTK)', async () => {
    const [whole, joined] = await wholeAndTiled(['--depth', '3', '--b-std', '0.2'], 4, 'fc');
    expect(joined.equals(whole)).toBe(true);
  });

  it('should do the same for the two-layer ReLU² NNGP and for a cross matrix', async () => {
    const [w1, j1] = await wholeAndTiled(
      ['--kernel', 'two-layer', '--activation', 'relu2', '--get', 'nngp'],
      3,
      'tl',
    );
    expect(j1.equals(w1)).toBe(true);
    const [w2, j2] = await wholeAndTiled(['--x2', p('Z.npy')], 2, 'cross');
    expect(j2.equals(w2)).toBe(true);
  });

  it('should refuse a missing tile, a tile of another matrix, and a tile whose rows were tampered with', async () => {
    const files = [0, 1, 2].map((i) => p(`fc.${i}.npy`));
    await wholeAndTiled(['--depth', '3', '--b-std', '0.2'], 3, 'fc');
    expect(oneLineError(await runCli(['assemble', files[0], files[2], '--out', p('bad.npy')]))).toMatch(
      /missing tiles 1 of 3/,
    );
    const other = p('other.1.npy');
    expect(
      (await runCli(['kernel', '--x', p('X.npy'), '--depth', '2', '--tile', '1/3', '--out', other])).code,
    ).toBe(0);
    expect(
      oneLineError(await runCli(['assemble', files[0], other, files[2], '--out', p('bad.npy')])),
    ).toMatch(/different matrix/);
    // Negative control: a sidecar claiming other rows (as a wrong partition would) is caught.
    const side = `${files[1]}.tile.json`;
    const s = JSON.parse(readFileSync(side, 'utf8'));
    writeFileSync(side, JSON.stringify({ ...s, rows: [s.rows[0] + 1, s.rows[1]] }));
    expect(oneLineError(await runCli(['assemble', ...files, '--out', p('bad.npy')]))).toMatch(
      /starts at row/,
    );
  });

  it('should reject a malformed --tile and --tile without --out', async () => {
    expect(
      oneLineError(await runCli(['kernel', '--x', p('X.npy'), '--tile', '4/4', '--out', p('t.npy')])),
    ).toMatch(/--tile must be I\/N/);
    expect(oneLineError(await runCli(['kernel', '--x', p('X.npy'), '--tile', '0/2']))).toMatch(/needs --out/);
  });
});
