import { afterEach, describe, expect, it } from 'vitest';
import { nativeDgemm } from '../../../src/backend/native/dgemm.ts';
import { nativeStatus, setNativeOverride } from '../../../src/backend/native/loader.ts';
import { getKernel, isBackendAvailable, listKernels, resolveBackend } from '../../../src/backend/registry.ts';
import { wasmDgemm } from '../../../src/backend/wasm/dgemm.ts';
import { setWasmSimdOverride } from '../../../src/backend/wasm/loader.ts';
import { BackendUnavailableError, DomainError } from '../../../src/errors.ts';
import { dgemm } from '../../../src/linalg/blas.ts';

const savedEnv = process.env.NTK_BACKEND;
afterEach(() => {
  setWasmSimdOverride(undefined);
  setNativeOverride(undefined);
  if (savedEnv === undefined) delete process.env.NTK_BACKEND;
  else process.env.NTK_BACKEND = savedEnv;
});

describe('backend registry', () => {
  it('should register dgemm on js, native and wasm-simd as { name, backend, fn }', () => {
    const entries = listKernels().filter((k) => k.name === 'dgemm');
    expect(entries.map((k) => k.backend).sort()).toEqual(['js', 'native', 'wasm-simd']);
    expect(getKernel('dgemm', 'js')).toBe(dgemm);
    expect(getKernel('dgemm', 'wasm-simd')).toBe(wasmDgemm);
    expect(getKernel('dgemm', 'native')).toBe(nativeDgemm);
  });

  it('should prefer native when it loaded and nothing is requested', () => {
    delete process.env.NTK_BACKEND;
    setWasmSimdOverride(true);
    expect(resolveBackend('f')).toBe(nativeStatus().available ? 'native' : 'wasm-simd');
  });

  it('should prefer wasm-simd when the native addon is unavailable and SIMD is supported', () => {
    delete process.env.NTK_BACKEND;
    setNativeOverride(false);
    setWasmSimdOverride(true);
    expect(isBackendAvailable('native')).toBe(false);
    expect(resolveBackend('f')).toBe('wasm-simd');
  });

  it('should throw BackendUnavailableError when native is requested explicitly but unavailable', () => {
    setNativeOverride(false);
    expect(() => resolveBackend('f', 'native')).toThrow(BackendUnavailableError);
    expect(() => resolveBackend('f', 'native')).toThrow(
      "f: options.backend must name a backend available in this runtime (got 'native': native addon unavailable: disabled (test override))",
    );
    process.env.NTK_BACKEND = 'native';
    expect(() => resolveBackend('f')).toThrow(/NTK_BACKEND must name a backend available/);
  });

  it('should fall back silently to js when native and SIMD are missing and nothing was requested', () => {
    delete process.env.NTK_BACKEND;
    setNativeOverride(false);
    setWasmSimdOverride(false);
    expect(isBackendAvailable('wasm-simd')).toBe(false);
    expect(resolveBackend('f')).toBe('js');
  });

  it('should throw BackendUnavailableError when wasm-simd is requested explicitly but missing', () => {
    setWasmSimdOverride(false);
    expect(() => resolveBackend('f', 'wasm-simd')).toThrow(BackendUnavailableError);
    process.env.NTK_BACKEND = 'wasm-simd';
    expect(() => resolveBackend('f')).toThrow(/NTK_BACKEND must name a backend available/);
  });

  it('should let options.backend win over NTK_BACKEND, and NTK_BACKEND win over the probe', () => {
    setWasmSimdOverride(true);
    process.env.NTK_BACKEND = 'js';
    expect(resolveBackend('f')).toBe('js');
    expect(resolveBackend('f', 'wasm-simd')).toBe('wasm-simd');
  });

  it('should reject unknown backend names with DomainError naming the argument', () => {
    expect(() => resolveBackend('gram', 'webgpu')).toThrow(DomainError);
    expect(() => resolveBackend('gram', 'webgpu')).toThrow(
      "gram: options.backend must be one of 'js', 'wasm-simd', 'native' (got \"webgpu\")",
    );
    process.env.NTK_BACKEND = 'gpu';
    try {
      resolveBackend('gram');
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('E_DOMAIN');
      expect((e as DomainError).data.arg).toBe('NTK_BACKEND');
    }
  });
});
