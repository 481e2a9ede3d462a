import { describe, expect, it } from 'vitest';
import { arcCosineKernel } from '../../../src/kernels/arcCosineKernel.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { twoLayerNtk } from '../../../src/kernels/twoLayerNtk.ts';
import {
  type FcFixtureCase,
  loadFixture,
  type SingleFixtureCase,
} from '../../fixtures/kernels/loadFixture.ts';
import { allClose } from '../../helpers/allClose.ts';

/** Largest |value| of a fixture matrix, for an absolute floor of the tolerance. */
function maxAbs(m: number[][]): number {
  let s = 0;
  for (const row of m) for (const v of row) s = Math.max(s, Math.abs(v));
  return s;
}

function singleKernel(c: SingleFixtureCase): Float64Array {
  if (c.kind.startsWith('arccos')) {
    const degree = Number(c.kind.slice(6)) as 0 | 1 | 2;
    return arcCosineKernel({ degree })(c.x1, c.x2).data;
  }
  const [activation, train, get] = c.kind.split(':') as ['relu' | 'relu2', 'first' | 'both', 'nngp' | 'ntk'];
  return twoLayerNtk({ activation, train })(c.x1, c.x2)[get].data;
}

// Absolute floors: 1e-14·max|K| away from |ρ| ≈ 1 (entries that cancel to ≈ 0), 1e-15·max|K| near it
// (rows that are parallel up to the rounding of their norms, where the exact value is ~1e-20 of the scale).
const FAMILIES = [
  { file: 'fc_generic.json', rtol: 1e-12, atolRel: 1e-14 },
  { file: 'fc_near.json', rtol: 1e-10, atolRel: 1e-15 },
] as const;

describe('kernel fixtures (mpmath stax recursion, test/fixtures/kernels/generate.py)', () => {
  for (const { file, rtol, atolRel } of FAMILIES) {
    const fx = loadFixture<FcFixtureCase>(file);
    it(`should match ${fx.cases.length} fcReluKernel cases of ${file} (${fx.note})`, () => {
      for (const c of fx.cases) {
        const k = fcReluKernel(c.options);
        const r = c.x2 === null ? k(c.x1) : k(c.x1, c.x2);
        for (const key of ['nngp', 'ntk'] as const) {
          const res = allClose(r[key].data, c[key].flat(), { rtol, atol: atolRel * maxAbs(c[key]) });
          expect({ name: c.name, key, ...res }).toEqual({ name: c.name, key, ok: true });
        }
      }
    });
  }

  for (const { file, rtol, atolRel } of [
    { file: 'single_generic.json', rtol: 1e-12, atolRel: 1e-14 },
    { file: 'single_near.json', rtol: 1e-10, atolRel: 1e-15 },
  ] as const) {
    const fx = loadFixture<SingleFixtureCase>(file);
    it(`should match ${fx.cases.length} single-layer closed-form cases of ${file} (${fx.note})`, () => {
      for (const c of fx.cases) {
        const res = allClose(singleKernel(c), c.k.flat(), { rtol, atol: atolRel * maxAbs(c.k) });
        expect({ name: c.name, ...res }).toEqual({ name: c.name, ok: true });
      }
    });
  }

  it('should keep full relative accuracy at angles 1e-8 from ±x where the naive form fails', () => {
    // Arrange: the rows at angle 1e-8 from −x (indices 18, 23, 28 in near_rows order: sign −1, scales 1, 0.5, 3)
    const fx = loadFixture<FcFixtureCase>('fc_near.json');
    const c = fx.cases.find((cc) => cc.name === 'near-d5-L1-w1-b0-ntk1')!;
    const k = fcReluKernel(c.options);
    // Act
    const r = k(c.x1, c.x2!);
    // Assert: nngp there is ≈ (1e-8)³/(6π)·scale, still matched to 1e-12 relative
    for (const j of [18, 23, 28]) {
      const ref = c.nngp[0][j];
      expect(ref).toBeLessThan(1e-20);
      expect(Math.abs(r.nngp.data[j] - ref) / ref).toBeLessThan(1e-12);
    }
  });
});
