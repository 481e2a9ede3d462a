import { execFileSync } from 'node:child_process';
import { cpus, platform, release } from 'node:os';
import type { MachineInfo } from './types.ts';

/**
 * Describes the machine and the checkout for a report: CPU model and count, Node version, platform,
 * the current date, and the git commit of `cwd` when git is available (otherwise omitted).
 *
 * @param cwd - directory whose git commit to record
 * @defaultValue cwd = process.cwd()
 * @returns the machine info
 * @example
 * collectMachineInfo().nodeVersion.startsWith('v'); // true
 * @remarks Since 0.1.0
 */
export function collectMachineInfo(cwd: string = process.cwd()): MachineInfo {
  const list = cpus();
  let gitCommit: string | undefined;
  try {
    gitCommit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    })
      .toString()
      .trim();
    if (dirty.length > 0) gitCommit += ' (with uncommitted changes)';
  } catch {
    gitCommit = undefined;
  }
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cpuCount: list.length,
    nodeVersion: process.version,
    platform: `${platform()} ${release()}`,
    date: new Date().toISOString(),
    ...(gitCommit === undefined || gitCommit === '' ? {} : { gitCommit }),
  };
}
