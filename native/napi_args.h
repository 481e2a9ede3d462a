// The arguments of a synchronous N-API call, read by position. Unchecked: the TypeScript side validates
// every argument once at the public boundary, so here only their kinds are read (a wrong kind reads as 0 /
// false / null). Float64Arrays (plain or shared memory) are used in place, never copied.
#pragma once

#include <node_api.h>

#include <cstddef>
#include <cstdint>

namespace ntk {

class NapiArgs {
 public:
  NapiArgs(napi_env env, napi_callback_info info) : env_(env) {
    napi_get_cb_info(env, info, &n_, v_, nullptr, nullptr);
  }
  // Number of arguments passed (at most kMax are read).
  size_t count() const { return n_; }
  napi_value raw(size_t i) const { return v_[i]; }
  bool flag(size_t i) const {
    bool out = false;
    napi_get_value_bool(env_, v_[i], &out);
    return out;
  }
  int64_t i64(size_t i) const {
    int64_t out = 0;
    napi_get_value_int64(env_, v_[i], &out);
    return out;
  }
  double num(size_t i) const {
    double out = 0;
    napi_get_value_double(env_, v_[i], &out);
    return out;
  }
  // Data of the Float64Array argument i; its length in elements into *len when given.
  double* f64(size_t i, size_t* len = nullptr) const {
    napi_typedarray_type type;
    size_t length = 0;
    void* data = nullptr;
    napi_get_typedarray_info(env_, v_[i], &type, &length, &data, nullptr, nullptr);
    if (len != nullptr) *len = length;
    return static_cast<double*>(data);
  }

 private:
  static constexpr size_t kMax = 24;
  napi_env env_;
  napi_value v_[kMax];
  size_t n_ = kMax;
};

}  // namespace ntk
