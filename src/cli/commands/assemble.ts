import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliContext, GlobalFlags } from '../context.ts';
import { UsageError } from '../context.ts';
import { readFlagMat } from '../files.ts';
import { sidecarPath, type TileSidecar } from '../kernelTile.ts';
import { emit } from '../output.ts';
import { planOutputs } from '../outputPlan.ts';

interface AssembleFlags extends GlobalFlags {
  readonly out: string;
}

/** Tile files named on the command line, or found in the task folders of a sweep plan directory. */
function tileFiles(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const a of args) {
    if (existsSync(a) && statSync(a).isDirectory()) {
      const tasks = join(a, 'tasks');
      const root = existsSync(tasks) ? tasks : a;
      for (const t of readdirSync(root).sort()) {
        const dir = join(root, t);
        if (t.startsWith('.') || !statSync(dir).isDirectory()) continue;
        for (const f of readdirSync(dir).sort())
          if (f.endsWith('.tile.json')) files.push(join(dir, f.slice(0, -'.tile.json'.length)));
      }
    } else files.push(a);
  }
  if (files.length === 0) throw new UsageError('no tiles found (give tile files or a sweep plan directory)');
  return files;
}

function readSidecar(file: string): TileSidecar {
  const p = sidecarPath(file);
  if (!existsSync(p)) throw new UsageError(`${file}: no ${p} (was it written by ntk kernel --tile?)`);
  const s = JSON.parse(readFileSync(p, 'utf8')) as TileSidecar;
  if (s.format !== 'ntk-tile' || s.version !== 1) throw new UsageError(`${p}: not an ntk tile sidecar`);
  return s;
}

/** `ntk assemble`: joins the row tiles of `ntk kernel --tile I/N` into one matrix. */
export function registerAssemble(program: Command, ctx: CliContext): void {
  program
    .command('assemble')
    .description('join the row tiles written by `ntk kernel --tile I/N` into one matrix')
    .argument('<tiles...>', 'tile files (each with its .tile.json sidecar), or a sweep plan directory')
    .requiredOption('--out <file>', 'the assembled matrix (.npy/.csv/.json)')
    .addHelpText(
      'after',
      `
Every tile 0..N-1 must be present exactly once, from the same matrix (shape, kernel settings, --get).
Examples:
  $ ntk assemble K.0.npy K.1.npy K.2.npy K.3.npy --out K.npy
  $ ntk assemble plan/ --out K.npy            # the tiles of a finished tile sweep`,
    )
    .action((args: string[], _opts, command: Command) => {
      const f = command.optsWithGlobals() as AssembleFlags;
      const tiles = tileFiles(args).map((file) => ({ file, s: readSidecar(file) }));
      const outs = planOutputs(
        [{ flag: '--out', path: f.out }],
        tiles.map((t) => ({ flag: 'tile', path: t.file })),
      );
      const first = tiles[0].s;
      const key = (s: TileSidecar) => JSON.stringify([s.tiles, s.shape, s.get, s.settings]);
      const byIndex = new Map<number, (typeof tiles)[number]>();
      for (const t of tiles) {
        if (key(t.s) !== key(first)) {
          throw new UsageError(
            `${t.file} is a tile of a different matrix than ${tiles[0].file} (tiles, shape, --get or kernel settings differ)`,
          );
        }
        if (byIndex.has(t.s.tile))
          throw new UsageError(`tile ${t.s.tile} given twice (${byIndex.get(t.s.tile)!.file} and ${t.file})`);
        byIndex.set(t.s.tile, t);
      }
      const missing: number[] = [];
      for (let i = 0; i < first.tiles; i++) if (!byIndex.has(i)) missing.push(i);
      if (missing.length > 0) throw new UsageError(`missing tiles ${missing.join(', ')} of ${first.tiles}`);
      const [n1, n2] = first.shape;
      const data = new Float64Array(n1 * n2);
      let next = 0;
      for (let i = 0; i < first.tiles; i++) {
        const t = byIndex.get(i)!;
        const [r0, r1] = t.s.rows;
        if (r0 !== next) throw new UsageError(`tile ${i} starts at row ${r0}, expected ${next}`);
        const m = r1 > r0 ? readFlagMat('tile', t.file) : { rows: 0, cols: n2, data: new Float64Array(0) };
        if (m.rows !== r1 - r0 || m.cols !== n2)
          throw new UsageError(
            `${t.file}: shape [${m.rows}, ${m.cols}], its sidecar says [${r1 - r0}, ${n2}]`,
          );
        data.set(m.data, r0 * n2);
        next = r1;
      }
      if (next !== n1) throw new UsageError(`the tiles cover rows [0, ${next}) of ${n1}`);
      outs.array('--out', { rows: n1, cols: n2, data });
      outs.commit();
      emit(ctx, f, { command: 'assemble', tiles: first.tiles, shape: [n1, n2], get: first.get, out: f.out }, [
        `assembled ${first.tiles} tiles into a [${n1}, ${n2}] ${first.get} matrix, written to ${f.out}`,
      ]);
    });
}
