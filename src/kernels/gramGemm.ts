/**
 * The GEMM of the Gram paths (x1·x2ᵀ in row groups): the backend kernel (WASM SIMD when available), and the
 * number of rows per call that keeps every dot product independent of how rows are grouped.
 * @internal
 * @packageDocumentation
 */
import type { DgemmFn } from '../backend/js/dgemm.ts';
import { nativeDgemmSerial } from '../backend/native/dgemm.ts';
import { getKernel, resolveBackend } from '../backend/registry.ts';

/** GEMM kernel and rows per call for inputs of dimension `d`. */
export interface GramGemm {
  readonly gemm: DgemmFn;
  readonly rows: number;
}

/**
 * Resolves the Gram GEMM: `NTK_BACKEND`, else the native addon when loaded, else WASM SIMD when supported,
 * else JavaScript. The WASM GEMM sums
 * each entry in an order fixed by d alone (k-blocks of 256, sequential inside), so any row grouping gives
 * the same bits and 64 rows per call amortise the packing. The JavaScript GEMM sums sequentially only for
 * d ≤ 256 (32 rows per call); beyond that every row is its own call.
 * @internal
 */
export function gramGemm(d: number): GramGemm {
  const backend = resolveBackend('gramGemm');
  // The native GEMM sums each entry in an order fixed by d alone too; it runs on the calling thread here
  // because the Gram paths already split row blocks over the team.
  if (backend === 'native') return { gemm: nativeDgemmSerial, rows: 64 };
  const gemm = getKernel('dgemm', backend);
  if (backend === 'wasm-simd') return { gemm, rows: 64 };
  return { gemm, rows: d <= 256 ? 32 : 1 };
}
