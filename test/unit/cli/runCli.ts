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
