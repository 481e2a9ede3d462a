#include "ntk_kernels.h"

#include <cmath>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <vector>

#include "cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define NTK_X86 1
#endif

namespace ntk {
namespace {

constexpr double PI = 3.141592653589793;
constexpr double TWO_PI = 2 * PI;

// fdlibm s_atan.c constants (V8 src/base/ieee754.cc).
constexpr double ATANHI[4] = {4.63647609000806093515e-01, 7.85398163397448278999e-01,
                              9.82793723247329054082e-01, 1.57079632679489655800e+00};
constexpr double ATANLO[4] = {2.26987774529616870924e-17, 3.06161699786838301793e-17,
                              1.39033110312309984516e-17, 6.12323399573676603587e-17};
constexpr double AT[11] = {3.33333333333329318027e-01,  -1.99999999998764832476e-01, 1.42857142725034663711e-01,
                           -1.11111104054623557880e-01, 9.09088713343650656196e-02,  -7.69187620504482999495e-02,
                           6.66107313738753120669e-02,  -5.83357013379057348645e-02, 4.97687799461593236017e-02,
                           -3.65315727442169155270e-02, 1.62858201153657823623e-02};

// ---- numerics.ts inputPairState, scalar (the refinement loop runs for near-(anti)parallel pairs only).

constexpr double REFINE_BELOW = 1.0 / 16;
constexpr double EXTREME_EXPONENT = 400;
constexpr double SPLIT = 134217729.0;

inline double productError(double a, double b, double ab) {
  double t = SPLIT * a;
  const double ah = t - (t - a);
  const double al = a - ah;
  t = SPLIT * b;
  const double bh = t - (t - b);
  const double bl = b - bh;
  return al * bl - (((ab - ah * bh) - al * bh) - ah * bl);
}

// numerics.ts ldexp: v·2^k in two exact power-of-two steps.
// 2^k for an integer k in [−1022, 1023] (exact, from the exponent bits).
inline double pow2(int k) {
  const uint64_t bits = static_cast<uint64_t>(k + 1023) << 52;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

// Here |k| ≤ 2·EXTREME_EXPONENT, so both factors are normal numbers.
inline double ldexp2(double v, double k) {
  const double k1 = std::trunc(k / 2);
  return (v * pow2(static_cast<int>(k1))) * pow2(static_cast<int>(k - k1));
}

inline void inputPairState(double g, double n1, double e1, const double* x1, double n2, double e2,
                           const double* x2, int d, double& mOut, double& pOut) {
  if (n1 == 0 || n2 == 0) {
    mOut = 1;
    pOut = 1;
    return;
  }
  double gs;
  if (std::fabs(e1) > EXTREME_EXPONENT || std::fabs(e2) > EXTREME_EXPONENT) {
    gs = 0;
    for (int k = 0; k < d; k++) gs += x1[k] * x2[k];
  } else {
    gs = ldexp2(g, -(e1 + e2));
  }
  const double rho = gs / (n1 * n2);
  double m = 1 - rho;
  double p = 1 + rho;
  if (m < REFINE_BELOW || p < REFINE_BELOW) {
    const bool minus = m < REFINE_BELOW;
    double s = 0;
    for (int k = 0; k < d; k++) {
      const double u = x1[k];
      const double v = x2[k];
      const double pa = u * n2;
      const double pb = v * n1;
      const double ea = productError(u, n2, pa);
      const double eb = productError(v, n1, pb);
      const double t = minus ? (pa - pb) + (ea - eb) : (pa + pb) + (ea + eb);
      s += t * t;
    }
    const double nn = n1 * n2;
    const double v = (0.5 * s) / (nn * nn);
    if (minus)
      m = v;
    else
      p = v;
  }
  mOut = m;
  pOut = p;
}

// numerics.ts denseAngleScale: 1 inside [2^−256, 2^256] (and for 0 or non-finite r), else 2^(−trunc(e/2))
// with e = ⌊log₂ r⌋ (ilogb is exact, subnormals included).
inline double denseAngleScale(double r) {
  if ((r <= 0x1p256 && r >= 0x1p-256) || !(r < HUGE_VAL) || r == 0) return 1;
  return pow2(-(std::ilogb(r) / 2));
}

// ---- the vector bodies, one namespace per instruction set

namespace generic {
using VD = double;
using VM = bool;
constexpr int W = 1;
#include "ntk_scalar_ops.inc"
#include "ntk_kernels_body.inc"
}  // namespace generic

// The negative control of the conformance tests (NTK_NATIVE_ATAN=libm): the generic path with the C
// library's atan in place of fdlibm's, which is accurate but not bit-identical to V8's Math.atan2.
namespace libmAtan {
using VD = double;
using VM = bool;
constexpr int W = 1;
#include "ntk_scalar_ops.inc"
#define NTK_LIBM_ATAN
#include "ntk_kernels_body.inc"
#undef NTK_LIBM_ATAN
}  // namespace libmAtan

#ifdef NTK_X86
#pragma GCC push_options
#pragma GCC target("avx2")
namespace avx2 {
typedef double VD __attribute__((vector_size(32)));
typedef long long VM __attribute__((vector_size(32)));
constexpr int W = 4;
inline VD vset(double v) { return VD{v, v, v, v}; }
inline VD vload(const double* p) {
  VD v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void vstore(double* p, VD v) { std::memcpy(p, &v, sizeof v); }
inline VD vsqrt(VD v) { return _mm256_sqrt_pd(v); }
inline VD vsel(VM m, VD a, VD b) { return m ? a : b; }
inline VM vandnot(VM a, VM b) { return ~a & b; }
inline bool vany(VM m) { return _mm256_movemask_pd(reinterpret_cast<__m256d>(m)) != 0; }
inline VD vabs(VD v) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), v); }
inline VM vor(VM a, VM b) { return a | b; }
inline VD vtrunc(VD v) { return _mm256_round_pd(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
// 2^k: k + (2^52 + 1023) holds k + 1023 in its low mantissa bits; shifted into the exponent field.
inline VD vpow2(VD k) {
  const VD biased = k + vset(4503599627370496.0 + 1023.0);
  return reinterpret_cast<VD>(reinterpret_cast<VM>(biased) << 52);
}
inline void vlanes(VM m, bool* out) {
  const int bits = _mm256_movemask_pd(reinterpret_cast<__m256d>(m));
  for (int q = 0; q < W; q++) out[q] = ((bits >> q) & 1) != 0;
}
#include "ntk_kernels_body.inc"
}  // namespace avx2
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f")
namespace avx512 {
typedef double VD __attribute__((vector_size(64)));
typedef long long VM __attribute__((vector_size(64)));
constexpr int W = 8;
inline VD vset(double v) { return VD{v, v, v, v, v, v, v, v}; }
inline VD vload(const double* p) {
  VD v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void vstore(double* p, VD v) { std::memcpy(p, &v, sizeof v); }
inline VD vsqrt(VD v) { return _mm512_sqrt_pd(v); }
inline VD vsel(VM m, VD a, VD b) { return m ? a : b; }
inline VM vandnot(VM a, VM b) { return ~a & b; }
inline bool vany(VM m) { return _mm512_test_epi64_mask(reinterpret_cast<__m512i>(m), reinterpret_cast<__m512i>(m)) != 0; }
inline VD vabs(VD v) { return _mm512_abs_pd(v); }
inline VM vor(VM a, VM b) { return a | b; }
inline VD vtrunc(VD v) { return _mm512_roundscale_pd(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
inline VD vpow2(VD k) {
  const VD biased = k + vset(4503599627370496.0 + 1023.0);
  return reinterpret_cast<VD>(reinterpret_cast<VM>(biased) << 52);
}
inline void vlanes(VM m, bool* out) {
  const int bits = _mm512_test_epi64_mask(reinterpret_cast<__m512i>(m), reinterpret_cast<__m512i>(m));
  for (int q = 0; q < W; q++) out[q] = ((bits >> q) & 1) != 0;
}
#include "ntk_kernels_body.inc"
}  // namespace avx512
#pragma GCC pop_options
#endif

// Per-thread scratch (the addon runs in worker threads too).
struct Scratch {
  std::vector<double> g, m, p, outN, outT, sInT, sOutT, n2, e2, norm2;
  std::vector<int> fix;
};
thread_local Scratch scratch;

inline int64_t padTo(int64_t n, int w) { return (n + w - 1) / w * w; }

using PrepFn = int (*)(const double*, double, double, const double*, const double*, int64_t, double*, double*,
                       int*);
using FcRowFn = void (*)(const FcPlan&, const double*, const double*, const double*, const double*, int64_t,
                         const double*, const double*, const double*, int64_t, double*, double*);
using TwoRowFn = void (*)(bool, bool, const double*, double, const double*, const double*, const double*, int64_t,
                          double*, double*);

struct Dispatch {
  int w;
  PrepFn prep;
  FcRowFn fc;
  TwoRowFn two;
};

// Override of the code path (tests): −1 = detectIsa(), else a RecursionVariant. Per thread: test files
// run concurrently in worker threads of one process, and one file's negative control (libm-atan) must not
// change the bits another file computes at the same time.
thread_local int variantOverride = -1;

RecursionVariant currentVariant() {
  const int v = variantOverride;
  const Isa best = detectIsa();
  if (v < 0) return static_cast<RecursionVariant>(static_cast<int>(best));
  if (v == static_cast<int>(RecursionVariant::LibmAtan)) return RecursionVariant::LibmAtan;
  // Never above what the CPU supports.
  return static_cast<RecursionVariant>(std::min(v, static_cast<int>(best)));
}

Dispatch dispatch() {
  const RecursionVariant v = currentVariant();
  if (v == RecursionVariant::LibmAtan)
    return {libmAtan::W, libmAtan::prepRow, libmAtan::fcRowVec, libmAtan::twoRowVec};
#ifdef NTK_X86
  switch (static_cast<Isa>(static_cast<int>(v))) {
    case Isa::Avx512:
      return {avx512::W, avx512::prepRow, avx512::fcRowVec, avx512::twoRowVec};
    case Isa::Avx2:
      return {avx2::W, avx2::prepRow, avx2::fcRowVec, avx2::twoRowVec};
    default:
      break;
  }
#endif
  return {generic::W, generic::prepRow, generic::fcRowVec, generic::twoRowVec};
}

// Column-side data shared by the rows of one call, padded to a multiple of the vector width (pad columns:
// norm 1, exponent 0, dot product 0, so they take the plain path and are never stored).
void padColumns(Scratch& s, int64_t cols, int64_t ld, const double* snorm, const double* expo) {
  s.g.assign(ld, 0.0);
  s.m.resize(ld);
  s.p.resize(ld);
  s.outN.resize(ld);
  s.outT.resize(ld);
  s.fix.resize(ld);
  s.n2.assign(ld, 1.0);
  s.e2.assign(ld, 0.0);
  std::memcpy(s.n2.data(), snorm, cols * sizeof(double));
  std::memcpy(s.e2.data(), expo, cols * sizeof(double));
}

// Input pair states (m, p) of row i against columns [0, jEnd) into s.m / s.p, from the dot products in s.g.
void pairStates(const Dispatch& dp, Scratch& s, int64_t jEnd, int64_t nPad, double n1, double e1,
                const double* x1, const double* bSnorm, const double* bExpo, const double* bScaled, int d) {
  if (n1 == 0) {
    std::fill(s.m.begin(), s.m.begin() + nPad, 1.0);
    std::fill(s.p.begin(), s.p.begin() + nPad, 1.0);
    return;
  }
  if (std::fabs(e1) > EXTREME_EXPONENT) {
    for (int64_t j = 0; j < jEnd; j++)
      inputPairState(s.g[j], n1, e1, x1, bSnorm[j], bExpo[j], bScaled + j * d, d, s.m[j], s.p[j]);
    for (int64_t j = jEnd; j < nPad; j++) s.m[j] = s.p[j] = 1.0;
    return;
  }
  const int nFix = dp.prep(s.g.data(), n1, e1, s.n2.data(), s.e2.data(), nPad, s.m.data(), s.p.data(), s.fix.data());
  for (int q = 0; q < nFix; q++) {
    const int64_t j = s.fix[q];
    inputPairState(s.g[j], n1, e1, x1, bSnorm[j], bExpo[j], bScaled + j * d, d, s.m[j], s.p[j]);
  }
}

}  // namespace

const char* setRecursionVariant(const char* name) {
  if (name != nullptr) {
    int v = -1;
    if (std::strcmp(name, "generic") == 0) v = static_cast<int>(RecursionVariant::Generic);
    if (std::strcmp(name, "avx2") == 0) v = static_cast<int>(RecursionVariant::Avx2);
    if (std::strcmp(name, "avx512") == 0) v = static_cast<int>(RecursionVariant::Avx512);
    if (std::strcmp(name, "libm-atan") == 0) v = static_cast<int>(RecursionVariant::LibmAtan);
    variantOverride = v;
  }
  switch (currentVariant()) {
    case RecursionVariant::Avx512:
      return "avx512";
    case RecursionVariant::Avx2:
      return "avx2";
    case RecursionVariant::LibmAtan:
      return "libm-atan";
    default:
      return "generic";
  }
}

void fcReluRows(const FcPlan& plan, const FcSide& a, const FcSide& b, const double* g, int64_t ldg, int i0,
                int i1, bool symmetric, bool lowerOnly, double* outN, double* outT, int64_t ldOut) {
  const Dispatch dp = dispatch();
  const int L = plan.depth + 1;
  const int d = plan.d;
  const int64_t n2 = b.n;
  // Columns a row block can touch: [0, i1) when lower-only, else [0, n2).
  const int64_t cols = symmetric && lowerOnly ? i1 : n2;
  const int64_t ld = padTo(cols, dp.w);
  Scratch& s = scratch;
  padColumns(s, cols, ld, b.snorm, b.expo);
  s.sInT.assign(static_cast<size_t>(ld) * L, 1.0);
  s.sOutT.assign(static_cast<size_t>(ld) * L, 1.0);
  for (int64_t j = 0; j < cols; j++) {
    for (int l = 0; l < L; l++) {
      s.sInT[l * ld + j] = b.sIn[j * L + l];
      s.sOutT[l * ld + j] = b.sOut[j * L + l];
    }
  }
  for (int i = i0; i < i1; i++) {
    const int64_t jEnd = symmetric && lowerOnly ? i + 1 : n2;
    const int64_t nPad = padTo(jEnd, dp.w);
    std::memcpy(s.g.data(), g + (i - i0) * ldg, jEnd * sizeof(double));
    std::fill(s.g.begin() + jEnd, s.g.begin() + nPad, 0.0);
    pairStates(dp, s, jEnd, nPad, a.snorm[i], a.expo[i], a.scaled + static_cast<int64_t>(i) * d, b.snorm, b.expo,
               b.scaled, d);
    dp.fc(plan, a.sIn + static_cast<int64_t>(i) * L, a.sOut + static_cast<int64_t>(i) * L, s.sInT.data(),
          s.sOutT.data(), ld, s.m.data(), s.p.data(), s.g.data(), nPad, s.outN.data(), s.outT.data());
    double* on = outN + (i - i0) * ldOut;
    double* ot = outT + (i - i0) * ldOut;
    std::memcpy(on, s.outN.data(), jEnd * sizeof(double));
    std::memcpy(ot, s.outT.data(), jEnd * sizeof(double));
    if (symmetric && i < n2) {
      on[i] = a.qOut[static_cast<int64_t>(i) * L + L - 1];
      ot[i] = a.ntkDiag[i];
    }
  }
}

void twoLayerRows(bool quad, bool both, int d, const AngSide& a, const AngSide& b, const double* g, int64_t ldg,
                  int i0, int i1, bool symmetric, double* outN, double* outT, int64_t ldOut) {
  const Dispatch dp = dispatch();
  const int64_t n2 = b.n;
  const int64_t cols = symmetric ? i1 : n2;
  const int64_t ld = padTo(cols, dp.w);
  Scratch& s = scratch;
  padColumns(s, cols, ld, b.snorm, b.expo);
  s.norm2.assign(ld, 0.0);
  std::memcpy(s.norm2.data(), b.norm, cols * sizeof(double));
  for (int i = i0; i < i1; i++) {
    const int64_t jEnd = symmetric ? i + 1 : n2;
    const int64_t nPad = padTo(jEnd, dp.w);
    std::memcpy(s.g.data(), g + (i - i0) * ldg, jEnd * sizeof(double));
    std::fill(s.g.begin() + jEnd, s.g.begin() + nPad, 0.0);
    pairStates(dp, s, jEnd, nPad, a.snorm[i], a.expo[i], a.scaled + static_cast<int64_t>(i) * d, b.snorm, b.expo,
               b.scaled, d);
    dp.two(quad, both, s.g.data(), a.norm[i], s.norm2.data(), s.m.data(), s.p.data(), nPad, s.outN.data(),
           s.outT.data());
    double* on = outN + (i - i0) * ldOut;
    double* ot = outT + (i - i0) * ldOut;
    std::memcpy(on, s.outN.data(), jEnd * sizeof(double));
    std::memcpy(ot, s.outT.data(), jEnd * sizeof(double));
    if (symmetric) {
      const double sq = a.sq[i];
      const double nngp = quad ? 1.5 * (sq * sq) : sq / 2;
      const double first = quad ? 2 * (sq * sq) : sq / 2;
      on[i] = nngp;
      ot[i] = both ? first + nngp : first;
    }
  }
}

void mirrorLower(double* k, int64_t n) {
  constexpr int64_t T = 32;
  for (int64_t i0 = 0; i0 < n; i0 += T) {
    const int64_t i1 = std::min(n, i0 + T);
    for (int64_t j0 = 0; j0 <= i0; j0 += T) {
      const int64_t j1 = std::min(i1, j0 + T);
      for (int64_t j = j0; j < j1; j++) {
        double* dst = k + j * n;
        for (int64_t i = std::max(i0, j + 1); i < i1; i++) dst[i] = k[i * n + j];
      }
    }
  }
}

}  // namespace ntk
