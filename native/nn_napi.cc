// N-API wrappers of the two-layer network's fused kernels (native/nn_kernels.h), registered on the addon's
// exports by ntk::registerNnKernels (called from addon.cc). Like every export: synchronous, no validation (the
// TypeScript side checks shapes once), in place on the caller's Float64Array memory.
#include <node_api.h>

#include <cstddef>

#include "napi_args.h"
#include "nn_kernels.h"

namespace {

using ntk::NapiArgs;

// nnActForward(z, n, m, a, s, square, out)
napi_value ActForward(napi_env env, napi_callback_info info) {
  const NapiArgs x(env, info);
  ntk::nnActForward(x.f64(0), static_cast<std::size_t>(x.num(1)), static_cast<std::size_t>(x.num(2)), x.f64(3),
                    x.num(4), x.flag(5), x.f64(6));
  return nullptr;
}

// nnActBackward(z, n, m, a, s, u, square)
napi_value ActBackward(napi_env env, napi_callback_info info) {
  const NapiArgs x(env, info);
  ntk::nnActBackward(x.f64(0), static_cast<std::size_t>(x.num(1)), static_cast<std::size_t>(x.num(2)), x.f64(3),
                     x.num(4), x.f64(5), x.flag(6));
  return nullptr;
}

}  // namespace

namespace ntk {

void registerNnKernels(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"nnActForward", nullptr, ActForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"nnActBackward", nullptr, ActBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
}

}  // namespace ntk
