/**
 * WASM-SIMD FALKON pass (assembly/falkon.ts): the contract and summation order of
 * src/backend/js/falkonPass.ts, one part of rows at a time (its kernel rows, v rows and u transposed copied
 * into the module's scratch), the partials added to w in part order here. Bit-identical to the JavaScript
 * loop; single-threaded.
 * @internal
 * @packageDocumentation
 */
import {
  addPartial,
  FALKON_PART_ROWS,
  type FalkonPassFn,
  jsFalkonPass,
  transposeCentres,
} from '../js/falkonPass.ts';
import { getWasmKernels, scratchView } from './loader.ts';

/** Same contract as {@link jsFalkonPass} (and the same bits). @internal */
export const wasmFalkonPass: FalkonPassFn = (rows, M, k, kb, u, v, invN, w) => {
  const km = getWasmKernels();
  const partial = km.falkonPartial;
  if (partial === undefined || rows <= 0) {
    jsFalkonPass(rows, M, k, kb, u, v, invN, w);
    return;
  }
  const P = FALKON_PART_ROWS;
  const kM = k * M;
  // Scratch layout (doubles): uT [k, M] | g [k, M] | t [k] | v part [P, k] | kernel rows part [P, M].
  const oG = kM;
  const oT = 2 * kM;
  const oV = oT + k;
  const oK = oV + P * k;
  const mem = scratchView(km, 8 * (oK + P * M));
  const base = km.scratchBase();
  const b = base / 8;
  const uT = transposeCentres(u, M, k);
  if (uT !== null) mem.set(uT, b);
  for (let r0 = 0; r0 < rows; r0 += P) {
    const r1 = Math.min(rows, r0 + P);
    mem.set(kb.subarray(r0 * M, r1 * M), b + oK);
    if (v !== null) mem.set(v.subarray(r0 * k, r1 * k), b + oV);
    const pu = uT === null ? 0 : base;
    const pv = v === null ? 0 : base + 8 * oV;
    partial(base + 8 * oK, r1 - r0, M, k, pu, pv, invN, base + 8 * oG, base + 8 * oT);
    addPartial(w, mem, b + oG, M, k);
  }
};
