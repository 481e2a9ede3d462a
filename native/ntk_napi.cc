// N-API wrappers of native/ntk_kernels.h (registered by native/addon.cc through registerNtkKernels).
// Arguments are validated on the TypeScript side (src/kernels/nativeRecursion.ts); here only their kinds are
// read. Every function is synchronous and writes into the caller's Float64Arrays in place.
#include <node_api.h>

#include <cstdint>

#include "napi_args.h"
#include "ntk_kernels.h"

namespace {

using ntk::NapiArgs;

// fcReluRows(params[7], a: snorm, expo, scaled, sIn, sOut, qOut, ntkDiag, b: snorm, expo, scaled, sIn, sOut,
//   g, gOff, ldg, i0, i1, flags (1 symmetric | 2 lowerOnly), outN, outT, outOff, ldOut)
napi_value FcReluRows(napi_env env, napi_callback_info info) {
  const NapiArgs x(env, info);
  const double* prm = x.f64(0);
  ntk::FcPlan plan{static_cast<int>(prm[0]), prm[1], prm[2], prm[3] != 0, prm[4], prm[5], static_cast<int>(prm[6])};
  size_t na = 0;
  size_t nb = 0;
  ntk::FcSide a{0, x.f64(1, &na), x.f64(2), x.f64(3), x.f64(4), x.f64(5), x.f64(6), x.f64(7)};
  a.n = static_cast<int>(na);
  ntk::FcSide b{0, x.f64(8, &nb), x.f64(9), x.f64(10), x.f64(11), x.f64(12), nullptr, nullptr};
  b.n = static_cast<int>(nb);
  const double* g = x.f64(13) + static_cast<int64_t>(x.num(14));
  const int flags = static_cast<int>(x.num(18));
  double* outN = x.f64(19) + static_cast<int64_t>(x.num(21));
  double* outT = x.f64(20) + static_cast<int64_t>(x.num(21));
  ntk::fcReluRows(plan, a, b, g, static_cast<int64_t>(x.num(15)), static_cast<int>(x.num(16)),
                  static_cast<int>(x.num(17)), (flags & 1) != 0, (flags & 2) != 0, outN, outT,
                  static_cast<int64_t>(x.num(22)));
  return nullptr;
}

// twoLayerRows(flags (1 quad | 2 both | 4 symmetric), d, a: norm, sq, snorm, expo, scaled,
//   b: norm, snorm, expo, scaled, g, gOff, ldg, i0, i1, outN, outT, outOff, ldOut)
napi_value TwoLayerRows(napi_env env, napi_callback_info info) {
  const NapiArgs x(env, info);
  const int flags = static_cast<int>(x.num(0));
  const int d = static_cast<int>(x.num(1));
  size_t na = 0;
  size_t nb = 0;
  ntk::AngSide a{0, x.f64(2, &na), x.f64(3), x.f64(4), x.f64(5), x.f64(6)};
  a.n = static_cast<int>(na);
  ntk::AngSide b{0, x.f64(7, &nb), nullptr, x.f64(8), x.f64(9), x.f64(10)};
  b.n = static_cast<int>(nb);
  const double* g = x.f64(11) + static_cast<int64_t>(x.num(12));
  double* outN = x.f64(16) + static_cast<int64_t>(x.num(18));
  double* outT = x.f64(17) + static_cast<int64_t>(x.num(18));
  ntk::twoLayerRows((flags & 1) != 0, (flags & 2) != 0, d, a, b, g, static_cast<int64_t>(x.num(13)),
                    static_cast<int>(x.num(14)), static_cast<int>(x.num(15)), (flags & 4) != 0, outN, outT,
                    static_cast<int64_t>(x.num(19)));
  return nullptr;
}

// recursionVariant(name?: string): selects the code path ("" = automatic) and returns the one in use.
napi_value RecursionVariantFn(napi_env env, napi_callback_info info) {
  const NapiArgs x(env, info);
  const char* used;
  napi_valuetype type = napi_undefined;
  if (x.count() > 0) napi_typeof(env, x.raw(0), &type);
  if (type == napi_string) {
    char buf[32] = {0};
    size_t len = 0;
    napi_get_value_string_utf8(env, x.raw(0), buf, sizeof buf, &len);
    used = ntk::setRecursionVariant(buf);
  } else {
    used = ntk::setRecursionVariant(nullptr);
  }
  napi_value out;
  napi_create_string_utf8(env, used, NAPI_AUTO_LENGTH, &out);
  return out;
}

// mirrorLower(k: Float64Array, n)
napi_value MirrorLower(napi_env env, napi_callback_info info) {
  const NapiArgs x(env, info);
  ntk::mirrorLower(x.f64(0), static_cast<int64_t>(x.num(1)));
  return nullptr;
}

}  // namespace

namespace ntk {

void registerNtkKernels(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"fcReluRows", nullptr, FcReluRows, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"twoLayerRows", nullptr, TwoLayerRows, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mirrorLower", nullptr, MirrorLower, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"recursionVariant", nullptr, RecursionVariantFn, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
}

}  // namespace ntk
