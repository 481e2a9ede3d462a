{
  "targets": [
    {
      "target_name": "ntk_native",
      "sources": ["native/addon.cc", "native/cpu.cc", "native/gemm.cc", "native/lapack.cc", "native/gemm_napi.cc", "native/ntk_kernels.cc", "native/ntk_napi.cc", "native/nn_kernels.cc", "native/nn_napi.cc", "native/falkon_pass.cc", "native/falkon_napi.cc"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-exceptions", "-ffp-contract=off"],
      "cflags_cc!": ["-fno-rtti"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
