// N-API wrapper of FALKON's fused pass (native/falkon_pass.h), registered on the addon's exports by
// ntk::registerFalkonKernels (called from addon.cc). Like every export: synchronous, no validation (the
// TypeScript side checks shapes once), in place on the caller's Float64Array memory.
#include <node_api.h>

#include <cstdint>

#include "falkon_pass.h"
#include "napi_args.h"

namespace {

using ntk::NapiArgs;

// Float64Array argument i, or nullptr for null / undefined.
const double* optionalF64(napi_env env, const NapiArgs& x, size_t i) {
  napi_valuetype type = napi_undefined;
  napi_typeof(env, x.raw(i), &type);
  return type == napi_object ? x.f64(i) : nullptr;
}

// falkonPass(rows, M, k, kb, u | null, v | null, invN, w, threads) → parts run off the calling thread
napi_value FalkonPass(napi_env env, napi_callback_info info) {
  const NapiArgs x(env, info);
  const int64_t t = x.count() > 8 ? x.i64(8) : 1;
  const int threads = t < 1 ? 1 : (t > 256 ? 256 : static_cast<int>(t));
  const int64_t off = ntk::falkonPass(x.i64(0), x.i64(1), x.i64(2), x.f64(3), optionalF64(env, x, 4),
                                      optionalF64(env, x, 5), x.num(6), x.f64(7), threads);
  napi_value out;
  napi_create_int64(env, off, &out);
  return out;
}

}  // namespace

namespace ntk {

void registerFalkonKernels(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"falkonPass", nullptr, FalkonPass, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
}

}  // namespace ntk
