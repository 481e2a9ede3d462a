// N-API entry point of the optional native backend (see src/backend/native/loader.ts). Every exported
// function is synchronous, validates nothing (the TypeScript side validates once at the public boundary) and
// works on the caller's Float64Array memory in place.
#include <node_api.h>

#include "cpu.h"
#include "gemm_napi.h"

namespace ntk {
void registerNtkKernels(napi_env env, napi_value exports);  // native/ntk_napi.cc
void registerNnKernels(napi_env env, napi_value exports);   // native/nn_napi.cc
void registerFalkonKernels(napi_env env, napi_value exports);  // native/falkon_napi.cc
}  // namespace ntk

namespace {

napi_value Info(napi_env env, napi_callback_info) {
  napi_value out;
  napi_value isa;
  napi_create_object(env, &out);
  napi_create_string_utf8(env, ntk::isaName(ntk::detectIsa()), NAPI_AUTO_LENGTH, &isa);
  napi_set_named_property(env, out, "isa", isa);
  return out;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"info", nullptr, Info, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  ntk::registerGemm(env, exports);
  ntk::registerNtkKernels(env, exports);
  ntk::registerNnKernels(env, exports);
  ntk::registerFalkonKernels(env, exports);
  return exports;
}

}  // namespace

NAPI_MODULE_INIT() { return Init(env, exports); }
