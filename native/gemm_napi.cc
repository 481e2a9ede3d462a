// N-API wrappers of the native BLAS/LAPACK kernels (gemm.h, lapack.h). Synchronous, unchecked: the
// TypeScript side (src/backend/native/) validates. Matrices are Float64Arrays (plain or shared memory) with
// element offsets; nothing is copied.
#include "gemm_napi.h"

#include "cpu.h"
#include "gemm.h"
#include "lapack.h"

namespace {

constexpr size_t kMaxArgs = 20;

struct Args {
  napi_env env;
  napi_value v[kMaxArgs];
  size_t n = kMaxArgs;
  Args(napi_env e, napi_callback_info info) : env(e) { napi_get_cb_info(e, info, &n, v, nullptr, nullptr); }
  bool flag(size_t i) const {
    bool out = false;
    napi_get_value_bool(env, v[i], &out);
    return out;
  }
  int64_t i64(size_t i) const {
    int64_t out = 0;
    napi_get_value_int64(env, v[i], &out);
    return out;
  }
  double f64(size_t i) const {
    double out = 0;
    napi_get_value_double(env, v[i], &out);
    return out;
  }
  double* data(size_t i) const {
    void* p = nullptr;
    size_t len = 0;
    napi_typedarray_type type;
    napi_get_typedarray_info(env, v[i], &type, &len, &p, nullptr, nullptr);
    return static_cast<double*>(p);
  }
};

int threadsArg(const Args& a, size_t i) {
  const int64_t t = i < a.n ? a.i64(i) : 1;
  return t < 1 ? 1 : (t > 256 ? 256 : static_cast<int>(t));
}

// dgemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc, threads)
napi_value Dgemm(napi_env env, napi_callback_info info) {
  Args a(env, info);
  ntk::dgemm(a.flag(0), a.flag(1), a.i64(2), a.i64(3), a.i64(4), a.f64(5), a.data(6) + a.i64(7), a.i64(8),
             a.data(9) + a.i64(10), a.i64(11), a.f64(12), a.data(13) + a.i64(14), a.i64(15), threadsArg(a, 16));
  return nullptr;
}

// dsyrk(n, k, alpha, a, offA, lda, beta, c, offC, ldc, threads)
napi_value Dsyrk(napi_env env, napi_callback_info info) {
  Args a(env, info);
  ntk::dsyrk(a.i64(0), a.i64(1), a.f64(2), a.data(3) + a.i64(4), a.i64(5), a.f64(6), a.data(7) + a.i64(8),
             a.i64(9), threadsArg(a, 10));
  return nullptr;
}

// dpotrf(n, a, off, lda, nb, threads, out: Float64Array(2)) → out = [info, minPivot]
napi_value Dpotrf(napi_env env, napi_callback_info info) {
  Args a(env, info);
  const ntk::PotrfInfo r = ntk::dpotrf(a.i64(0), a.data(1) + a.i64(2), a.i64(3), a.i64(4), threadsArg(a, 5));
  double* out = a.data(6);
  out[0] = static_cast<double>(r.info);
  out[1] = r.minPivot;
  return nullptr;
}

// dtrsm(trans, n, k, l, offL, ldl, b, offB, ldb, threads)
napi_value Dtrsm(napi_env env, napi_callback_info info) {
  Args a(env, info);
  ntk::dtrsm(a.flag(0), a.i64(1), a.i64(2), a.data(3) + a.i64(4), a.i64(5), a.data(6) + a.i64(7), a.i64(8),
             threadsArg(a, 9));
  return nullptr;
}

// gemmIsa() → the ISA the GEMM uses.
napi_value GemmIsa(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_string_utf8(env, ntk::isaName(ntk::gemmIsa()), NAPI_AUTO_LENGTH, &out);
  return out;
}

}  // namespace

namespace ntk {

void registerGemm(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"dgemm", nullptr, Dgemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dsyrk", nullptr, Dsyrk, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dpotrf", nullptr, Dpotrf, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dtrsm", nullptr, Dtrsm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gemmIsa", nullptr, GemmIsa, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
}

}  // namespace ntk
