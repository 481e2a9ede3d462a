#include "nn_kernels.h"

#include <cstdint>
#include <cstring>

#include "cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define NTK_NN_X86 1
#endif

namespace ntk {

namespace {

// keep ? x : +0, without a branch (the signs of z are random: a branch would be mispredicted half the time).
inline double keepIf(bool keep, double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  bits &= -static_cast<std::uint64_t>(keep);
  std::memcpy(&x, &bits, sizeof bits);
  return x;
}

// JavaScript's Math.max(t, 0): t for t > 0 and for NaN, +0 for t ≤ 0 (including −0).
inline double positivePart(double t) { return keepIf(!(t <= 0), t); }

// One row's sums depend on the latency of two add chains, so rows are processed kRows at a time (kRows
// independent pairs of chains); each row is still summed alone and in index order.
constexpr std::size_t kRows = 8;

template <bool kSquare>
inline double term(double v, double ar) {
  // JavaScript: a_r·(v > 0 ? v² : 0) (a signed zero when v ≤ 0) and (v > 0 ? a_r·v : 0).
  if (kSquare) return ar * keepIf(v > 0, v * v);
  return keepIf(v > 0, ar * v);
}

// Row i, terms r in [r0, m), added to pos/neg in index order.
template <bool kSquare>
inline void rowTail(const double* zi, std::size_t r0, std::size_t m, const double* a, double& pos, double& neg) {
  for (std::size_t r = r0; r < m; r++) {
    const double t = term<kSquare>(zi[r], a[r]);
    const double tp = positivePart(t);
    pos += tp;
    neg += t - tp;
  }
}

template <bool kSquare>
void forwardGeneric(const double* z, std::size_t n, std::size_t m, const double* a, double s, double* out) {
  std::size_t i = 0;
  for (; i + kRows <= n; i += kRows) {
    double pos[kRows] = {};
    double neg[kRows] = {};
    const double* zi = z + i * m;
    for (std::size_t r = 0; r < m; r++) {
      const double ar = a[r];
      for (std::size_t k = 0; k < kRows; k++) {
        const double t = term<kSquare>(zi[k * m + r], ar);
        const double tp = positivePart(t);
        pos[k] += tp;
        neg[k] += t - tp;
      }
    }
    for (std::size_t k = 0; k < kRows; k++) out[i + k] = s * (pos[k] + neg[k]);
  }
  for (; i < n; i++) {
    double pos = 0;
    double neg = 0;
    rowTail<kSquare>(z + i * m, 0, m, a, pos, neg);
    out[i] = s * (pos + neg);
  }
}

template <bool kSquare>
void backwardGeneric(double* z, std::size_t n, std::size_t m, const double* a, double s, const double* u) {
  for (std::size_t i = 0; i < n; i++) {
    double* zi = z + i * m;
    const double ui = s * u[i];
    if (kSquare) {
      const double c = 2 * ui;
      for (std::size_t r = 0; r < m; r++) zi[r] = keepIf(zi[r] > 0, c * a[r] * zi[r]);
    } else {
      for (std::size_t r = 0; r < m; r++) zi[r] = keepIf(zi[r] > 0, ui * a[r]);
    }
  }
}

#ifdef NTK_NN_X86
// AVX-512: 8 rows at a time, one row per lane. An 8×8 tile of z is transposed in registers so that vector j
// holds column r + j of the 8 rows; the columns are then added in index order, so every row is summed
// exactly as in the scalar loop (masked multiplies give the same +0 as the JavaScript conditionals).
template <bool kSquare>
__attribute__((target("avx512f"))) void forwardAvx512(const double* z, std::size_t n, std::size_t m,
                                                      const double* a, double s, double* out) {
  const __m512d zero = _mm512_setzero_pd();
  const std::size_t m8 = m & ~static_cast<std::size_t>(7);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const double* zi = z + i * m;
    __m512d pos = zero;
    __m512d neg = zero;
    for (std::size_t r = 0; r < m8; r += 8) {
      const __m512d r0 = _mm512_loadu_pd(zi + r);
      const __m512d r1 = _mm512_loadu_pd(zi + m + r);
      const __m512d r2 = _mm512_loadu_pd(zi + 2 * m + r);
      const __m512d r3 = _mm512_loadu_pd(zi + 3 * m + r);
      const __m512d r4 = _mm512_loadu_pd(zi + 4 * m + r);
      const __m512d r5 = _mm512_loadu_pd(zi + 5 * m + r);
      const __m512d r6 = _mm512_loadu_pd(zi + 6 * m + r);
      const __m512d r7 = _mm512_loadu_pd(zi + 7 * m + r);
      const __m512d t0 = _mm512_unpacklo_pd(r0, r1);
      const __m512d t1 = _mm512_unpackhi_pd(r0, r1);
      const __m512d t2 = _mm512_unpacklo_pd(r2, r3);
      const __m512d t3 = _mm512_unpackhi_pd(r2, r3);
      const __m512d t4 = _mm512_unpacklo_pd(r4, r5);
      const __m512d t5 = _mm512_unpackhi_pd(r4, r5);
      const __m512d t6 = _mm512_unpacklo_pd(r6, r7);
      const __m512d t7 = _mm512_unpackhi_pd(r6, r7);
      const __m512d u0 = _mm512_shuffle_f64x2(t0, t2, 0x88);
      const __m512d u1 = _mm512_shuffle_f64x2(t1, t3, 0x88);
      const __m512d u2 = _mm512_shuffle_f64x2(t0, t2, 0xdd);
      const __m512d u3 = _mm512_shuffle_f64x2(t1, t3, 0xdd);
      const __m512d u4 = _mm512_shuffle_f64x2(t4, t6, 0x88);
      const __m512d u5 = _mm512_shuffle_f64x2(t5, t7, 0x88);
      const __m512d u6 = _mm512_shuffle_f64x2(t4, t6, 0xdd);
      const __m512d u7 = _mm512_shuffle_f64x2(t5, t7, 0xdd);
      const __m512d col[8] = {
          _mm512_shuffle_f64x2(u0, u4, 0x88), _mm512_shuffle_f64x2(u1, u5, 0x88),
          _mm512_shuffle_f64x2(u2, u6, 0x88), _mm512_shuffle_f64x2(u3, u7, 0x88),
          _mm512_shuffle_f64x2(u0, u4, 0xdd), _mm512_shuffle_f64x2(u1, u5, 0xdd),
          _mm512_shuffle_f64x2(u2, u6, 0xdd), _mm512_shuffle_f64x2(u3, u7, 0xdd),
      };
      for (int j = 0; j < 8; j++) {
        const __m512d v = col[j];
        const __m512d ar = _mm512_set1_pd(a[r + j]);
        const __mmask8 on = _mm512_cmp_pd_mask(v, zero, _CMP_GT_OQ);
        const __m512d t =
            kSquare ? _mm512_mul_pd(ar, _mm512_maskz_mul_pd(on, v, v)) : _mm512_maskz_mul_pd(on, ar, v);
        const __m512d tp = _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(t, zero, _CMP_NLE_UQ), t);
        pos = _mm512_add_pd(pos, tp);
        neg = _mm512_add_pd(neg, _mm512_sub_pd(t, tp));
      }
    }
    double p[8];
    double q[8];
    _mm512_storeu_pd(p, pos);
    _mm512_storeu_pd(q, neg);
    for (int k = 0; k < 8; k++) {
      rowTail<kSquare>(zi + k * m, m8, m, a, p[k], q[k]);
      out[i + k] = s * (p[k] + q[k]);
    }
  }
  forwardGeneric<kSquare>(z + i * m, n - i, m, a, s, out + i);
}

template <bool kSquare>
__attribute__((target("avx512f"))) void backwardAvx512(double* z, std::size_t n, std::size_t m,
                                                       const double* a, double s, const double* u) {
  const __m512d zero = _mm512_setzero_pd();
  const std::size_t m8 = m & ~static_cast<std::size_t>(7);
  for (std::size_t i = 0; i < n; i++) {
    double* zi = z + i * m;
    const double ui = s * u[i];
    const double c = kSquare ? 2 * ui : ui;
    const __m512d cv = _mm512_set1_pd(c);
    for (std::size_t r = 0; r < m8; r += 8) {
      const __m512d v = _mm512_loadu_pd(zi + r);
      const __mmask8 on = _mm512_cmp_pd_mask(v, zero, _CMP_GT_OQ);
      __m512d g = _mm512_mul_pd(cv, _mm512_loadu_pd(a + r));
      if (kSquare) g = _mm512_mul_pd(g, v);
      _mm512_storeu_pd(zi + r, _mm512_maskz_mov_pd(on, g));
    }
    for (std::size_t r = m8; r < m; r++)
      zi[r] = keepIf(zi[r] > 0, kSquare ? c * a[r] * zi[r] : c * a[r]);
  }
}
#endif

bool useAvx512() {
#ifdef NTK_NN_X86
  static const bool yes = detectIsa() == Isa::Avx512;
  return yes;
#else
  return false;
#endif
}

}  // namespace

void nnActForward(const double* z, std::size_t n, std::size_t m, const double* a, double s, bool square,
                  double* out) {
#ifdef NTK_NN_X86
  if (useAvx512()) {
    if (square)
      forwardAvx512<true>(z, n, m, a, s, out);
    else
      forwardAvx512<false>(z, n, m, a, s, out);
    return;
  }
#endif
  if (square)
    forwardGeneric<true>(z, n, m, a, s, out);
  else
    forwardGeneric<false>(z, n, m, a, s, out);
}

void nnActBackward(double* z, std::size_t n, std::size_t m, const double* a, double s, const double* u,
                   bool square) {
#ifdef NTK_NN_X86
  if (useAvx512()) {
    if (square)
      backwardAvx512<true>(z, n, m, a, s, u);
    else
      backwardAvx512<false>(z, n, m, a, s, u);
    return;
  }
#endif
  if (square)
    backwardGeneric<true>(z, n, m, a, s, u);
  else
    backwardGeneric<false>(z, n, m, a, s, u);
}

}  // namespace ntk
