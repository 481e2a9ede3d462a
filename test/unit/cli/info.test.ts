import { afterEach, describe, expect, it } from 'vitest';
import { nativeStatus, setNativeOverride } from '../../../src/backend/native/loader.ts';
import { runCli } from './runCli.ts';

afterEach(() => setNativeOverride(undefined));

describe('ntk info', () => {
  it('should report the native status, its instruction set, the default backend and the threads as JSON', async () => {
    const r = await runCli(['info', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const status = nativeStatus();
    expect(out.backends.native.available).toBe(status.available);
    if (status.available) {
      expect(['avx512', 'avx2', 'generic']).toContain(out.backends.native.isa);
      expect(out.defaultBackend).toBe('native');
      expect(out.layerRecursion).toBe('native');
    }
    expect(out.backends.js.available).toBe(true);
    expect(out.threads).toBeGreaterThanOrEqual(1);
  });

  it('should say why native is unavailable and fall back to wasm-simd by default', async () => {
    setNativeOverride(false);
    const r = await runCli(['info']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('native          unavailable: disabled (test override)');
    expect(r.stdout).toContain('default backend wasm-simd');
    expect(r.stdout).toContain('layer recursion wasm');
  });
});
