#include "falkon_pass.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

#include "cpu.h"
#include "gemm.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define NTK_FALKON_X86 1
#endif

namespace ntk {

namespace {

// Register blocking: R rows × C columns of u per sweep (each row chunk is loaded once for the C columns,
// each chunk of a partial once for the R rows). It changes no sum: every (row, column) product keeps its own
// 8 lanes, and a partial's entry still gets the rows' terms one at a time in row order.
constexpr int kMaxRows = 4;
constexpr int kMaxCols = 4;
// Parts per wave of the thread pool (see falkonPass).
constexpr int64_t kWaveParts = 16;

// The contract's combination of the 8 lanes.
inline double combine(const double* s) {
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

// out[r·ldo + q] = a_r·x_q for r < R, q < C: a_r = a + r·M (kernel rows), x_q = xs + q·M (columns of u).
using DotFn = void (*)(const double* a, const double* xs, int64_t M, double* out, int64_t ldo);
// g_q += Σ_{r < R, in order} a_r·t[r·ldt + q] for q < C, g_q = gs + q·M.
using AxpyFn = void (*)(const double* a, const double* t, int64_t ldt, int64_t M, double* gs);

// Lanes of the vector paths are in s[(r·C + q)·8 …]; the tail terms j ≥ m8 are added in order.
template <int R, int C>
inline void finishDots(const double* a, const double* xs, int64_t M, int64_t m8, const double* s, double* out,
                       int64_t ldo) {
  for (int r = 0; r < R; r++) {
    for (int q = 0; q < C; q++) {
      const double* ar = a + r * M;
      const double* x = xs + q * M;
      double v = combine(s + (r * C + q) * 8);
      for (int64_t j = m8; j < M; j++) v += ar[j] * x[j];
      out[r * ldo + q] = v;
    }
  }
}

template <int R, int C>
void dotGeneric(const double* a, const double* xs, int64_t M, double* out, int64_t ldo) {
  const int64_t m8 = M & ~static_cast<int64_t>(7);
  double s[R * C * 8] = {};
  for (int64_t j = 0; j < m8; j += 8)
    for (int r = 0; r < R; r++)
      for (int q = 0; q < C; q++)
        for (int l = 0; l < 8; l++) s[(r * C + q) * 8 + l] += a[r * M + j + l] * xs[q * M + j + l];
  finishDots<R, C>(a, xs, M, m8, s, out, ldo);
}

template <int R, int C>
void axpyGeneric(const double* a, const double* t, int64_t ldt, int64_t M, double* gs) {
  for (int q = 0; q < C; q++) {
    double* g = gs + q * M;
    for (int64_t j = 0; j < M; j++) {
      double v = g[j];
      for (int r = 0; r < R; r++) v += a[r * M + j] * t[r * ldt + q];
      g[j] = v;
    }
  }
}

#ifdef NTK_FALKON_X86
template <int R, int C>
__attribute__((target("avx512f"))) void dotAvx512(const double* a, const double* xs, int64_t M, double* out,
                                                  int64_t ldo) {
  const int64_t m8 = M & ~static_cast<int64_t>(7);
  __m512d acc[R * C];
  for (int i = 0; i < R * C; i++) acc[i] = _mm512_setzero_pd();
  for (int64_t j = 0; j < m8; j += 8) {
    __m512d x[C];
    for (int q = 0; q < C; q++) x[q] = _mm512_loadu_pd(xs + q * M + j);
    for (int r = 0; r < R; r++) {
      const __m512d ar = _mm512_loadu_pd(a + r * M + j);
      for (int q = 0; q < C; q++) acc[r * C + q] = _mm512_add_pd(acc[r * C + q], _mm512_mul_pd(ar, x[q]));
    }
  }
  double s[R * C * 8];
  for (int i = 0; i < R * C; i++) _mm512_storeu_pd(s + 8 * i, acc[i]);
  finishDots<R, C>(a, xs, M, m8, s, out, ldo);
}

template <int R, int C>
__attribute__((target("avx512f"))) void axpyAvx512(const double* a, const double* t, int64_t ldt, int64_t M,
                                                   double* gs) {
  const int64_t m8 = M & ~static_cast<int64_t>(7);
  __m512d tv[R * C];
  for (int r = 0; r < R; r++)
    for (int q = 0; q < C; q++) tv[r * C + q] = _mm512_set1_pd(t[r * ldt + q]);
  for (int64_t j = 0; j < m8; j += 8) {
    __m512d ar[R];
    for (int r = 0; r < R; r++) ar[r] = _mm512_loadu_pd(a + r * M + j);
    for (int q = 0; q < C; q++) {
      double* g = gs + q * M + j;
      __m512d v = _mm512_loadu_pd(g);
      for (int r = 0; r < R; r++) v = _mm512_add_pd(v, _mm512_mul_pd(ar[r], tv[r * C + q]));
      _mm512_storeu_pd(g, v);
    }
  }
  for (int q = 0; q < C; q++) {
    double* g = gs + q * M;
    for (int64_t j = m8; j < M; j++) {
      double v = g[j];
      for (int r = 0; r < R; r++) v += a[r * M + j] * t[r * ldt + q];
      g[j] = v;
    }
  }
}

// AVX2: lanes 0–3 of a (row, column) product in one 4-wide accumulator, lanes 4–7 in a second.
template <int R, int C>
__attribute__((target("avx2"))) void dotAvx2(const double* a, const double* xs, int64_t M, double* out,
                                             int64_t ldo) {
  const int64_t m8 = M & ~static_cast<int64_t>(7);
  __m256d lo[R * C];
  __m256d hi[R * C];
  for (int i = 0; i < R * C; i++) lo[i] = hi[i] = _mm256_setzero_pd();
  for (int64_t j = 0; j < m8; j += 8) {
    for (int r = 0; r < R; r++) {
      const __m256d a0 = _mm256_loadu_pd(a + r * M + j);
      const __m256d a1 = _mm256_loadu_pd(a + r * M + j + 4);
      for (int q = 0; q < C; q++) {
        const double* x = xs + q * M + j;
        lo[r * C + q] = _mm256_add_pd(lo[r * C + q], _mm256_mul_pd(a0, _mm256_loadu_pd(x)));
        hi[r * C + q] = _mm256_add_pd(hi[r * C + q], _mm256_mul_pd(a1, _mm256_loadu_pd(x + 4)));
      }
    }
  }
  double s[R * C * 8];
  for (int i = 0; i < R * C; i++) {
    _mm256_storeu_pd(s + 8 * i, lo[i]);
    _mm256_storeu_pd(s + 8 * i + 4, hi[i]);
  }
  finishDots<R, C>(a, xs, M, m8, s, out, ldo);
}

template <int R, int C>
__attribute__((target("avx2"))) void axpyAvx2(const double* a, const double* t, int64_t ldt, int64_t M,
                                              double* gs) {
  const int64_t m4 = M & ~static_cast<int64_t>(3);
  __m256d tv[R * C];
  for (int r = 0; r < R; r++)
    for (int q = 0; q < C; q++) tv[r * C + q] = _mm256_set1_pd(t[r * ldt + q]);
  for (int64_t j = 0; j < m4; j += 4) {
    __m256d ar[R];
    for (int r = 0; r < R; r++) ar[r] = _mm256_loadu_pd(a + r * M + j);
    for (int q = 0; q < C; q++) {
      double* g = gs + q * M + j;
      __m256d v = _mm256_loadu_pd(g);
      for (int r = 0; r < R; r++) v = _mm256_add_pd(v, _mm256_mul_pd(ar[r], tv[r * C + q]));
      _mm256_storeu_pd(g, v);
    }
  }
  for (int q = 0; q < C; q++) {
    double* g = gs + q * M;
    for (int64_t j = m4; j < M; j++) {
      double v = g[j];
      for (int r = 0; r < R; r++) v += a[r * M + j] * t[r * ldt + q];
      g[j] = v;
    }
  }
}
#endif

// One instruction set's routines for every R ≤ rows, C ≤ cols: dot[R − 1][C − 1], axpy[R − 1][C − 1].
struct Routines {
  int rows, cols;
  DotFn dot[kMaxRows][kMaxCols];
  AxpyFn axpy[kMaxRows][kMaxCols];
};

#define NTK_FALKON_ROW(f, R) {f<R, 1>, f<R, 2>, f<R, 3>, f<R, 4>}
#define NTK_FALKON_TABLE(f) {NTK_FALKON_ROW(f, 1), NTK_FALKON_ROW(f, 2), NTK_FALKON_ROW(f, 3), NTK_FALKON_ROW(f, 4)}

const Routines& routines() {
  // The generic path keeps R = C = 1 (the compiler has no vector registers to block for).
  static const Routines generic{1, 1, NTK_FALKON_TABLE(dotGeneric), NTK_FALKON_TABLE(axpyGeneric)};
#ifdef NTK_FALKON_X86
  // AVX-512: 16 accumulators of 32 registers; AVX2: 2 × 4 of 16.
  static const Routines avx512{4, 4, NTK_FALKON_TABLE(dotAvx512), NTK_FALKON_TABLE(axpyAvx512)};
  static const Routines avx2{2, 2, NTK_FALKON_TABLE(dotAvx2), NTK_FALKON_TABLE(axpyAvx2)};
  static const Isa isa = detectIsa();
  if (isa == Isa::Avx512) return avx512;
  if (isa == Isa::Avx2) return avx2;
#endif
  return generic;
}

#undef NTK_FALKON_TABLE
#undef NTK_FALKON_ROW

struct Pass {
  const Routines* R;
  int64_t rows, M, k;
  const double* kb;
  const double* uT;  // u transposed, [k, M], or null
  const double* v;
  double invN;
  double* partials;  // the wave's parts × [k, M]
  int64_t first;     // first part of the wave
  std::thread::id caller;
  std::atomic<int64_t> offCaller{0};  // parts run by other threads than the caller
};

// Part first + i of the wave: its partial from +0, rows in order (in groups of up to R rows, each row's
// terms added in turn).
void partTask(void* ctx, int64_t i) {
  Pass& P = *static_cast<Pass*>(ctx);
  if (std::this_thread::get_id() != P.caller) P.offCaller.fetch_add(1, std::memory_order_relaxed);
  const Routines& Rt = *P.R;
  const int64_t M = P.M, k = P.k;
  const int64_t p = P.first + i;
  double* g = P.partials + i * k * M;
  std::fill(g, g + k * M, 0.0);
  std::vector<double> t(static_cast<size_t>(kMaxRows * k));
  const int64_t r1 = std::min(P.rows, (p + 1) * kFalkonPartRows);
  for (int64_t r0 = p * kFalkonPartRows; r0 < r1; r0 += Rt.rows) {
    const int nr = static_cast<int>(std::min<int64_t>(Rt.rows, r1 - r0));
    const double* a = P.kb + r0 * M;
    if (P.uT != nullptr) {
      for (int64_t c = 0; c < k; c += Rt.cols) {
        const int nc = static_cast<int>(std::min<int64_t>(Rt.cols, k - c));
        Rt.dot[nr - 1][nc - 1](a, P.uT + c * M, M, t.data() + c, k);
      }
    }
    for (int r = 0; r < nr; r++) {
      double* tr = t.data() + r * k;
      const double* vr = P.v != nullptr ? P.v + (r0 + r) * k : nullptr;
      for (int64_t c = 0; c < k; c++) {
        const double s = P.uT != nullptr ? (vr != nullptr ? tr[c] + vr[c] : tr[c]) : (vr != nullptr ? vr[c] : 0.0);
        tr[c] = s * P.invN;
      }
    }
    for (int64_t c = 0; c < k; c += Rt.cols) {
      const int nc = static_cast<int>(std::min<int64_t>(Rt.cols, k - c));
      Rt.axpy[nr - 1][nc - 1](a, t.data() + c, k, M, g + c * M);
    }
  }
}

}  // namespace

int64_t falkonPass(int64_t rows, int64_t M, int64_t k, const double* kb, const double* u, const double* v,
                   double invN, double* w, int threads) {
  if (rows <= 0 || M <= 0 || k <= 0) return 0;
  const int64_t parts = (rows + kFalkonPartRows - 1) / kFalkonPartRows;
  // Parts run in waves of at most kWaveParts, each wave's partials added to w in part order before the next
  // wave: the same sequence of additions as one wave, with scratch for kWaveParts partials only (k/256 of
  // the block's size per part would otherwise be held for every part of a large block).
  const int64_t wave = std::min<int64_t>(parts, kWaveParts);
  // Per calling thread (one pass at a time per JS thread), grown as needed: no page faults per call.
  thread_local std::vector<double> scratch;
  const size_t need = static_cast<size_t>((wave + (u != nullptr ? 1 : 0)) * k * M);
  if (scratch.size() < need) scratch.resize(need);
  double* partials = scratch.data();
  const double* uT = nullptr;
  if (u != nullptr) {
    double* ut = partials + wave * k * M;
    for (int64_t j = 0; j < M; j++)
      for (int64_t c = 0; c < k; c++) ut[c * M + j] = u[j * k + c];
    uT = ut;
  }
  Pass P{&routines(), rows, M, k, kb, uT, v, invN, partials, 0, std::this_thread::get_id()};
  for (; P.first < parts; P.first += wave) {
    const int64_t n = std::min(wave, parts - P.first);
    parallelFor(n, threads, partTask, &P);
    for (int64_t i = 0; i < n; i++) {
      const double* g = partials + i * k * M;
      for (int64_t c = 0; c < k; c++)
        for (int64_t j = 0; j < M; j++) w[j * k + c] += g[c * M + j];
    }
  }
  return P.offCaller.load();
}

}  // namespace ntk
