/**
 * Shared helpers for the backend/parallel benchmarks: seeded inputs and a GFLOP/s table printed after the
 * run (vitest bench reports ops/s; this converts the best time per case into GFLOP/s).
 */
import { createRng } from '../src/random/rng.ts';

export function seededMatrix(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform() * 2 - 1;
  return x;
}

const best = new Map<string, { ms: number; flops: number }>();

/** Wraps `fn` so the fastest wall time of case `name` (doing `flops` floating-point operations) is kept. */
export function timed(name: string, flops: number, fn: () => unknown): () => Promise<void> {
  return async () => {
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    const prev = best.get(name);
    if (prev === undefined || ms < prev.ms) best.set(name, { ms, flops });
  };
}

/** Prints `name  best-ms  GFLOP/s` for every case measured so far. */
export function printGflops(title: string): void {
  const lines = [...best].map(
    ([name, { ms, flops }]) =>
      `${name.padEnd(44)} ${ms.toFixed(2).padStart(10)} ms ${(flops / ms / 1e6).toFixed(2).padStart(8)} GFLOP/s`,
  );
  process.stdout.write(`\n${title}\n${lines.join('\n')}\n`);
}
