#!/usr/bin/env python3
"""NumPy (OpenBLAS) peer figures for bench/backend.dgemm.bench.ts and bench/backend.dpotrf.bench.ts.

Prints GFLOP/s for DGEMM (n in 256, 512, 1024, 2048) and Cholesky (n in 500, 1000, 2000) with the same
flop counts as the TypeScript benchmarks (2n^3 and n^3/3), on 1 thread and on all threads. Optional:
never needed by the tests; exits quietly when NumPy is missing.

    python3 bench/numpy_peer.py            # best of 3 runs per case
"""
import os
import sys
import time


def best_time(fn, reps=3):
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main():
    try:
        import numpy as np
    except ImportError:
        print("numpy_peer: NumPy is not installed; nothing to compare", file=sys.stderr)
        return 0
    rng = np.random.default_rng(0)
    if len(sys.argv) < 2:
        print(f"NumPy {np.__version__}, {os.cpu_count()} logical CPUs")

    def run(label):
        for n in (256, 512, 1024, 2048):
            a = rng.uniform(-1, 1, (n, n))
            b = rng.uniform(-1, 1, (n, n))
            a @ b  # warm-up
            t = best_time(lambda: a @ b)
            print(f"numpy:dgemm:{label}:n={n:<5} {t * 1e3:10.2f} ms {2 * n**3 / t / 1e9:8.2f} GFLOP/s")
        for n in (500, 1000, 2000):
            x = rng.uniform(-1, 1, (n, n))
            s = x @ x.T / n + np.eye(n)
            np.linalg.cholesky(s)
            t = best_time(lambda: np.linalg.cholesky(s))
            print(f"numpy:dpotrf:{label}:n={n:<5} {t * 1e3:10.2f} ms {n**3 / 3 / t / 1e9:8.2f} GFLOP/s")

    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        run(sys.argv[2])
        return 0
    # BLAS thread counts are fixed at library load: run each configuration in a child process.
    import subprocess

    for threads in ("1", str(os.cpu_count())):
        env = dict(os.environ, OPENBLAS_NUM_THREADS=threads, OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
        label = "1-thread" if threads == "1" else f"{threads}-threads"
        subprocess.run([sys.executable, __file__, "--child", label], env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
