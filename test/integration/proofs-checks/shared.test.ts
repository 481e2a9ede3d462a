import { describe, expect, it } from 'vitest';
import { coverCount } from '../../../proofs-checks/c15-shattering.ts';
import { gaussLegendre } from '../../../proofs-checks/shared/gaussLegendre.ts';
import { lpFeasible } from '../../../proofs-checks/shared/lpFeasible.ts';
import { createRng } from '../../../src/random/rng.ts';
import { allClose } from '../../helpers/allClose.ts';

/** Is there (w, β) with b_i(w·p_i + β) ≥ 1 for all i? */
function separable(p: number[][], b: number[]): boolean {
  const d = p[0].length;
  const a = new Float64Array(p.length * (d + 1));
  p.forEach((row, i) => {
    for (let j = 0; j < d; j++) a[i * (d + 1) + j] = b[i] * row[j];
    a[i * (d + 1) + d] = b[i];
  });
  return lpFeasible(a, p.length, d + 1, new Float64Array(p.length).fill(1));
}

describe('lpFeasible (halfspace separability)', () => {
  it('should reject XOR and accept a separable labelling', () => {
    const sq = [
      [0, 0],
      [1, 1],
      [0, 1],
      [1, 0],
    ];
    expect(separable(sq, [1, 1, -1, -1])).toBe(false);
    expect(separable(sq, [1, -1, 1, -1])).toBe(true);
  });

  it("should count exactly Cover's number of labellings for points in general position", () => {
    const rng = createRng(5);
    const p = Array.from({ length: 7 }, () => [rng.normal(), rng.normal()]);
    let count = 0;
    for (let s = 0; s < 2 ** p.length; s++) {
      if (
        separable(
          p,
          p.map((_, i) => (((s >> i) & 1) === 1 ? 1 : -1)),
        )
      )
        count++;
    }
    expect(count).toBe(coverCount(7, 2)); // 2·(1 + 6 + 15) = 44
    expect(coverCount(7, 2)).toBe(44);
  });
});

describe('gaussLegendre', () => {
  it('should integrate polynomials of degree 2n − 1 exactly and cos on [0, π]', () => {
    const { nodes, weights } = gaussLegendre(5, 0, 2);
    let s = 0;
    for (let q = 0; q < 5; q++) s += weights[q] * nodes[q] ** 9;
    expect(allClose([s], [2 ** 10 / 10], { rtol: 1e-13 })).toEqual({ ok: true });
    const g = gaussLegendre(40, 0, Math.PI);
    let c = 0;
    for (let q = 0; q < 40; q++) c += g.weights[q] * Math.sin(g.nodes[q]);
    expect(allClose([c], [2], { rtol: 1e-14 })).toEqual({ ok: true });
  });
});
