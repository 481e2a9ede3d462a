import { setTeamProgressHook } from '../parallel/team.ts';
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
  const start = Date.now();
  const width = Math.max(10, Math.min(40, (io.columns ?? 80) - label.length - 20));
  const draw = (done: number): void => {
    const frac = Math.min(1, done / total);
    const fill = Math.round(frac * width);
    const elapsed = (Date.now() - start) / 1000;
    const eta = done > 0 && done < total ? ` ETA ${formatSeconds((elapsed * (total - done)) / done)}` : '';
    io.stderr(
      `\r${label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${Math.round(frac * 100)}%${eta}   `,
    );
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
      if (last >= 0) io.stderr(`\r${' '.repeat(width + label.length + 30)}\r`);
    },
  };
}

/** "42s", "3m05s" or "1h02m". */
function formatSeconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * Runs `fn` with a progress bar per phase of the toolkit's long synchronous work (kernel blocks, Cholesky
 * block columns, FALKON passes), drawn on a TTY only.
 */
export async function withProgress<T>(
  io: CliIo,
  fn: () => T | Promise<T>,
  show: (label: string) => boolean = () => true,
): Promise<T> {
  let label = '';
  let lastDone = 0;
  let bar: Progress | undefined;
  const prev = setTeamProgressHook((l, done, total) => {
    if (!show(l)) return;
    if (l !== label || bar === undefined || done < lastDone) {
      bar?.finish();
      label = l;
      bar = createProgress(io, l, total);
    }
    lastDone = done;
    bar.update(done);
  });
  try {
    return await fn();
  } finally {
    bar?.finish();
    setTeamProgressHook(prev);
  }
}
