/**
 * The kernels a team worker can run, by job kind: each turns a job payload (shared buffers, offsets, plain
 * settings) into a per-block function computing exactly what the calling thread computes for that block.
 * @internal
 * @packageDocumentation
 */
import { type TwoLayerAttackPayload, twoLayerAttackBlocks } from '../attacks/twoLayerAttackJob.ts';
import { type PotrfTeamPayload, potrfPanelBlock, potrfUpdateBlock } from '../backend/wasm/dpotrf.ts';
import { type TwoLayerPassPayload, twoLayerPassBlocks } from '../nn/twoLayerTeam.ts';
import { gramRowsInto, gramState } from './gramRows.ts';
import type { GramSpec } from './gramSpec.ts';
import type { GramTeamPayload } from './gramTeamPayload.ts';

/** Per-block function of a job, resolved in a worker. @internal */
export function teamKernel(kind: string, payload: unknown): (block: number) => void {
  switch (kind) {
    case 'gram': {
      const p = payload as GramTeamPayload<GramSpec>;
      const x1 = new Float64Array(p.x1, p.off1 * 8, p.n1 * p.d);
      const x2 = p.x2 === null ? null : new Float64Array(p.x2, p.off2 * 8, p.n2 * p.d);
      const state = gramState({ spec: p.spec, x1, n1: p.n1, d: p.d, x2, n2: p.n2 });
      const nngp = new Float64Array(p.nngp);
      const ntk = new Float64Array(p.ntk);
      return (b) => gramRowsInto(state, p.blocks[b].r0, p.blocks[b].r1, nngp, ntk);
    }
    case 'potrf-panel': {
      const p = payload as PotrfTeamPayload;
      const a = new Float64Array(p.a);
      return (b) => potrfPanelBlock(p, a, b);
    }
    case 'potrf-update': {
      const p = payload as PotrfTeamPayload;
      const a = new Float64Array(p.a);
      return (b) => potrfUpdateBlock(p, a, b);
    }
    case 'two-layer-pass':
      return twoLayerPassBlocks(payload as TwoLayerPassPayload);
    case 'pgd-two-layer':
      return twoLayerAttackBlocks(payload as TwoLayerAttackPayload);
    default:
      throw new Error(`team worker: unknown job kind ${kind}`);
  }
}
