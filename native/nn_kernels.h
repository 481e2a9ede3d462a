// Fused elementwise kernels of the two-layer network f(x) = s·Σ_r a_r σ(z_r), z = X·Wᵀ (src/nn/twoLayerRows.ts):
// the activation and its row reduction in one pass (forward), and the backpropagated signal
// G[i, r] = s·u_i·a_r·σ'(z_ir) in place (backward). ReLU and quadratic ReLU only (their arithmetic is exactly
// IEEE +, ×, comparisons, so with -ffp-contract=off the results are bit-identical to the JavaScript loops).
#pragma once

#include <cstddef>

namespace ntk {

// out[i] = s·(pos_i + neg_i) for rows i < n of z (row stride m), where pos/neg accumulate, in index order r,
// the positive part tp = max(t, 0) and the rest t − tp of t = a_r·σ(z_ir) (σ = relu, or relu² if square).
void nnActForward(const double* z, std::size_t n, std::size_t m, const double* a, double s, bool square,
                  double* out);

// z[i, r] ← z_ir > 0 ? (s·u_i)·a_r (relu) or 2·(s·u_i)·a_r·z_ir (relu²) : 0, for rows i < n.
void nnActBackward(double* z, std::size_t n, std::size_t m, const double* a, double s, const double* u,
                   bool square);

}  // namespace ntk
