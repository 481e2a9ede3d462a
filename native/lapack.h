// Native blocked Cholesky and triangular solves on the threaded GEMM of gemm.h (same contracts as
// src/linalg/lapack.ts: row-major, lower triangle, in place).
#pragma once

#include <cstdint>

namespace ntk {

struct PotrfInfo {
  int64_t info;     // −1 on success, else the (global) index of the first non-positive pivot
  double minPivot;  // smallest pivot d_j = A_jj − Σ L_jp² seen (the failing one on failure; NaN if one was NaN)
};

// Right-looking blocked lower Cholesky A = L·Lᵀ of the n×n matrix (block nb): per block column, the
// diagonal block is factored by a serial blocked Cholesky (inner block 32, unblocked dpotf2 underneath),
// the panel solve is split over fixed row blocks, the trailing update is the threaded DSYRK. Results are
// bit-identical for any thread count.
PotrfInfo dpotrf(int64_t n, double* a, int64_t lda, int64_t nb, int threads);

// Solves op(L)·X = B in place (B ← X), L n×n lower (only its lower triangle is read), B n×k row-major.
// trans = false: L·X = B; trans = true: Lᵀ·X = B. Blocked (block 64) with GEMM updates; right-hand-side
// columns are split into fixed blocks over the threads (each column's arithmetic does not depend on it).
void dtrsm(bool trans, int64_t n, int64_t k, const double* l, int64_t ldl, double* b, int64_t ldb, int threads);

}  // namespace ntk
