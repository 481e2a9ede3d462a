/**
 * Runs every script in examples/ (quick mode) as a user would, with tsx, and requires exit code 0.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scripts = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts'));
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('examples/', () => {
  for (const script of scripts) {
    it(`should run examples/${script} to completion`, () => {
      const r = spawnSync(process.execPath, [tsx, join('examples', script)], {
        cwd: root,
        env: { ...process.env, NTK_EXAMPLE_QUICK: '1' },
        encoding: 'utf8',
        timeout: 170_000,
      });
      expect(r.status, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    });
  }
});
