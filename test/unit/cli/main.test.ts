import { describe, expect, it } from 'vitest';
import { oneLineError, runCli } from './runCli.ts';

describe('ntk (program)', () => {
  it('should list every subcommand in --help and exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['data', 'kernel', 'regress', 'attack', 'adv-train', 'robust-interp', 'verify'])
      expect(r.stdout).toContain(c);
    expect(r.stdout).toContain('Exit codes');
  });

  it('should print help for a subcommand with examples', async () => {
    const r = await runCli(['kernel', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--w-std');
    expect(r.stdout).toContain('Examples:');
  });

  it('should print the version', async () => {
    const r = await runCli(['--version']);
    expect([r.code, r.stdout.trim()]).toEqual([0, '0.1.0']);
  });

  it('should print help on stderr and exit 2 without arguments', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: ntk');
  });

  it('should reject an unknown command and an unknown flag with one line and exit 2', async () => {
    expect(oneLineError(await runCli(['kernal']))).toMatch(/unknown command 'kernal'.*Did you mean kernel/);
    expect(oneLineError(await runCli(['kernel', '--x', 'a.npy', '--dept', '2']))).toMatch(
      /^ntk kernel: unknown option '--dept'/,
    );
  });

  it('should print a stack trace only with --debug', async () => {
    const plain = await runCli(['kernel', '--x', '/nonexistent.npy']);
    expect(plain.stderr).not.toContain('    at ');
    const debug = await runCli(['kernel', '--x', '/nonexistent.npy', '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toContain('    at ');
  });
});
