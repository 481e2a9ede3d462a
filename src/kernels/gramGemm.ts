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
  /** Whether the kernel reads x2 itself as op(B) = x2ᵀ (native, WASM) instead of its transpose (JS). */
  readonly transB: boolean;
}

/**
 * Resolves the Gram GEMM for inputs of dimension `d` against `n2` columns: `NTK_BACKEND`, else the native
 * addon when loaded, else WASM SIMD when supported, else JavaScript. The native and WASM GEMMs sum each entry
 * in an order fixed by d alone (k-blocks, sequential inside), so any row grouping gives the same bits; 256
 * rows per call (fewer when the rows × n2 buffer of dot products would pass 16 MiB, never below 64) amortise
 * the packing of B. The native GEMM runs on the calling thread here because the Gram paths already split
 * row blocks over the worker team. The JavaScript GEMM sums sequentially only for d ≤ 256 (32 rows per
 * call); beyond that every row is its own call.
 * @internal
 */
export function gramGemm(d: number, n2 = 0): GramGemm {
  const backend = resolveBackend('gramGemm');
  const rows = Math.max(64, Math.min(256, 64 * Math.floor(32768 / Math.max(1, n2))));
  if (backend === 'native') return { gemm: nativeDgemmSerial, rows, transB: true };
  const gemm = getKernel('dgemm', backend);
  if (backend === 'wasm-simd') return { gemm, rows, transB: true };
  return { gemm, rows: d <= 256 ? 32 : 1, transB: false };
}

/**
 * Dot products of `m` rows of x1 (row-major at `offA`) with the first `cols` rows of x2 into `out`
 * ([m, cols], row-major), through {@link gramGemm}'s kernel: x2 itself as op(B) = x2ᵀ where the kernel
 * packs either layout in the same summation order (native, WASM), else x2's transpose.
 * @internal
 */
export function gramProducts(
  g: GramGemm,
  m: number,
  cols: number,
  d: number,
  x1: Float64Array,
  offA: number,
  x2: { readonly x: Float64Array; readonly xT: Float64Array; readonly n: number },
  out: Float64Array,
): void {
  if (g.transB) g.gemm(false, true, m, cols, d, 1, x1, offA, d, x2.x, 0, d, 0, out, 0, cols);
  else g.gemm(false, false, m, cols, d, 1, x1, offA, d, x2.xT, 0, x2.n, 0, out, 0, cols);
}

let scratch = new Float64Array(0);

/**
 * A buffer of at least `length` doubles for the Gram dot products, reused across calls on this thread (a
 * fresh 16 MiB buffer per row block cost its zeroing and page faults). Callers are synchronous and never
 * nested, so one per thread suffices. Old contents never reach a result: the Gram GEMMs run with β = 0,
 * which every backend treats as an overwrite (BLAS convention: C is set to 0 first, not multiplied by 0).
 * @internal
 */
export function gramScratch(length: number): Float64Array {
  if (scratch.length < length) scratch = new Float64Array(length);
  return scratch;
}
