/** Shared pieces of the sweep integration tests: the adv-train width × ρ spec and file comparisons. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../unit/cli/runCli.ts';

/** Writes the 8-point circle data and an adv-train spec (width × ρ grid) into `dir`; returns the spec path. */
export async function writeAdvTrainSpec(
  dir: string,
  name: string,
  widths: number[],
  radii: number[],
  iterations: number,
): Promise<string> {
  const r = await runCli([
    'data',
    'circle',
    '--n',
    '8',
    '--x-out',
    join(dir, 'X.npy'),
    '--y-out',
    join(dir, 'y.npy'),
  ]);
  expect(r.code, r.stderr).toBe(0);
  const spec = join(dir, `${name}.json`);
  writeFileSync(
    spec,
    JSON.stringify({
      name,
      command: 'adv-train',
      args: {
        x: 'X.npy',
        y: 'y.npy',
        activation: 'softplus',
        set: 'cap',
        steps: 2,
        'learning-rate': 0.5,
        iterations,
        'ball-radius': 4,
      },
      grid: { width: widths, radius: radii },
      outputs: { 'history-out': 'history.csv' },
      plots: [{ x: 'width', y: 'best.robustLoss', by: 'radius', logX: true }],
    }),
  );
  return spec;
}

/** Every entry of tasks/ is a complete result folder (no partial or half-written ones counted). */
export function expectOnlyCompleteResults(plan: string): string[] {
  const names = readdirSync(join(plan, 'tasks')).filter((n) => !n.startsWith('.'));
  for (const n of names) expect(readdirSync(join(plan, 'tasks', n)).sort()).toContain('result.json');
  return names;
}

/** The collected CSV tables and per-task histories of two plans are byte-identical. */
export function expectSameResults(a: string, b: string, tasks: number): void {
  const ta = readFileSync(join(a, 'results.csv'), 'utf8');
  const tb = readFileSync(join(b, 'results.csv'), 'utf8');
  expect(ta.trim().split('\n')).toHaveLength(tasks + 1);
  expect(ta.split('\n')[0]).toContain('best.robustLoss');
  expect(tb).toBe(ta);
  const losses = new Set<string>();
  for (let i = 0; i < tasks; i++) {
    const t = String(i).padStart(4, '0');
    // Each task ran its own grid point (not, say, the same arguments every time): the network width and
    // the set radius in its result are its parameters, and the final losses differ between tasks.
    const rec = JSON.parse(readFileSync(join(b, 'tasks', t, 'result.json'), 'utf8'));
    expect(rec.result.width).toBe(rec.params.width);
    expect(rec.result.set.radius).toBe(rec.params.radius);
    losses.add(String(rec.result.final.surrogateLoss));
    expect(readFileSync(join(b, 'tasks', t, 'history.csv'))).toEqual(
      readFileSync(join(a, 'tasks', t, 'history.csv')),
    );
  }
}
