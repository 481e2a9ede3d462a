// N-API wrappers of the two-layer network's fused kernels (native/nn_kernels.h), registered on the addon's
// exports by ntk::registerNnKernels (called from addon.cc). Like every export: synchronous, no validation (the
// TypeScript side checks shapes once), in place on the caller's Float64Array memory.
#include <node_api.h>

#include <cstddef>

#include "nn_kernels.h"

namespace {

double* F64(napi_env env, napi_value v) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  napi_value buffer;
  size_t offset;
  napi_get_typedarray_info(env, v, &type, &length, &data, &buffer, &offset);
  return static_cast<double*>(data);
}

double Num(napi_env env, napi_value v) {
  double x = 0;
  napi_get_value_double(env, v, &x);
  return x;
}

bool Bool(napi_env env, napi_value v) {
  bool b = false;
  napi_get_value_bool(env, v, &b);
  return b;
}

// nnActForward(z, n, m, a, s, square, out)
napi_value ActForward(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  ntk::nnActForward(F64(env, argv[0]), static_cast<std::size_t>(Num(env, argv[1])),
                    static_cast<std::size_t>(Num(env, argv[2])), F64(env, argv[3]), Num(env, argv[4]),
                    Bool(env, argv[5]), F64(env, argv[6]));
  return nullptr;
}

// nnActBackward(z, n, m, a, s, u, square)
napi_value ActBackward(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  ntk::nnActBackward(F64(env, argv[0]), static_cast<std::size_t>(Num(env, argv[1])),
                     static_cast<std::size_t>(Num(env, argv[2])), F64(env, argv[3]), Num(env, argv[4]),
                     F64(env, argv[5]), Bool(env, argv[6]));
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
