/**
 * The two-layer network's batch passes split into blocks fixed by the problem size and run on the calling
 * thread and the worker team (src/parallel/team.ts): the forward pass (z = X·Wᵀ, then the fused activation
 * and row reduction) and the backward signal G over row blocks, and ∂W = Gᵀ X over blocks of hidden units.
 * Every block is computed by the same code whichever thread runs it, and the blocks are the same for one
 * thread, so results are bit-identical for any number of threads.
 * @internal
 * @packageDocumentation
 */
import { runTeam, teamThreads } from '../parallel/team.ts';
import { blockGemm } from './gemm.ts';
import {
  activationBackward,
  activationForward,
  activationKernels,
  type TwoLayerWeights,
} from './twoLayerRows.ts';

/** Multiply-adds of a pass (n·m·d) from which the blocked path is used. @internal */
export const BLOCKED_MIN_WORK = 2 ** 22;

/** Rows per block for width m: about 4 MiB of pre-activations, 16 to 256 rows. @internal */
export function rowBlock(m: number): number {
  return Math.max(16, Math.min(256, Math.floor(2 ** 19 / m)));
}

/** Hidden units per block of ∂W = Gᵀ X. */
const UNIT_BLOCK = 256;

/** A job of the blocked passes (arrays cloned to the workers; z, out and grad shared). @internal */
export interface TwoLayerPassPayload {
  readonly net: TwoLayerWeights;
  /** `'forward'`: z and out = f; `'signal'`: z then G in place; `'gradW'`: grad = Gᵀ X from G in z. */
  readonly phase: 'forward' | 'signal' | 'gradW';
  readonly n: number;
  readonly x: Float64Array;
  readonly u: Float64Array | null;
  readonly z: SharedArrayBuffer;
  readonly out: SharedArrayBuffer | null;
  readonly grad: SharedArrayBuffer | null;
}

/** The per-block function of a job (on any thread). @internal */
export function twoLayerPassBlocks(p: TwoLayerPassPayload): (block: number) => void {
  const { w, a, inputDim: d, width: m, activation, backend } = p.net;
  const gemm = blockGemm(backend);
  const nk = activationKernels(activation, backend);
  const s = 1 / Math.sqrt(m);
  const z = new Float64Array(p.z);
  if (p.phase === 'gradW') {
    const grad = new Float64Array(p.grad as SharedArrayBuffer);
    return (b) => {
      const r0 = b * UNIT_BLOCK;
      const r1 = Math.min(m, r0 + UNIT_BLOCK);
      gemm(true, false, r1 - r0, d, p.n, 1, z, r0, m, p.x, 0, d, 0, grad, r0 * d, d);
    };
  }
  const out = p.out === null ? null : new Float64Array(p.out);
  const rb = rowBlock(m);
  return (b) => {
    const i0 = b * rb;
    const rows = Math.min(p.n, i0 + rb) - i0;
    const zb = z.subarray(i0 * m, (i0 + rows) * m);
    gemm(false, true, rows, m, d, 1, p.x, i0 * d, d, w, 0, d, 0, zb, 0, m);
    if (out !== null) activationForward(zb, rows, m, a, s, activation, out.subarray(i0, i0 + rows), nk);
    if (p.phase === 'signal')
      activationBackward(zb, rows, m, a, s, activation, (p.u as Float64Array).subarray(i0, i0 + rows), nk);
  };
}

/** Runs `blocks` blocks of a job on the team (or here, with one thread). */
function run(payload: TwoLayerPassPayload, blocks: number): void {
  const f = twoLayerPassBlocks(payload);
  if (teamThreads() > 1 && blocks > 1) runTeam('two-layer-pass', payload, blocks, f);
  else for (let b = 0; b < blocks; b++) f(b);
}

/** Whether the passes of an n-row batch take the blocked path (a function of the problem size only). @internal */
export function useBlockedPasses(net: TwoLayerWeights, n: number): boolean {
  return net.backend !== 'js' && n * net.width * net.inputDim >= BLOCKED_MIN_WORK && n > rowBlock(net.width);
}

/**
 * Blocked forward pass: returns z = X·Wᵀ ([n, m], in `z`, shared) and f ([n]); with `u`, z is then
 * overwritten by G = σ'(z)⊙(s·u aᵀ) and f is not computed.
 * @internal
 */
export function blockedForward(
  net: TwoLayerWeights,
  x: Float64Array,
  n: number,
  z: SharedArrayBuffer,
  u: Float64Array | null,
): Float64Array | null {
  const out = u === null ? new SharedArrayBuffer(8 * n) : null;
  const payload: TwoLayerPassPayload = {
    net,
    phase: u === null ? 'forward' : 'signal',
    n,
    x,
    u,
    z,
    out,
    grad: null,
  };
  run(payload, Math.ceil(n / rowBlock(net.width)));
  return out === null ? null : new Float64Array(out).slice();
}

/** Blocked ∂W = Gᵀ X ([m, d]) from G in `z` ([n, m]); writes grad[0 .. m·d). @internal */
export function blockedGradW(
  net: TwoLayerWeights,
  x: Float64Array,
  n: number,
  z: SharedArrayBuffer,
  grad: Float64Array,
): void {
  const md = net.width * net.inputDim;
  const shared = new SharedArrayBuffer(8 * md);
  const payload: TwoLayerPassPayload = { net, phase: 'gradW', n, x, u: null, z, out: null, grad: shared };
  run(payload, Math.ceil(net.width / UNIT_BLOCK));
  grad.set(new Float64Array(shared));
}
