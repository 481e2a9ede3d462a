/**
 * What the FALKON benches share: a peak-RSS sampler, the progress callback that samples it and prints
 * each finished CG pass with its residual and the seconds since the callback was made, and the solve's
 * fields of their JSON result.
 */
import type { FalkonProgress, falkon } from '../src/regression/falkon.ts';

/** Samples the process's resident set size; `peakGiB()` is the largest sample so far. */
export function rssTracker(): { sample(): void; peakGiB(): number } {
  let peak = 0;
  return {
    sample: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
    peakGiB: () => peak / 2 ** 30,
  };
}

/** `onProgress` for `falkon`: samples memory on every report and logs each completed CG pass to stderr. */
export function cgProgress(sample: () => void): (p: FalkonProgress) => void {
  const t0 = performance.now();
  let lastPass = -1;
  return (p) => {
    sample();
    if (p.iteration !== lastPass && p.phase === 'pass' && p.done === p.total) {
      lastPass = p.iteration;
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      console.error(`  iteration ${p.iteration} residual ${p.residual.toExponential(2)} at ${s} s`);
    }
  };
}

/** The timing and convergence fields of a bench's JSON result, in the order both FALKON benches print them. */
export function solveFields(
  model: ReturnType<typeof falkon>,
  dataSeconds: number,
  falkonSeconds: number,
): Record<string, unknown> {
  return {
    dataSeconds,
    falkonSeconds,
    iterations: model.iterations,
    residual: model.residual,
    converged: model.converged,
    cachedKnm: model.cached,
  };
}
