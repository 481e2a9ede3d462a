// N-API wrappers of the native BLAS/LAPACK kernels (gemm.h, lapack.h). Synchronous, unchecked: the
// TypeScript side (src/backend/native/) validates. Matrices are Float64Arrays (plain or shared memory) with
// element offsets; nothing is copied.
#include "gemm_napi.h"

#include "cpu.h"
#include "gemm.h"
#include "lapack.h"
#include "napi_args.h"

namespace {

using ntk::NapiArgs;

int threadsArg(const NapiArgs& a, size_t i) {
  const int64_t t = i < a.count() ? a.i64(i) : 1;
  return t < 1 ? 1 : (t > 256 ? 256 : static_cast<int>(t));
}

// dgemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc, threads)
napi_value Dgemm(napi_env env, napi_callback_info info) {
  const NapiArgs a(env, info);
  ntk::dgemm(a.flag(0), a.flag(1), a.i64(2), a.i64(3), a.i64(4), a.num(5), a.f64(6) + a.i64(7), a.i64(8),
             a.f64(9) + a.i64(10), a.i64(11), a.num(12), a.f64(13) + a.i64(14), a.i64(15), threadsArg(a, 16));
  return nullptr;
}

// dsyrk(n, k, alpha, a, offA, lda, beta, c, offC, ldc, threads)
napi_value Dsyrk(napi_env env, napi_callback_info info) {
  const NapiArgs a(env, info);
  ntk::dsyrk(a.i64(0), a.i64(1), a.num(2), a.f64(3) + a.i64(4), a.i64(5), a.num(6), a.f64(7) + a.i64(8),
             a.i64(9), threadsArg(a, 10));
  return nullptr;
}

// dpotrf(n, a, off, lda, nb, threads, out: Float64Array(2)) → out = [info, minPivot]
napi_value Dpotrf(napi_env env, napi_callback_info info) {
  const NapiArgs a(env, info);
  const ntk::PotrfInfo r = ntk::dpotrf(a.i64(0), a.f64(1) + a.i64(2), a.i64(3), a.i64(4), threadsArg(a, 5));
  double* out = a.f64(6);
  out[0] = static_cast<double>(r.info);
  out[1] = r.minPivot;
  return nullptr;
}

// dtrsm(trans, n, k, l, offL, ldl, b, offB, ldb, threads)
napi_value Dtrsm(napi_env env, napi_callback_info info) {
  const NapiArgs a(env, info);
  ntk::dtrsm(a.flag(0), a.i64(1), a.i64(2), a.f64(3) + a.i64(4), a.i64(5), a.f64(6) + a.i64(7), a.i64(8),
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
