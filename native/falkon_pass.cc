#include "falkon_pass.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "cpu.h"
#include "gemm.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define NTK_FALKON_X86 1
#endif

namespace ntk {

namespace {

// The contract's combination of the 8 lanes.
inline double combine(const double* s) { return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])); }

// Up to kCols columns are done per sweep over a row (the row is loaded once for all of them); each column's
// sum is the contract's, independently of the others.
constexpr int kCols = 4;

// out[q] = a·x_q (q < nc) in the contract's order; x_q = xs + q·M.
void dotGeneric(const double* a, const double* xs, int64_t M, int nc, double* out) {
  const int64_t m8 = M & ~static_cast<int64_t>(7);
  for (int q = 0; q < nc; q++) {
    const double* x = xs + q * M;
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int64_t j = 0; j < m8; j += 8)
      for (int l = 0; l < 8; l++) s[l] += a[j + l] * x[j + l];
    double r = combine(s);
    for (int64_t j = m8; j < M; j++) r += a[j] * x[j];
    out[q] = r;
  }
}

// g_q += a·t[q] (q < nc), g_q = gs + q·M.
void axpyGeneric(const double* a, const double* t, int64_t M, int nc, double* gs) {
  for (int q = 0; q < nc; q++) {
    double* g = gs + q * M;
    const double tq = t[q];
    for (int64_t j = 0; j < M; j++) g[j] += a[j] * tq;
  }
}

// Scalar tails of the vector paths: the lanes are in s[q·8 …], the tail terms j ≥ m8 added in order.
inline void finishDots(const double* a, const double* xs, int64_t M, int64_t m8, int nc, const double* s,
                       double* out) {
  for (int q = 0; q < nc; q++) {
    const double* x = xs + q * M;
    double r = combine(s + 8 * q);
    for (int64_t j = m8; j < M; j++) r += a[j] * x[j];
    out[q] = r;
  }
}

#ifdef NTK_FALKON_X86
template <int C>
__attribute__((target("avx512f"))) void dotAvx512(const double* a, const double* xs, int64_t M, double* out) {
  const int64_t m8 = M & ~static_cast<int64_t>(7);
  __m512d acc[C];
  for (int q = 0; q < C; q++) acc[q] = _mm512_setzero_pd();
  for (int64_t j = 0; j < m8; j += 8) {
    const __m512d av = _mm512_loadu_pd(a + j);
    for (int q = 0; q < C; q++)
      acc[q] = _mm512_add_pd(acc[q], _mm512_mul_pd(av, _mm512_loadu_pd(xs + q * M + j)));
  }
  double s[8 * C];
  for (int q = 0; q < C; q++) _mm512_storeu_pd(s + 8 * q, acc[q]);
  finishDots(a, xs, M, m8, C, s, out);
}

template <int C>
__attribute__((target("avx512f"))) void axpyAvx512(const double* a, const double* t, int64_t M, double* gs) {
  const int64_t m8 = M & ~static_cast<int64_t>(7);
  __m512d tv[C];
  for (int q = 0; q < C; q++) tv[q] = _mm512_set1_pd(t[q]);
  for (int64_t j = 0; j < m8; j += 8) {
    const __m512d av = _mm512_loadu_pd(a + j);
    for (int q = 0; q < C; q++) {
      double* g = gs + q * M + j;
      _mm512_storeu_pd(g, _mm512_add_pd(_mm512_loadu_pd(g), _mm512_mul_pd(av, tv[q])));
    }
  }
  for (int q = 0; q < C; q++)
    for (int64_t j = m8; j < M; j++) gs[q * M + j] += a[j] * t[q];
}

// AVX2: lanes 0–3 in lo, 4–7 in hi (two 4-wide accumulators are the contract's 8 lanes).
template <int C>
__attribute__((target("avx2"))) void dotAvx2(const double* a, const double* xs, int64_t M, double* out) {
  const int64_t m8 = M & ~static_cast<int64_t>(7);
  __m256d lo[C];
  __m256d hi[C];
  for (int q = 0; q < C; q++) lo[q] = hi[q] = _mm256_setzero_pd();
  for (int64_t j = 0; j < m8; j += 8) {
    const __m256d a0 = _mm256_loadu_pd(a + j);
    const __m256d a1 = _mm256_loadu_pd(a + j + 4);
    for (int q = 0; q < C; q++) {
      const double* x = xs + q * M + j;
      lo[q] = _mm256_add_pd(lo[q], _mm256_mul_pd(a0, _mm256_loadu_pd(x)));
      hi[q] = _mm256_add_pd(hi[q], _mm256_mul_pd(a1, _mm256_loadu_pd(x + 4)));
    }
  }
  double s[8 * C];
  for (int q = 0; q < C; q++) {
    _mm256_storeu_pd(s + 8 * q, lo[q]);
    _mm256_storeu_pd(s + 8 * q + 4, hi[q]);
  }
  finishDots(a, xs, M, m8, C, s, out);
}

template <int C>
__attribute__((target("avx2"))) void axpyAvx2(const double* a, const double* t, int64_t M, double* gs) {
  const int64_t m4 = M & ~static_cast<int64_t>(3);
  __m256d tv[C];
  for (int q = 0; q < C; q++) tv[q] = _mm256_set1_pd(t[q]);
  for (int64_t j = 0; j < m4; j += 4) {
    const __m256d av = _mm256_loadu_pd(a + j);
    for (int q = 0; q < C; q++) {
      double* g = gs + q * M + j;
      _mm256_storeu_pd(g, _mm256_add_pd(_mm256_loadu_pd(g), _mm256_mul_pd(av, tv[q])));
    }
  }
  for (int q = 0; q < C; q++)
    for (int64_t j = m4; j < M; j++) gs[q * M + j] += a[j] * t[q];
}
#endif

// One instruction set's row routines, for nc ≤ kCols columns.
struct Routines {
  void (*dot)(const double* a, const double* xs, int64_t M, int nc, double* out);
  void (*axpy)(const double* a, const double* t, int64_t M, int nc, double* gs);
};

#ifdef NTK_FALKON_X86
// nc (1…kCols) as a template argument.
#define NTK_FALKON_BY_COLS(name, kernel)                                        \
  void name(const double* a, const double* p, int64_t M, int nc, double* o) { \
    if (nc == 1)                                                              \
      kernel<1>(a, p, M, o);                                                  \
    else if (nc == 2)                                                         \
      kernel<2>(a, p, M, o);                                                  \
    else if (nc == 3)                                                         \
      kernel<3>(a, p, M, o);                                                  \
    else                                                                      \
      kernel<4>(a, p, M, o);                                                  \
  }
NTK_FALKON_BY_COLS(dot512, dotAvx512)
NTK_FALKON_BY_COLS(axpy512, axpyAvx512)
NTK_FALKON_BY_COLS(dot256, dotAvx2)
NTK_FALKON_BY_COLS(axpy256, axpyAvx2)
#undef NTK_FALKON_BY_COLS
#endif

const Routines& routines() {
  static const Routines r = [] {
#ifdef NTK_FALKON_X86
    const Isa isa = detectIsa();
    if (isa == Isa::Avx512) return Routines{dot512, axpy512};
    if (isa == Isa::Avx2) return Routines{dot256, axpy256};
#endif
    return Routines{dotGeneric, axpyGeneric};
  }();
  return r;
}

struct Pass {
  const Routines* R;
  int64_t rows, M, k;
  const double* kb;
  const double* uT;  // u transposed, [k, M], or null
  const double* v;
  double invN;
  double* partials;  // parts × [k, M]
};

// Part p: its partial from +0, rows in order.
void partTask(void* ctx, int64_t p) {
  const Pass& P = *static_cast<const Pass*>(ctx);
  const int64_t M = P.M, k = P.k;
  double* g = P.partials + p * k * M;
  std::fill(g, g + k * M, 0.0);
  std::vector<double> t(static_cast<size_t>(k));
  const int64_t r1 = std::min(P.rows, (p + 1) * kFalkonPartRows);
  for (int64_t r = p * kFalkonPartRows; r < r1; r++) {
    const double* a = P.kb + r * M;
    if (P.uT != nullptr) {
      for (int64_t c = 0; c < k; c += kCols)
        P.R->dot(a, P.uT + c * M, M, static_cast<int>(std::min<int64_t>(kCols, k - c)), t.data() + c);
      if (P.v != nullptr)
        for (int64_t c = 0; c < k; c++) t[c] += P.v[r * k + c];
    } else {
      for (int64_t c = 0; c < k; c++) t[c] = P.v != nullptr ? P.v[r * k + c] : 0.0;
    }
    for (int64_t c = 0; c < k; c++) t[c] *= P.invN;
    for (int64_t c = 0; c < k; c += kCols)
      P.R->axpy(a, t.data() + c, M, static_cast<int>(std::min<int64_t>(kCols, k - c)), g + c * M);
  }
}

}  // namespace

void falkonPass(int64_t rows, int64_t M, int64_t k, const double* kb, const double* u, const double* v,
                double invN, double* w, int threads) {
  if (rows <= 0 || M <= 0 || k <= 0) return;
  const int64_t parts = (rows + kFalkonPartRows - 1) / kFalkonPartRows;
  // Per calling thread (one pass at a time per JS thread), grown as needed: no page faults per call.
  thread_local std::vector<double> scratch;
  const size_t need = static_cast<size_t>((parts + (u != nullptr ? 1 : 0)) * k * M);
  if (scratch.size() < need) scratch.resize(need);
  double* partials = scratch.data();
  const double* uT = nullptr;
  if (u != nullptr) {
    double* ut = partials + parts * k * M;
    for (int64_t j = 0; j < M; j++)
      for (int64_t c = 0; c < k; c++) ut[c * M + j] = u[j * k + c];
    uT = ut;
  }
  Pass P{&routines(), rows, M, k, kb, uT, v, invN, partials};
  parallelFor(parts, threads, partTask, &P);
  for (int64_t p = 0; p < parts; p++) {
    const double* g = partials + p * k * M;
    for (int64_t c = 0; c < k; c++)
      for (int64_t j = 0; j < M; j++) w[j * k + c] += g[c * M + j];
  }
}

}  // namespace ntk
