// Native DGEMM: see gemm.h for the contract and the determinism argument.
#include "gemm.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#if (defined(__x86_64__) || defined(__i386__)) && !defined(NTK_NO_X86)  // NTK_NO_X86: check the generic-only build
#include <immintrin.h>
#define NTK_X86 1
#endif

namespace ntk {
namespace {

constexpr int64_t kNoDiag = INT64_C(1) << 60;  // "not a lower-triangle call": every entry is written

// Micro-kernel: acc (MR×NR) = Σ_{p<kc} pa[p·MR + r]·pb[p·NR + c], then C[r, c] ← C[r, c] + alpha·acc[r, c]
// for r < mr, c < nr and c − r ≤ diag (lower-triangle calls; kNoDiag otherwise).
using Ukr = void (*)(int64_t kc, const double* pa, const double* pb, double alpha, double* c, int64_t ldc,
                     int mr, int nr, int64_t diag);

struct Kernel {
  int mr, nr;
  int64_t mc, kc, nc;
  Ukr ukr;
  Isa isa;
};

// ---------------------------------------------------------------- generic C++ (4×4, mul + add, no FMA)
constexpr int GMR = 4, GNR = 4;
void ukrGeneric(int64_t kc, const double* pa, const double* pb, double alpha, double* c, int64_t ldc, int mr,
                int nr, int64_t diag) {
  double acc[GMR][GNR] = {};
  for (int64_t p = 0; p < kc; p++) {
    for (int r = 0; r < GMR; r++) {
      const double ar = pa[r];
      for (int q = 0; q < GNR; q++) acc[r][q] += ar * pb[q];
    }
    pa += GMR;
    pb += GNR;
  }
  for (int r = 0; r < mr; r++)
    for (int q = 0; q < nr && q - r <= diag; q++) c[r * ldc + q] += alpha * acc[r][q];
}

#ifdef NTK_X86
// ---------------------------------------------------------------- AVX2 + FMA (6×8: 12 ymm accumulators)
constexpr int AMR = 6, ANR = 8;
__attribute__((target("avx2,fma"))) void ukrAvx2(int64_t kc, const double* pa, const double* pb, double alpha,
                                                 double* c, int64_t ldc, int mr, int nr, int64_t diag) {
  __m256d c0a = _mm256_setzero_pd(), c0b = c0a, c1a = c0a, c1b = c0a, c2a = c0a, c2b = c0a, c3a = c0a,
          c3b = c0a, c4a = c0a, c4b = c0a, c5a = c0a, c5b = c0a;
  for (int64_t p = 0; p < kc; p++) {
    const __m256d b0 = _mm256_load_pd(pb), b1 = _mm256_load_pd(pb + 4);
    __m256d av;
#define NTK_ROW2(i)                            \
  av = _mm256_broadcast_sd(pa + i);            \
  c##i##a = _mm256_fmadd_pd(av, b0, c##i##a); \
  c##i##b = _mm256_fmadd_pd(av, b1, c##i##b);
    NTK_ROW2(0) NTK_ROW2(1) NTK_ROW2(2) NTK_ROW2(3) NTK_ROW2(4) NTK_ROW2(5)
#undef NTK_ROW2
    pa += AMR;
    pb += ANR;
  }
  const __m256d va = _mm256_set1_pd(alpha);
  if (mr == AMR && nr == ANR && diag >= ANR - 1) {
#define NTK_UPD2(i)                                                                          \
  _mm256_storeu_pd(c + i * ldc, _mm256_fmadd_pd(va, c##i##a, _mm256_loadu_pd(c + i * ldc))); \
  _mm256_storeu_pd(c + i * ldc + 4, _mm256_fmadd_pd(va, c##i##b, _mm256_loadu_pd(c + i * ldc + 4)));
    NTK_UPD2(0) NTK_UPD2(1) NTK_UPD2(2) NTK_UPD2(3) NTK_UPD2(4) NTK_UPD2(5)
#undef NTK_UPD2
    return;
  }
  alignas(32) double t[AMR * ANR];
#define NTK_ST2(i)                         \
  _mm256_store_pd(t + i * ANR, c##i##a); \
  _mm256_store_pd(t + i * ANR + 4, c##i##b);
  NTK_ST2(0) NTK_ST2(1) NTK_ST2(2) NTK_ST2(3) NTK_ST2(4) NTK_ST2(5)
#undef NTK_ST2
  for (int r = 0; r < mr; r++)
    for (int q = 0; q < nr && q - r <= diag; q++) c[r * ldc + q] = __builtin_fma(alpha, t[r * ANR + q], c[r * ldc + q]);
}

// ---------------------------------------------------------------- AVX-512F (8×24: 24 zmm accumulators)
// 8 rows × 3 cache lines of C per tile: with a leading dimension that is a multiple of 4 KiB all rows map to
// the same L1 sets, and 8 lines per set stay within the 12 ways (a 14-row tile thrashed at ld = 8192).
constexpr int XMR = 8, XNR = 24;
__attribute__((target("avx512f,avx2,fma"))) void ukrAvx512(int64_t kc, const double* pa, const double* pb,
                                                           double alpha, double* c, int64_t ldc, int mr, int nr,
                                                           int64_t diag) {
  for (int r = 0; r < mr; r++) {
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc + 8), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc + 16), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc + 23), _MM_HINT_T0);
  }
  __m512d z = _mm512_setzero_pd();
  __m512d c0a = z, c0b = z, c0c = z, c1a = z, c1b = z, c1c = z, c2a = z, c2b = z, c2c = z, c3a = z, c3b = z,
          c3c = z, c4a = z, c4b = z, c4c = z, c5a = z, c5b = z, c5c = z, c6a = z, c6b = z, c6c = z, c7a = z,
          c7b = z, c7c = z;
  for (int64_t p = 0; p < kc; p++) {
    const __m512d b0 = _mm512_load_pd(pb), b1 = _mm512_load_pd(pb + 8), b2 = _mm512_load_pd(pb + 16);
    __m512d av;
#define NTK_ROW5(i)                            \
  av = _mm512_set1_pd(pa[i]);                  \
  c##i##a = _mm512_fmadd_pd(av, b0, c##i##a); \
  c##i##b = _mm512_fmadd_pd(av, b1, c##i##b); \
  c##i##c = _mm512_fmadd_pd(av, b2, c##i##c);
    NTK_ROW5(0) NTK_ROW5(1) NTK_ROW5(2) NTK_ROW5(3) NTK_ROW5(4) NTK_ROW5(5) NTK_ROW5(6) NTK_ROW5(7)
#undef NTK_ROW5
    pa += XMR;
    pb += XNR;
  }
  const __m512d va = _mm512_set1_pd(alpha);
  if (mr == XMR && nr == XNR && diag >= XNR - 1) {
#define NTK_UPD5(i)                                                                                    \
  _mm512_storeu_pd(c + i * ldc, _mm512_fmadd_pd(va, c##i##a, _mm512_loadu_pd(c + i * ldc)));          \
  _mm512_storeu_pd(c + i * ldc + 8, _mm512_fmadd_pd(va, c##i##b, _mm512_loadu_pd(c + i * ldc + 8)));  \
  _mm512_storeu_pd(c + i * ldc + 16, _mm512_fmadd_pd(va, c##i##c, _mm512_loadu_pd(c + i * ldc + 16)));
    NTK_UPD5(0) NTK_UPD5(1) NTK_UPD5(2) NTK_UPD5(3) NTK_UPD5(4) NTK_UPD5(5) NTK_UPD5(6) NTK_UPD5(7)
#undef NTK_UPD5
    return;
  }
  alignas(64) double t[XMR * XNR];
#define NTK_ST5(i)                            \
  _mm512_store_pd(t + i * XNR, c##i##a);      \
  _mm512_store_pd(t + i * XNR + 8, c##i##b);  \
  _mm512_store_pd(t + i * XNR + 16, c##i##c);
  NTK_ST5(0) NTK_ST5(1) NTK_ST5(2) NTK_ST5(3) NTK_ST5(4) NTK_ST5(5) NTK_ST5(6) NTK_ST5(7)
#undef NTK_ST5
  for (int r = 0; r < mr; r++)
    for (int q = 0; q < nr && q - r <= diag; q++) c[r * ldc + q] = __builtin_fma(alpha, t[r * XNR + q], c[r * ldc + q]);
}
#endif

const Kernel& kernelFor(Isa isa) {
  static const Kernel generic{GMR, GNR, 128, 256, 2048, ukrGeneric, Isa::Generic};
#ifdef NTK_X86
  static const Kernel avx2{AMR, ANR, 144, 256, 3072, ukrAvx2, Isa::Avx2};
  static const Kernel avx512{XMR, XNR, 192, 256, 3072, ukrAvx512, Isa::Avx512};
  if (isa == Isa::Avx512) return avx512;
  if (isa == Isa::Avx2) return avx2;
#endif
  (void)isa;
  return generic;
}

// Chosen once per process (NTK_NATIVE_ISA is read then).
const Kernel& activeKernel() {
  static const Kernel& k = kernelFor(detectIsa());
  return k;
}

// ---------------------------------------------------------------- packing
// op(A)[i0:i0+mc, p0:p0+kc] as ⌈mc/MR⌉ panels, each kc×MR (p-major), zero-padded rows.
template <int MR>
void packAT(bool transA, const double* a, int64_t lda, int64_t i0, int64_t p0, int64_t mc, int64_t kc,
            double* out) {
  for (int64_t ir = 0; ir < mc; ir += MR) {
    const int mr = static_cast<int>(std::min<int64_t>(MR, mc - ir));
    double* o = out + ir * kc;
    if (!transA && mr == MR) {
      const double* rows[MR];
      for (int r = 0; r < MR; r++) rows[r] = a + (i0 + ir + r) * lda + p0;
      for (int64_t p = 0; p < kc; p++)
        for (int r = 0; r < MR; r++) o[p * MR + r] = rows[r][p];
    } else if (!transA) {
      for (int64_t p = 0; p < kc; p++)
        for (int r = 0; r < MR; r++) o[p * MR + r] = r < mr ? a[(i0 + ir + r) * lda + p0 + p] : 0.0;
    } else {
      for (int64_t p = 0; p < kc; p++) {
        const double* src = a + (p0 + p) * lda + i0 + ir;
        double* d = o + p * MR;
        if (mr == MR) {
          for (int r = 0; r < MR; r++) d[r] = src[r];
        } else {
          for (int r = 0; r < MR; r++) d[r] = r < mr ? src[r] : 0.0;
        }
      }
    }
  }
}

// op(B)[p0:p0+kc, j0:j0+nc] as ⌈nc/NR⌉ panels, each kc×NR (p-major), zero-padded columns.
template <int NR>
void packBT(bool transB, const double* b, int64_t ldb, int64_t p0, int64_t j0, int64_t kc, int64_t nc,
            double* out) {
  for (int64_t jr = 0; jr < nc; jr += NR) {
    const int nr = static_cast<int>(std::min<int64_t>(NR, nc - jr));
    double* o = out + jr * kc;
    if (!transB) {
      for (int64_t p = 0; p < kc; p++) {
        const double* src = b + (p0 + p) * ldb + j0 + jr;
        double* d = o + p * NR;
        if (nr == NR) {
          for (int q = 0; q < NR; q++) d[q] = src[q];
        } else {
          for (int q = 0; q < NR; q++) d[q] = q < nr ? src[q] : 0.0;
        }
      }
    } else if (nr == NR) {
      // Groups of at most 8 source rows: more concurrent streams than L1 ways would thrash when ldb is a
      // multiple of 4 KiB (every row in the same cache set).
      constexpr int G = NR < 8 ? NR : 8;
      for (int q0 = 0; q0 < NR; q0 += G) {
        const double* cols[G];
        for (int q = 0; q < G; q++) cols[q] = b + (j0 + jr + q0 + q) * ldb + p0;
        for (int64_t p = 0; p < kc; p++)
          for (int q = 0; q < G; q++) o[p * NR + q0 + q] = cols[q][p];
      }
    } else {
      for (int q = 0; q < NR; q++) {
        const double* src = q < nr ? b + (j0 + jr + q) * ldb + p0 : nullptr;
        for (int64_t p = 0; p < kc; p++) o[p * NR + q] = src != nullptr ? src[p] : 0.0;
      }
    }
  }
}

void packA(const Kernel& K, bool transA, const double* a, int64_t lda, int64_t i0, int64_t p0, int64_t mc,
           int64_t kc, double* out) {
  if (K.mr == 8) return packAT<8>(transA, a, lda, i0, p0, mc, kc, out);
  if (K.mr == 6) return packAT<6>(transA, a, lda, i0, p0, mc, kc, out);
  return packAT<4>(transA, a, lda, i0, p0, mc, kc, out);
}

void packB(const Kernel& K, bool transB, const double* b, int64_t ldb, int64_t p0, int64_t j0, int64_t kc,
           int64_t nc, double* out) {
  if (K.nr == 24) return packBT<24>(transB, b, ldb, p0, j0, kc, nc, out);
  if (K.nr == 8) return packBT<8>(transB, b, ldb, p0, j0, kc, nc, out);
  return packBT<4>(transB, b, ldb, p0, j0, kc, nc, out);
}

// Per-thread packing buffers (64-byte aligned), grown on demand and kept for later calls.
struct Scratch {
  double* a = nullptr;
  double* b = nullptr;
  size_t na = 0, nb = 0;
  ~Scratch() {
    std::free(a);
    std::free(b);
  }
  static double* grow(double*& p, size_t& have, size_t want) {
    if (have < want) {
      std::free(p);
      size_t bytes = ((want * sizeof(double) + 63) / 64) * 64;
      p = static_cast<double*>(std::aligned_alloc(64, bytes));
      have = want;
    }
    return p;
  }
};
thread_local Scratch scratch;

struct Problem {
  const Kernel* K;
  bool transA, transB, lower;
  int64_t m, n, k;
  double alpha, beta;
  const double* a;
  int64_t lda;
  const double* b;
  int64_t ldb;
  double* c;
  int64_t ldc;
  int64_t tm, tn, tilesN;  // task tiles of C: tm rows × tn columns, tilesN tiles per row of tiles
};

// One task: the C tile [i0, i1) × [j0, j1), β-scaling then the Goto loops.
void runTile(const Problem& P, int64_t i0, int64_t i1, int64_t j0, int64_t j1) {
  const Kernel& K = *P.K;
  if (P.lower && i1 - 1 < j0) return;  // wholly above the diagonal
  for (int64_t i = i0; i < i1; i++) {
    double* ci = P.c + i * P.ldc;
    const int64_t je = P.lower ? std::min(j1, i + 1) : j1;
    if (P.beta == 0.0) {
      for (int64_t j = j0; j < je; j++) ci[j] = 0.0;
    } else if (P.beta != 1.0) {
      for (int64_t j = j0; j < je; j++) ci[j] *= P.beta;
    }
  }
  if (P.alpha == 0.0 || P.k == 0) return;
  const int64_t mcMax = std::min<int64_t>(K.mc, ((i1 - i0 + K.mr - 1) / K.mr) * K.mr);
  const int64_t ncMax = std::min<int64_t>(K.nc, ((j1 - j0 + K.nr - 1) / K.nr) * K.nr);
  const int64_t kcMax = std::min<int64_t>(K.kc, P.k);
  double* pa = Scratch::grow(scratch.a, scratch.na, static_cast<size_t>(mcMax * kcMax));
  double* pb = Scratch::grow(scratch.b, scratch.nb, static_cast<size_t>(ncMax * kcMax));
  for (int64_t jc = j0; jc < j1; jc += K.nc) {
    const int64_t nc = std::min(K.nc, j1 - jc);
    for (int64_t pc = 0; pc < P.k; pc += K.kc) {
      const int64_t kc = std::min(K.kc, P.k - pc);
      bool packedB = false;
      for (int64_t ic = i0; ic < i1; ic += K.mc) {
        const int64_t mc = std::min(K.mc, i1 - ic);
        if (P.lower && ic + mc - 1 < jc) continue;
        if (!packedB) {
          packB(K, P.transB, P.b, P.ldb, pc, jc, kc, nc, pb);
          packedB = true;
        }
        packA(K, P.transA, P.a, P.lda, ic, pc, mc, kc, pa);
        for (int64_t jr = 0; jr < nc; jr += K.nr) {
          const int nr = static_cast<int>(std::min<int64_t>(K.nr, nc - jr));
          const double* pbr = pb + jr * kc;
          for (int64_t ir = 0; ir < mc; ir += K.mr) {
            const int mr = static_cast<int>(std::min<int64_t>(K.mr, mc - ir));
            const int64_t row0 = ic + ir, col0 = jc + jr;
            int64_t diag = kNoDiag;
            if (P.lower) {
              diag = row0 - col0;
              if (diag + mr - 1 < 0) continue;  // micro-tile wholly above the diagonal
            }
            K.ukr(kc, pa + ir * kc, pbr, P.alpha, P.c + row0 * P.ldc + col0, P.ldc, mr, nr, diag);
          }
        }
      }
    }
  }
}

void tileTask(void* ctx, int64_t t) {
  const Problem& P = *static_cast<const Problem*>(ctx);
  const int64_t ti = t / P.tilesN, tj = t % P.tilesN;
  const int64_t i0 = ti * P.tm, j0 = tj * P.tn;
  runTile(P, i0, std::min(P.m, i0 + P.tm), j0, std::min(P.n, j0 + P.tn));
}

int64_t roundUp(int64_t x, int64_t q) { return ((x + q - 1) / q) * q; }

void run(bool lower, bool transA, bool transB, int64_t m, int64_t n, int64_t k, double alpha, const double* a,
         int64_t lda, const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads) {
  if (m <= 0 || n <= 0) return;
  Problem P{&activeKernel(), transA, transB, lower, m, n, k, alpha, beta, a, lda, b, ldb, c, ldc, m, n, 1};
  const Kernel& K = *P.K;
  // Task tiles depend on the problem only (never on `threads`); small products are one task. Each entry's
  // value does not depend on the tiling anyway (see gemm.h).
  const double flops = 2.0 * static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k);
  if (flops >= 4.0e6) {
    if (lower) {
      const int64_t t = std::max<int64_t>(384, roundUp((n + 5) / 6, K.nr));
      P.tm = t;
      P.tn = t;
    } else {
      P.tn = std::max<int64_t>(256, roundUp((n + 3) / 4, K.nr));
      P.tm = std::max<int64_t>(K.mc, roundUp((m + 1) / 2, K.mr));
      if (k <= 256) P.tm = std::max<int64_t>(K.mr * 8, roundUp((m + 7) / 8, K.mr));
    }
    P.tilesN = (n + P.tn - 1) / P.tn;
  }
  const int64_t tiles = ((m + P.tm - 1) / P.tm) * P.tilesN;
  parallelFor(tiles, threads, tileTask, &P);
}

// ---------------------------------------------------------------- thread pool (passive waiting)
thread_local bool inJob = false;  // this thread runs tasks of a pool job (nested parallelFor runs serially)

class Pool {
 public:
  void runJob(int64_t tasks, int threads, void (*fn)(void*, int64_t), void* ctx) {
    const int64_t nw64 = std::min<int64_t>(threads - 1, tasks - 1);
    std::unique_lock<std::mutex> busy(busy_, std::defer_lock);
    // Nested calls (from inside a task) and calls while another thread holds the pool run serially.
    if (nw64 <= 0 || inJob || !busy.try_lock()) {
      for (int64_t t = 0; t < tasks; t++) fn(ctx, t);
      return;
    }
    inJob = true;
    const int nw = static_cast<int>(nw64);
    {
      std::lock_guard<std::mutex> g(m_);
      while (static_cast<int>(workers_.size()) < nw) {
        const int idx = static_cast<int>(workers_.size());
        workers_.emplace_back([this, idx] { loop(idx); });
      }
      fn_ = fn;
      ctx_ = ctx;
      tasks_ = tasks;
      next_.store(0);
      participants_ = nw;
      pending_ = nw;
      gen_++;
    }
    wake_.notify_all();
    drain(fn, ctx, tasks);
    std::unique_lock<std::mutex> g(m_);
    done_.wait(g, [this] { return pending_ == 0; });
    inJob = false;
  }

 private:
  void drain(void (*fn)(void*, int64_t), void* ctx, int64_t tasks) {
    for (;;) {
      const int64_t t = next_.fetch_add(1);
      if (t >= tasks) return;
      fn(ctx, t);
    }
  }
  void loop(int idx) {
    inJob = true;
    uint64_t seen = 0;
    for (;;) {
      void (*fn)(void*, int64_t);
      void* ctx;
      int64_t tasks;
      {
        std::unique_lock<std::mutex> g(m_);
        wake_.wait(g, [&] { return gen_ != seen; });
        seen = gen_;
        if (idx >= participants_) continue;
        fn = fn_;
        ctx = ctx_;
        tasks = tasks_;
      }
      drain(fn, ctx, tasks);
      std::lock_guard<std::mutex> g(m_);
      if (--pending_ == 0) done_.notify_one();
    }
  }
  std::mutex busy_, m_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  void (*fn_)(void*, int64_t) = nullptr;
  void* ctx_ = nullptr;
  int64_t tasks_ = 0;
  std::atomic<int64_t> next_{0};
  int participants_ = 0, pending_ = 0;
  uint64_t gen_ = 0;
};

// Never destroyed: workers block on a condition variable and end with the process.
Pool& pool() {
  static Pool* p = new Pool();
  return *p;
}

}  // namespace

void parallelFor(int64_t tasks, int threads, void (*fn)(void* ctx, int64_t task), void* ctx) {
  pool().runJob(tasks, threads, fn, ctx);
}

Isa gemmIsa() { return activeKernel().isa; }


void dgemm(bool transA, bool transB, int64_t m, int64_t n, int64_t k, double alpha, const double* a,
           int64_t lda, const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads) {
  run(false, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);
}

void dgemmLower(bool transA, bool transB, int64_t n, int64_t k, double alpha, const double* a, int64_t lda,
                const double* b, int64_t ldb, double beta, double* c, int64_t ldc, int threads) {
  run(true, transA, transB, n, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);
}

}  // namespace ntk
