/**
 * WASM-SIMD blocked Cholesky: the right-looking algorithm of `dpotrf` in src/linalg/lapack.ts (same block
 * size; the diagonal blocks go through its unblocked `dpotf2`, so pivots are reported the same way), with
 * the O(n³) parts — the panel's off-diagonal updates and the trailing update — done by the WASM GEMM/SYRK.
 * Agrees with the JavaScript factor to rounding (≈ n·eps relative).
 * @internal
 * @packageDocumentation
 */
import { dpotf2, POTRF_NB, type PotrfInfo } from '../../linalg/lapack.ts';
import { partitionRows, partitionTriangle, type RowBlock } from '../../parallel/partition.ts';
import { runTeam, teamProgress, teamThreads } from '../../parallel/team.ts';
import { wasmDgemm, wasmDgemmLower } from './dgemm.ts';
import { wasmDsyrk } from './dsyrk.ts';

/** Inner column block of the panel solve (the outer block size is the JavaScript factor's POTRF_NB). */
const SUB = 16;

/**
 * Panel solve X·L11ᵀ = A21 in place (A21 is m×kb at `offP`, L11 kb×kb at `offL`), by column blocks of SUB:
 * the update from earlier columns is one WASM GEMM, the SUB-wide triangle is substituted in JavaScript.
 */
function panelSolve(m: number, kb: number, a: Float64Array, offL: number, offP: number, lda: number): void {
  for (let j0 = 0; j0 < kb; j0 += SUB) {
    const jb = Math.min(SUB, kb - j0);
    if (j0 > 0) {
      // X[:, j0:j0+jb] -= X[:, 0:j0] · L11[j0:j0+jb, 0:j0]ᵀ
      wasmDgemm(false, true, m, jb, j0, -1, a, offP, lda, a, offL + j0 * lda, lda, 1, a, offP + j0, lda);
    }
    for (let i = 0; i < m; i++) {
      const ri = offP + i * lda;
      for (let j = j0; j < j0 + jb; j++) {
        const rj = offL + j * lda;
        let s = a[ri + j];
        for (let p = j0; p < j; p++) s -= a[rj + p] * a[ri + p];
        a[ri + j] = s / a[rj + j];
      }
    }
  }
}

/** Same contract as `dpotrf` in src/linalg/lapack.ts. @internal */
export function wasmDpotrf(n: number, a: Float64Array, off: number, lda: number, nb = POTRF_NB): PotrfInfo {
  if (n >= TEAM_MIN_N && teamThreads() > 1) return teamDpotrf(n, a, off, lda, nb);
  const out: PotrfInfo = { info: -1, minPivot: Number.POSITIVE_INFINITY };
  for (let k0 = 0; k0 < n; k0 += nb) {
    const kb = Math.min(nb, n - k0);
    const dk = off + k0 * lda + k0;
    dpotf2(kb, a, dk, lda, out);
    if (out.info >= 0) {
      out.info += k0;
      return out;
    }
    const r0 = k0 + kb;
    if (r0 >= n) break;
    panelSolve(n - r0, kb, a, dk, off + r0 * lda + k0, lda);
    wasmDsyrk(n - r0, kb, -1, a, off + r0 * lda + k0, lda, 1, a, off + r0 * lda + r0, lda);
  }
  return out;
}

/** From this order on the factor runs on the worker team (src/parallel/team.ts). */
const TEAM_MIN_N = 768;
/** Blocks per team job (the result does not depend on it, nor on the thread count). */
const TEAM_BLOCKS = 8;

/** A block column of the team factor: the matrix (shared), the column block [k0, k0 + kb), row blocks. */
export interface PotrfTeamPayload {
  readonly a: SharedArrayBuffer;
  readonly off: number;
  readonly lda: number;
  readonly k0: number;
  readonly kb: number;
  /** Global row ranges, all in [k0 + kb, n). */
  readonly blocks: readonly RowBlock[];
}

/** Panel rows of one block: X·L11ᵀ = A21 for rows [r0, r1) (rows are independent). @internal */
export function potrfPanelBlock(p: PotrfTeamPayload, a: Float64Array, b: number): void {
  const { r0, r1 } = p.blocks[b];
  const { off, lda, k0, kb } = p;
  panelSolve(r1 - r0, kb, a, off + k0 * lda + k0, off + r0 * lda + k0, lda);
}

/**
 * Trailing update of rows [i0, i1): A[i, j] −= Σ_p L[i, p]·L[j, p] over the panel columns for
 * k0 + kb ≤ j ≤ i. Each entry is updated by the same WASM micro-kernel sum as in the one-call SYRK, so the
 * factor is bit-identical to {@link wasmDpotrf} on one thread.
 * @internal
 */
export function potrfUpdateBlock(p: PotrfTeamPayload, a: Float64Array, b: number): void {
  const { r0: i0, r1: i1 } = p.blocks[b];
  const { off, lda, k0, kb } = p;
  const c0 = k0 + kb;
  const rows = off + i0 * lda + k0;
  if (i0 > c0) {
    wasmDgemm(
      false,
      true,
      i1 - i0,
      i0 - c0,
      kb,
      -1,
      a,
      rows,
      lda,
      a,
      off + c0 * lda + k0,
      lda,
      1,
      a,
      off + i0 * lda + c0,
      lda,
    );
  }
  wasmDgemmLower(false, true, i1 - i0, kb, -1, a, rows, lda, a, rows, lda, 1, a, off + i0 * lda + i0, lda);
}

/**
 * {@link wasmDpotrf} with the panel solve and the trailing update of every block column split into row
 * blocks over the calling thread and the team workers (two barriers per block column); the diagonal block is
 * factored on the calling thread. The matrix is copied into shared memory (and back) unless it is there.
 */
function teamDpotrf(n: number, a: Float64Array, off: number, lda: number, nb: number): PotrfInfo {
  const shared = a.buffer instanceof SharedArrayBuffer;
  const rows = n * lda;
  const buf = shared ? (a.buffer as SharedArrayBuffer) : new SharedArrayBuffer(rows * 8);
  const m = shared ? a : new Float64Array(buf);
  const o = shared ? off + a.byteOffset / 8 : 0;
  const mv = shared ? new Float64Array(buf) : m;
  if (!shared) m.set(a.subarray(off, off + rows));
  const out: PotrfInfo = { info: -1, minPivot: Number.POSITIVE_INFINITY };
  for (let k0 = 0; k0 < n; k0 += nb) {
    const kb = Math.min(nb, n - k0);
    dpotf2(kb, mv, o + k0 * lda + k0, lda, out);
    if (out.info >= 0) {
      out.info += k0;
      break;
    }
    const r0 = k0 + kb;
    if (r0 >= n) break;
    const mRest = n - r0;
    const panel = partitionRows(mRest, Math.max(32, Math.ceil(mRest / TEAM_BLOCKS))).map((r) => ({
      r0: r.r0 + r0,
      r1: r.r1 + r0,
    }));
    const pp: PotrfTeamPayload = { a: buf, off: o, lda, k0, kb, blocks: panel };
    runTeam('potrf-panel', pp, panel.length, (b) => potrfPanelBlock(pp, mv, b));
    const tri = partitionTriangle(mRest, TEAM_BLOCKS, 16).map((r) => ({ r0: r.r0 + r0, r1: r.r1 + r0 }));
    const pu: PotrfTeamPayload = { a: buf, off: o, lda, k0, kb, blocks: tri };
    runTeam('potrf-update', pu, tri.length, (b) => potrfUpdateBlock(pu, mv, b));
    // Progress in flops: the trailing matrix after column k shrinks as (n − k)³.
    teamProgress('cholesky', n ** 3 - (n - r0) ** 3, n ** 3);
  }
  if (!shared) a.set(m.subarray(0, rows), off);
  return out;
}
