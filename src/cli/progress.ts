import type { CliIo } from './context.ts';

/** A progress reporter: `update(done)` redraws, `finish()` clears the line. */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

/**
 * A one-line progress bar on stderr, drawn only when stderr is a TTY (never in pipes, files or tests
 * that do not ask for it). Redraws at most every 100 ms.
 */
export function createProgress(io: CliIo, label: string, total: number): Progress {
  if (io.isTTY !== true || total <= 0) return { update: () => {}, finish: () => {} };
  let last = -1;
  let lastTime = 0;
  const width = Math.max(10, Math.min(40, (io.columns ?? 80) - label.length - 20));
  const draw = (done: number): void => {
    const frac = Math.min(1, done / total);
    const fill = Math.round(frac * width);
    io.stderr(`\r${label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${done}/${total}`);
  };
  return {
    update(done: number): void {
      const now = Date.now();
      if (done === last || (now - lastTime < 100 && done < total)) return;
      last = done;
      lastTime = now;
      draw(done);
    },
    finish(): void {
      if (last >= 0) io.stderr(`\r${' '.repeat(width + label.length + 24)}\r`);
    },
  };
}
