/**
 * Ctrl-C keeps work (issue 12): SIGINT to a running `ntk adv-train` / `ntk verify` (a real child process,
 * through bin/ntk.mjs) writes what has completed — the model and history checkpoint, the finished checks —
 * and exits 130.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/cli/modelFile.ts';
import { circlePoints } from '../../../src/data/circlePoints.ts';
import { readArray } from '../../../src/io/readArray.ts';
import { writeArray } from '../../../src/io/writeArray.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Starts `ntk args`, sends SIGINT once stderr matches `ready` (plus `delayMs`), resolves with the outcome. */
function interruptWhen(
  args: string[],
  cwd: string,
  ready: RegExp,
  delayMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'ntk.mjs'), ...args], {
      cwd,
      env: { ...process.env, NTK_CLI_FROM_SOURCE: '1' },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const check = () => {
      if (!sent && ready.test(stdout + stderr)) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), delayMs);
      }
    };
    child.stdout.on('data', (b) => {
      stdout += b;
      check();
    });
    child.stderr.on('data', (b) => {
      stderr += b;
      check();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('Ctrl-C keeps work', () => {
  it('adv-train should write the checkpoint (model + history) and exit 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntk-interrupt-'));
    const c = circlePoints(8);
    writeArray(join(dir, 'X.npy'), c.x);
    writeArray(join(dir, 'y.npy'), c.y);
    const r = await interruptWhen(
      [
        'adv-train',
        '--x',
        'X.npy',
        '--y',
        'y.npy',
        '--width',
        '200',
        '--set',
        'l2',
        '--radius',
        '0.1',
      ].concat([
        '--learning-rate',
        '0.1',
        '--iterations',
        '100000',
        '--model-out',
        'net.json',
        '--history-out',
        'h.csv',
      ]),
      dir,
      /note: --iterations 100000/,
      1500,
    );
    expect(r.code, r.stderr).toBe(130);
    const m = /interrupted; (\d+) of 100000 iterations recorded/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const h = readArray(join(dir, 'h.csv'));
    expect(h.shape[1]).toBe(6);
    expect(h.shape[0]).toBeGreaterThan(0);
    expect(h.shape[0]).toBeLessThanOrEqual(Number(m![1]));
    // Iterations are numbered 0, 1, …: the checkpoint history is a prefix of the run.
    expect(Array.from({ length: h.shape[0] }, (_, i) => h.data[i * 6])).toEqual(
      Array.from({ length: h.shape[0] }, (_, i) => i),
    );
    const net = readModelFile(join(dir, 'net.json'));
    expect(net.width).toBe(200);
    expect(net.params.every(Number.isFinite)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'net.json'), 'utf8')).format).toBe('ntk-toolkit/two-layer-net');
  });

  it('verify should write the finished checks as a partial report and exit 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntk-interrupt-verify-'));
    const r = await interruptWhen(
      ['verify', '--quick', '--only', 'C7,C3,C2', '--out', 'rep'],
      dir,
      /pass C3/,
      0,
    );
    expect(r.code, r.stdout + r.stderr).toBe(130);
    const doc = JSON.parse(readFileSync(join(dir, 'rep', 'report.json'), 'utf8'));
    expect(doc.title).toMatch(/interrupted/);
    // Checks run in id order; SIGINT arrives while C7 (seconds long) runs: C2 and C3 are kept.
    expect(doc.checks.map((x: { id: string }) => x.id)).toEqual(['C2', 'C3']);
  });
});
