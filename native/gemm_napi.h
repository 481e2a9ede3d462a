// Registration of the native BLAS/LAPACK functions on the addon's exports (called from addon.cc's Init).
#pragma once

#include <node_api.h>

namespace ntk {

void registerGemm(napi_env env, napi_value exports);

}  // namespace ntk
