/**
 * The GEMM the networks use: the resolved backend's `dgemm` for large products, the JavaScript kernel
 * for small or thin ones (where the WASM driver's copies cost more than they save).
 * @internal
 * @packageDocumentation
 */
import { nativeDgemmSerial } from '../backend/native/dgemm.ts';
import { type BackendName, getKernel } from '../backend/registry.ts';
import { dgemm } from '../linalg/blas.ts';

/** Signature of the row-major dgemm (see src/linalg/blas.ts). @internal */
export type Gemm = typeof dgemm;

/**
 * A dgemm for `backend`. The choice between the WASM and the JavaScript kernel depends only on the shape
 * (m, n, k), so results are deterministic for a given backend and shape.
 * @internal
 */
export function networkGemm(backend: BackendName): Gemm {
  if (backend === 'js') return dgemm;
  const fast = getKernel('dgemm', backend);
  return (transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc) => {
    if (m < 4 || n < 4 || m * n * k < 32768)
      dgemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    else fast(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
  };
}

/**
 * {@link networkGemm} for work already split over the worker team (row blocks): the native GEMM on the
 * calling thread only (same bits as the threaded one), the others unchanged.
 * @internal
 */
export function blockGemm(backend: BackendName): Gemm {
  if (backend !== 'native') return networkGemm(backend);
  return (transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc) => {
    if (m < 4 || n < 4 || m * n * k < 32768)
      dgemm(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
    else nativeDgemmSerial(transA, transB, m, n, k, alpha, a, offA, lda, b, offB, ldb, beta, c, offC, ldc);
  };
}
