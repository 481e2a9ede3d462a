// Run-time CPU dispatch: which instruction set the kernels of this build may use on this processor.
#pragma once

namespace ntk {

enum class Isa { Generic = 0, Avx2 = 1, Avx512 = 2 };

// Best instruction set both compiled in and supported by the running CPU (AVX-512F, else AVX2 + FMA, else
// generic C++). NTK_NATIVE_ISA=generic|avx2|avx512 caps it (for the conformance tests).
Isa detectIsa();

const char* isaName(Isa isa);

}  // namespace ntk
