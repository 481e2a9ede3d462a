// Native DGEMM / DSYRK: Goto/BLIS packing, register-blocked micro-kernels (AVX-512F 14×16, AVX2+FMA 6×8,
// generic C++ 4×4) chosen at run time with ntk::detectIsa(), a small persistent thread pool.
//
// Determinism: every C entry is C ← β·C, then for each depth block of KC (fixed by the ISA, not by the
// problem split) C ← C + α·acc with acc = Σ_{p in block} a_p·b_p accumulated sequentially in the micro-kernel
// (fused multiply-adds on the AVX paths, mul + add in the generic one). Edge tiles are computed on zero-padded
// panels with the same instructions, so an entry's value never depends on which rows/columns share a call,
// on the task partition or on the thread count.
#pragma once

#include <cstdint>

#include "cpu.h"

namespace ntk {

// C ← alpha·op(A)·op(B) + beta·C, row-major (op(A) m×k, op(B) k×n), leading dimensions lda/ldb/ldc.
// beta == 0 overwrites C (NaN in C is not propagated); alpha == 0 or k == 0 only scales C.
// threads ≥ 1: total threads (the calling one included) this call may use.
void dgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, double alpha, const double* a,
           int64_t lda, const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads);

// Lower triangle only: C[i, j] ← alpha·(op(A)·op(B))[i, j] + beta·C[i, j] for j ≤ i (C n×n); entries above
// the diagonal are neither read nor written. Same bits as dgemm on those entries.
void dgemmLower(bool transA, bool transB, int64_t n, int64_t k, double alpha, const double* a, int64_t lda,
                const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads);

// DSYRK, lower: C ← alpha·A·Aᵀ + beta·C on the lower triangle of the n×n C, A n×k row-major.
inline void dsyrk(int64_t n, int64_t k, double alpha, const double* a, int64_t lda, double beta, double* c,
                  int64_t ldc, int threads) {
  dgemmLower(false, true, n, k, alpha, a, lda, a, lda, beta, c, ldc, threads);
}

// Instruction set the GEMM uses (detectIsa() at first use, cached).
Isa gemmIsa();

// Runs fn(task) for task in [0, tasks) on up to `threads` threads of the pool (calling thread included);
// returns when all are done. Falls back to the calling thread alone when the pool is busy (another JS
// thread) — results never depend on it.
void parallelFor(int64_t tasks, int threads, void (*fn)(void* ctx, int64_t task), void* ctx);

}  // namespace ntk
