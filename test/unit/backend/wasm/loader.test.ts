import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KERNELS_WASM_BASE64,
  KERNELS_WASM_SHA256,
} from '../../../../src/backend/wasm/kernels.wasm.generated.ts';
import {
  getWasmKernels,
  initWasm,
  scratchView,
  wasmSimdSupported,
} from '../../../../src/backend/wasm/loader.ts';

describe('wasm loader', () => {
  it('should embed exactly the bytes of the committed kernels.wasm', () => {
    const bytes = readFileSync(new URL('../../../../src/backend/wasm/kernels.wasm', import.meta.url));
    expect(Buffer.from(KERNELS_WASM_BASE64, 'base64').equals(bytes)).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(KERNELS_WASM_SHA256);
  });

  it('should detect fixed-width SIMD on Node 20', () => {
    expect(wasmSimdSupported()).toBe(true);
  });

  it('should instantiate synchronously once and export the macro-kernel', async () => {
    const k = getWasmKernels();
    expect(typeof k.dgemmMacro).toBe('function');
    expect(getWasmKernels()).toBe(k);
    await initWasm();
    expect(getWasmKernels()).toBe(k);
    expect(k.scratchBase() % 64).toBe(0);
  });

  it('should grow memory on demand for the scratch area', () => {
    const k = getWasmKernels();
    const bytes = k.memory.buffer.byteLength + 3 * 65536;
    const view = scratchView(k, bytes);
    expect(view.byteLength).toBeGreaterThanOrEqual(k.scratchBase() + bytes);
  });
});
