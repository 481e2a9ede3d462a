#include "nn_kernels.h"

#include <cstdint>
#include <cstring>

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

template <bool kSquare>
void actForward(const double* z, std::size_t n, std::size_t m, const double* a, double s, double* out) {
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
    const double* zi = z + i * m;
    double pos = 0;
    double neg = 0;
    for (std::size_t r = 0; r < m; r++) {
      const double t = term<kSquare>(zi[r], a[r]);
      const double tp = positivePart(t);
      pos += tp;
      neg += t - tp;
    }
    out[i] = s * (pos + neg);
  }
}

}  // namespace

void nnActForward(const double* z, std::size_t n, std::size_t m, const double* a, double s, bool square,
                  double* out) {
  if (square)
    actForward<true>(z, n, m, a, s, out);
  else
    actForward<false>(z, n, m, a, s, out);
}

void nnActBackward(double* z, std::size_t n, std::size_t m, const double* a, double s, const double* u,
                   bool square) {
  for (std::size_t i = 0; i < n; i++) {
    double* zi = z + i * m;
    const double ui = s * u[i];
    if (square) {
      for (std::size_t r = 0; r < m; r++) zi[r] = keepIf(zi[r] > 0, 2 * ui * a[r] * zi[r]);
    } else {
      for (std::size_t r = 0; r < m; r++) zi[r] = keepIf(zi[r] > 0, ui * a[r]);
    }
  }
}

}  // namespace ntk
