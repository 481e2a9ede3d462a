// Native fc-ReLU NTK/NNGP layer recursion and the two-layer (paper) kernel, per row block, on the dot
// products of a GEMM already computed by the caller. Same numerics as src/kernels/fcReluCore.ts,
// numerics.ts and twoLayerNtk.ts, operation for operation: the stable pair state (m, p) = (1 − cos θ,
// 1 + cos θ), Kahan's θ = 2·atan2(√m, √p) with fdlibm's atan (the algorithm of V8's Math.atan2, ported here
// so native and JavaScript agree bit for bit), the same series with the same early exit. Only IEEE-754
// +, −, ×, ÷ and √ are used (no FMA: built with -ffp-contract=off), so the AVX-512, AVX2 and generic code
// paths give identical bits for every entry.
#pragma once

#include <cstdint>

namespace ntk {

// Resolved hyper-parameters of src/kernels/fcReluCore.ts FcReluPlan.
struct FcPlan {
  int depth;
  double w2;
  double b2;
  bool standard;
  double width;
  double beta;
  int d;
};

// Per-row precomputation of one side (src/kernels/fcReluCore.ts FcReluSide / numerics.ts RowScales).
struct FcSide {
  int n;
  const double* snorm;   // [n]
  const double* expo;    // [n]
  const double* scaled;  // [n, d]
  const double* sIn;     // [n, depth + 1]
  const double* sOut;    // [n, depth + 1]
  const double* qOut;    // [n, depth + 1]
  const double* ntkDiag;  // [n]
};

// Rows [i0, i1) of the fc-ReLU NNGP / NTK: g holds the dot products of row i at g + (i − i0)·ldg + j;
// entry (i, j) goes to outN/outT at (i − i0)·ldOut + j. Columns [0, i] when symmetric && lowerOnly, else
// [0, b.n); when symmetric the diagonal is the exact diagonal recursion (qOut, ntkDiag of a).
void fcReluRows(const FcPlan& plan, const FcSide& a, const FcSide& b, const double* g, int64_t ldg, int i0,
                int i1, bool symmetric, bool lowerOnly, double* outN, double* outT, int64_t ldOut);

// Code path of the recursions: the instruction sets (values of ntk::Isa), and LibmAtan = the generic path
// with the C library's atan instead of fdlibm's (accurate, but not V8's bits: the negative control of the
// conformance tests).
enum class RecursionVariant { Generic = 0, Avx2 = 1, Avx512 = 2, LibmAtan = 3 };

// Selects the code path for the whole process (tests): "generic", "avx2", "avx512" (each capped by the
// CPU), "libm-atan", or any other string for automatic (ntk::detectIsa()); nullptr only queries. Returns
// the name of the path now in use.
const char* setRecursionVariant(const char* name);

// Per-row data of the two-layer kernel (src/kernels/angularGram.ts AngularSide).
struct AngSide {
  int n;
  const double* norm;    // [n]
  const double* sq;      // [n]
  const double* snorm;   // [n]
  const double* expo;    // [n]
  const double* scaled;  // [n, d]
};

// Rows [i0, i1) of the two-layer kernel (src/kernels/twoLayerNtk.ts), layout as fcReluRows; symmetric
// computes j ≤ i with the diagonal from the closed form of ‖x‖².
void twoLayerRows(bool quad, bool both, int d, const AngSide& a, const AngSide& b, const double* g, int64_t ldg,
                  int i0, int i1, bool symmetric, double* outN, double* outT, int64_t ldOut);

// Copies the strict lower triangle of the row-major n×n matrix k into its upper triangle (blocked).
void mirrorLower(double* k, int64_t n);

}  // namespace ntk
