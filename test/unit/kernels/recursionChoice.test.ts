import { afterEach, describe, expect, it } from 'vitest';
import { forcedRecursion, recursionAllowed, withRecursion } from '../../../src/kernels/recursionChoice.ts';

describe('recursionAllowed / withRecursion (which layer recursion may run)', () => {
  const prev = process.env.NTK_BACKEND;
  afterEach(() => {
    if (prev === undefined) delete process.env.NTK_BACKEND;
    else process.env.NTK_BACKEND = prev;
  });

  it('should follow the order native > wasm-simd > js under NTK_BACKEND for the automatic choice', () => {
    const cases: [string | undefined, boolean, boolean][] = [
      [undefined, true, true],
      ['', true, true],
      ['native', true, true],
      ['wasm-simd', false, true],
      ['js', false, false],
      ['no-such-backend', false, false],
    ];
    for (const [env, native, wasm] of cases) {
      if (env === undefined) delete process.env.NTK_BACKEND;
      else process.env.NTK_BACKEND = env;
      expect(
        [recursionAllowed('native', 'auto'), recursionAllowed('wasm-simd', 'auto')],
        String(env),
      ).toEqual([native, wasm]);
    }
  });

  it('should let an explicit choice name exactly one recursion, whatever NTK_BACKEND says', () => {
    process.env.NTK_BACKEND = 'js';
    expect(recursionAllowed('native', 'native')).toBe(true);
    expect(recursionAllowed('wasm-simd', 'native')).toBe(false);
    expect(recursionAllowed('wasm-simd', 'wasm')).toBe(true);
    expect(recursionAllowed('native', 'wasm')).toBe(false);
    expect(recursionAllowed('native', 'js') || recursionAllowed('wasm-simd', 'js')).toBe(false);
  });

  it('should restore the previous override after the callback, also when it throws', () => {
    expect(forcedRecursion()).toBe('auto');
    withRecursion('wasm', () => {
      expect(forcedRecursion()).toBe('wasm');
      expect(() =>
        withRecursion('js', () => {
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(forcedRecursion()).toBe('wasm');
    });
    expect(forcedRecursion()).toBe('auto');
  });
});
