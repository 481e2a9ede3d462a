#include "cpu.h"

#include <cstdlib>
#include <cstring>

namespace ntk {

static Isa supportedIsa() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return Isa::Avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Isa::Avx2;
#endif
  return Isa::Generic;
}

Isa detectIsa() {
  Isa best = supportedIsa();
  const char* cap = std::getenv("NTK_NATIVE_ISA");
  if (cap == nullptr) return best;
  Isa want = best;
  if (std::strcmp(cap, "generic") == 0) want = Isa::Generic;
  if (std::strcmp(cap, "avx2") == 0) want = Isa::Avx2;
  if (std::strcmp(cap, "avx512") == 0) want = Isa::Avx512;
  return static_cast<int>(want) < static_cast<int>(best) ? want : best;
}

const char* isaName(Isa isa) {
  switch (isa) {
    case Isa::Avx512:
      return "avx512";
    case Isa::Avx2:
      return "avx2";
    default:
      return "generic";
  }
}

}  // namespace ntk
