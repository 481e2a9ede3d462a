// Native Cholesky and triangular solves: see lapack.h.
#include "lapack.h"

#include <algorithm>
#include <cmath>

#include "gemm.h"

namespace ntk {
namespace {

constexpr int64_t kInnerNb = 32;   // inner block of the diagonal-block factor and of the panel solve
constexpr int64_t kPanelRows = 128;  // rows per task of the panel solve
constexpr int64_t kTrsmNb = 64;    // block of the triangular solves
constexpr int64_t kTrsmCols = 64;  // right-hand-side columns per task

// Unblocked lower Cholesky of the n×n block (the JavaScript dpotf2, same pivot reporting).
void potf2(int64_t n, double* a, int64_t lda, PotrfInfo& out) {
  for (int64_t j = 0; j < n; j++) {
    double* rj = a + j * lda;
    double d = rj[j];
    for (int64_t p = 0; p < j; p++) d -= rj[p] * rj[p];
    if (d < out.minPivot || std::isnan(d)) out.minPivot = d;
    if (!(d > 0)) {
      out.info = j;
      return;
    }
    const double ljj = std::sqrt(d);
    rj[j] = ljj;
    const double inv = 1 / ljj;
    for (int64_t i = j + 1; i < n; i++) {
      double* ri = a + i * lda;
      double s = ri[j];
      for (int64_t p = 0; p < j; p++) s -= ri[p] * rj[p];
      ri[j] = s * inv;
    }
  }
}

// X·L11ᵀ = A21 in place, m×kb with kb ≤ 32 columns: substitution on a column-major copy of 128 rows at a
// time (the inner loops run over contiguous rows and vectorise). Every entry gets s = x; s −= l_jp·x_ip for p
// in order; x_ij = s / l_jj — the JavaScript order. Element-wise multiply, subtract and divide (no FMA:
// -ffp-contract=off) round the same at any vector width, so the AVX clones below give the same bits.
__attribute__((always_inline)) inline void substituteImpl(int64_t m, int64_t kb, const double* l11, double* x,
                                                          int64_t lda) {
  constexpr int64_t kRows = 128;
  alignas(64) double t[kInnerNb * kRows];
  for (int64_t i0 = 0; i0 < m; i0 += kRows) {
    const int64_t ib = std::min(kRows, m - i0);
    for (int64_t i = 0; i < ib; i++) {
      const double* ri = x + (i0 + i) * lda;
      for (int64_t j = 0; j < kb; j++) t[j * kRows + i] = ri[j];
    }
    for (int64_t j = 0; j < kb; j++) {
      const double* rj = l11 + j * lda;
      double* tj = t + j * kRows;
      for (int64_t p = 0; p < j; p++) {
        const double l = rj[p];
        const double* tp = t + p * kRows;
        for (int64_t i = 0; i < ib; i++) tj[i] -= l * tp[i];
      }
      const double d = rj[j];
      for (int64_t i = 0; i < ib; i++) tj[i] = tj[i] / d;
    }
    for (int64_t i = 0; i < ib; i++) {
      double* ri = x + (i0 + i) * lda;
      for (int64_t j = 0; j < kb; j++) ri[j] = t[j * kRows + i];
    }
  }
}

void substituteGeneric(int64_t m, int64_t kb, const double* l11, double* x, int64_t lda) {
  substituteImpl(m, kb, l11, x, lda);
}

#if (defined(__x86_64__) || defined(__i386__)) && !defined(NTK_NO_X86)
__attribute__((target("avx2"))) void substituteAvx2(int64_t m, int64_t kb, const double* l11, double* x,
                                                    int64_t lda) {
  substituteImpl(m, kb, l11, x, lda);
}

__attribute__((target("avx512f"))) void substituteAvx512(int64_t m, int64_t kb, const double* l11, double* x,
                                                         int64_t lda) {
  substituteImpl(m, kb, l11, x, lda);
}
#endif

void panelSubstitute(int64_t m, int64_t kb, const double* l11, double* x, int64_t lda) {
#if (defined(__x86_64__) || defined(__i386__)) && !defined(NTK_NO_X86)
  static const Isa isa = gemmIsa();
  if (isa == Isa::Avx512) return substituteAvx512(m, kb, l11, x, lda);
  if (isa == Isa::Avx2) return substituteAvx2(m, kb, l11, x, lda);
#endif
  substituteGeneric(m, kb, l11, x, lda);
}

// X·L11ᵀ = A21 in place for an m×kb panel (rows independent), recursively on the columns: with
// L11 = [La 0; Lb Lc], X1·Laᵀ = A1, then A2 −= X1·Lbᵀ (one serial GEMM), then X2·Lcᵀ = A2; 32-wide leaves are
// substituted. The split points depend on kb only.
void panelSolve(int64_t m, int64_t kb, const double* l11, double* x, int64_t lda) {
  if (kb <= kInnerNb) {
    panelSubstitute(m, kb, l11, x, lda);
    return;
  }
  const int64_t k1 = ((kb / 2 + kInnerNb - 1) / kInnerNb) * kInnerNb;
  panelSolve(m, k1, l11, x, lda);
  dgemm(false, true, m, kb - k1, k1, -1.0, x, lda, l11 + k1 * lda, lda, 1.0, x + k1, lda, 1);
  panelSolve(m, kb - k1, l11 + k1 * lda + k1, x + k1, lda);
}

// Blocked Cholesky on `threads` threads; with n ≤ nb it is the unblocked factor.
void potrfBlocked(int64_t n, double* a, int64_t lda, int64_t nb, int threads, PotrfInfo& out);

struct PanelCtx {
  int64_t m, kb, lda;
  const double* l11;
  double* x;
};

void panelTask(void* ctx, int64_t t) {
  const PanelCtx& c = *static_cast<const PanelCtx*>(ctx);
  const int64_t r0 = t * kPanelRows;
  const int64_t r1 = std::min(c.m, r0 + kPanelRows);
  panelSolve(r1 - r0, c.kb, c.l11, c.x + r0 * c.lda, c.lda);
}

void potrfBlocked(int64_t n, double* a, int64_t lda, int64_t nb, int threads, PotrfInfo& out) {
  if (n <= nb || nb <= 1) {
    potf2(n, a, lda, out);
    return;
  }
  for (int64_t k0 = 0; k0 < n; k0 += nb) {
    const int64_t kb = std::min(nb, n - k0);
    double* dk = a + k0 * lda + k0;
    potrfBlocked(kb, dk, lda, kInnerNb, 1, out);
    if (out.info >= 0) {
      out.info += k0;
      return;
    }
    const int64_t r0 = k0 + kb;
    if (r0 >= n) break;
    const int64_t m = n - r0;
    double* a21 = a + r0 * lda + k0;
    PanelCtx pc{m, kb, lda, dk, a21};
    parallelFor((m + kPanelRows - 1) / kPanelRows, threads, panelTask, &pc);
    dsyrk(m, kb, -1.0, a21, lda, 1.0, a + r0 * lda + r0, lda, threads);
  }
}

// Triangular solve of a column block (serial).
void trsmSerial(bool trans, int64_t n, int64_t k, const double* l, int64_t ldl, double* b, int64_t ldb) {
  if (k == 1) {  // one right-hand side: dot products (forward) or axpys (backward) over rows of L
    if (!trans) {
      for (int64_t i = 0; i < n; i++) {
        const double* li = l + i * ldl;
        double s = b[i * ldb];
        for (int64_t p = 0; p < i; p++) s -= li[p] * b[p * ldb];
        b[i * ldb] = s / li[i];
      }
    } else {
      for (int64_t i = n - 1; i >= 0; i--) {
        const double* li = l + i * ldl;
        const double xi = b[i * ldb] / li[i];
        b[i * ldb] = xi;
        if (xi != 0)
          for (int64_t p = 0; p < i; p++) b[p * ldb] -= xi * li[p];
      }
    }
    return;
  }
  if (!trans) {
    for (int64_t i0 = 0; i0 < n; i0 += kTrsmNb) {
      const int64_t ib = std::min(kTrsmNb, n - i0);
      if (i0 > 0) dgemm(false, false, ib, k, i0, -1.0, l + i0 * ldl, ldl, b, ldb, 1.0, b + i0 * ldb, ldb, 1);
      for (int64_t i = i0; i < i0 + ib; i++) {
        const double* li = l + i * ldl;
        double* bi = b + i * ldb;
        for (int64_t p = i0; p < i; p++) {
          const double lv = li[p];
          if (lv == 0) continue;
          const double* bp = b + p * ldb;
          for (int64_t j = 0; j < k; j++) bi[j] -= lv * bp[j];
        }
        const double inv = 1 / li[i];
        for (int64_t j = 0; j < k; j++) bi[j] *= inv;
      }
    }
    return;
  }
  const int64_t nBlocks = (n + kTrsmNb - 1) / kTrsmNb;
  for (int64_t blk = nBlocks - 1; blk >= 0; blk--) {
    const int64_t i0 = blk * kTrsmNb;
    const int64_t i1 = std::min(n, i0 + kTrsmNb);
    if (i1 < n) dgemm(true, false, i1 - i0, k, n - i1, -1.0, l + i1 * ldl + i0, ldl, b + i1 * ldb, ldb, 1.0,
                      b + i0 * ldb, ldb, 1);
    for (int64_t i = i1 - 1; i >= i0; i--) {
      const double* li = l + i * ldl;
      double* bi = b + i * ldb;
      const double inv = 1 / li[i];
      for (int64_t j = 0; j < k; j++) bi[j] *= inv;
      for (int64_t p = i0; p < i; p++) {
        const double lv = li[p];
        if (lv == 0) continue;
        double* bp = b + p * ldb;
        for (int64_t j = 0; j < k; j++) bp[j] -= lv * bi[j];
      }
    }
  }
}

struct TrsmCtx {
  bool trans;
  int64_t n, k, ldl, ldb;
  const double* l;
  double* b;
};

void trsmTask(void* ctx, int64_t t) {
  const TrsmCtx& c = *static_cast<const TrsmCtx*>(ctx);
  const int64_t j0 = t * kTrsmCols;
  trsmSerial(c.trans, c.n, std::min(kTrsmCols, c.k - j0), c.l, c.ldl, c.b + j0, c.ldb);
}

}  // namespace

PotrfInfo dpotrf(int64_t n, double* a, int64_t lda, int64_t nb, int threads) {
  PotrfInfo out{-1, INFINITY};
  potrfBlocked(n, a, lda, nb, threads, out);
  return out;
}

void dtrsm(bool trans, int64_t n, int64_t k, const double* l, int64_t ldl, double* b, int64_t ldb, int threads) {
  if (n <= 0 || k <= 0) return;
  TrsmCtx c{trans, n, k, ldl, ldb, l, b};
  parallelFor((k + kTrsmCols - 1) / kTrsmCols, threads, trsmTask, &c);
}

}  // namespace ntk
