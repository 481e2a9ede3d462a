import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../src/cli/main.ts';

/** Runs the CLI in-process and captures its output. */
export async function runCli(
  argv: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory; `p(name)` gives a path inside it. */
export function tempDir(prefix: string): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return (name) => join(dir, name);
}

/** Expects a usage failure: exit code 2 and exactly one line on stderr starting with `ntk`. */
export function oneLineError(r: { code: number; stderr: string }): string {
  const lines = r.stderr.trimEnd().split('\n');
  if (r.code !== 2 || lines.length !== 1 || !lines[0].startsWith('ntk')) {
    throw new Error(`expected exit 2 with one line on stderr, got ${r.code}:\n${r.stderr}`);
  }
  return lines[0];
}

/**
 * `ntk adv-train` arguments for the small prototype used by several CLI tests: X.npy/y.npy in `p`'s folder
 * (8 circle points), a width-40 softplus net, ρ = 0.2 caps, 2-step PGD, α = 0.5, R = 4.
 */
export function circleAdvTrainArgs(p: (name: string) => string, iterations: number): string[] {
  return [
    'adv-train',
    '--x',
    p('X.npy'),
    '--y',
    p('y.npy'),
    '--width',
    '40',
    '--activation',
    'softplus',
    '--set',
    'cap',
    '--radius',
    '0.2',
    '--steps',
    '2',
    '--learning-rate',
    '0.5',
    '--iterations',
    String(iterations),
    '--ball-radius',
    '4',
  ];
}
