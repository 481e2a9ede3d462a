// FALKON's fused conjugate-gradient pass over a block of kernel rows, w ← w + K_bᵀ·(K_b·u + v)·invN, each
// row of K_b read once (native twin of src/backend/js/falkonPass.ts, whose module comment fixes the
// summation order). Rows are split into fixed parts of kFalkonPartRows rows (independent of the thread
// count), each part accumulating its own partial from +0 on one thread of the pool (in waves of 16 parts);
// the partials are added to w in part order. Row products are summed in 8 interleaved lanes combined as ((s0+s1)+(s2+s3)) +
// ((s4+s5)+(s6+s7)), then the tail in order; products are rounded before they are added (no FMA,
// -ffp-contract=off). So every instruction set and every thread count give the JavaScript loop's bits.
#pragma once

#include <cstdint>

namespace ntk {

constexpr int64_t kFalkonPartRows = 256;

// kb [rows, M], u [M, k] or null, v [rows, k] or null, w [M, k], all row-major; w is accumulated in place.
// threads ≥ 1: total threads (the calling one included) the call may use. Returns how many parts ran on
// other threads than the calling one (for the tests: the thread invariance is only exercised when > 0).
int64_t falkonPass(int64_t rows, int64_t M, int64_t k, const double* kb, const double* u, const double* v,
                double invN, double* w, int threads);

}  // namespace ntk
