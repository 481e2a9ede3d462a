import { describe, expect, it } from 'vitest';
import { ArgumentTypeError, DomainError, NonFiniteError, ShapeError } from '../../../src/errors.ts';
import { fcReluKernel } from '../../../src/kernels/fcReluKernel.ts';
import { allClose } from '../../helpers/allClose.ts';

const INV_4PI = 1 / (4 * Math.PI);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('fcReluKernel', () => {
  it('should give 1/(4π) off the diagonal and 0.5 / 0.25 on it for orthogonal unit inputs (depth 1)', () => {
    // Arrange: Σ⁰ = I/2; Dense: Σ = Θ = I/2; ReLU: diag 1/4, off-diag (1/2)·(1/(2π)) = 1/(4π); Θ·(π/2)/(2π) = 0 off-diag
    const k = fcReluKernel({ depth: 1, wStd: 1, bStd: 0 });
    // Act
    const { nngp, ntk } = k([
      [1, 0],
      [0, 1],
    ]);
    // Assert
    expect(allClose(ntk.data, [0.5, INV_4PI, INV_4PI, 0.5], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(allClose(nngp.data, [0.25, INV_4PI, INV_4PI, 0.25], { rtol: 1e-15 })).toEqual({ ok: true });
  });

  it('should give x·z/(2d) and x·z/d for parallel inputs and exactly 0 for antiparallel ones (depth 1)', () => {
    // θ = 0: ReLU keeps half the variance, Θ·π/(2π) = Θ/2; θ = π: J₁(π) = 0 and (π − θ) = 0 exactly
    const k = fcReluKernel({ depth: 1 });
    const r = k(
      [[1, 0]],
      [
        [2, 0],
        [-2, 0],
      ],
    );
    expect(allClose(r.nngp.data, [0.5, 0], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(allClose(r.ntk.data, [1, 0], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(r.nngp.data[1]).toBe(0);
    expect(r.ntk.data[1]).toBe(0);
  });

  it('should reduce to a scaled linear kernel for depth 0', () => {
    const k = fcReluKernel({ depth: 0, wStd: 2, bStd: 0.5 });
    const r = k([[1, 2, 3]], [[-1, 0, 2]]);
    // 4·(5/3) + 0.25
    expect(allClose(r.nngp.data, [4 * (5 / 3) + 0.25], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(allClose(r.ntk.data, [4 * (5 / 3) + 0.25], { rtol: 1e-15 })).toEqual({ ok: true });
  });

  it('should follow the bias-free diagonal closed forms Σ = q/2^L and Θ = (L+1)q/2^L (wStd = 1)', () => {
    const x = [
      [1, -2, 0.5],
      [3, 0, 0],
    ];
    for (const depth of [0, 1, 2, 3, 7]) {
      const k = fcReluKernel({ depth });
      const { nngp, ntk } = k.diag(x);
      const q = [5.25 / 3, 9 / 3];
      expect(
        allClose(
          nngp,
          q.map((v) => v / 2 ** depth),
          { rtol: 1e-15 },
        ),
      ).toEqual({ ok: true });
      expect(
        allClose(
          ntk,
          q.map((v) => ((depth + 1) * v) / 2 ** depth),
          { rtol: 1e-15 },
        ),
      ).toEqual({
        ok: true,
      });
    }
  });

  it('should use the neural-tangents standard-parameterisation NTK: Θ ← σ_w²Θ + n_in·Σ_in + 1', () => {
    // depth 1, x = e₁, z = e₂ (d = 2), width W: Θ¹ = d·Σ⁰ = x·z = 0; ReLU: Σ = 1/(4π); Θ² = 0 + W/(4π)
    // diagonal: Θ¹ = ‖x‖² = 1 → 1/2 after ReLU; Σ_relu = 1/4; Θ² = 1/2 + W/4; with bias: +1 per Dense layer
    const W = 7;
    const k = fcReluKernel({ depth: 1, parameterization: 'standard', width: W });
    const r = k([
      [1, 0],
      [0, 1],
    ]);
    expect(
      allClose(r.ntk.data, [0.5 + W / 4, W * INV_4PI, W * INV_4PI, 0.5 + W / 4], { rtol: 1e-15 }),
    ).toEqual({
      ok: true,
    });
    const kb = fcReluKernel({ depth: 0, bStd: 0.5, parameterization: 'standard' });
    // Θ = d·Σ⁰ + 1 = x·z + 1; Σ = x·z/d + 1/4
    const rb = kb([[1, 2]], [[3, -1]]);
    expect(allClose(rb.ntk.data, [2], { rtol: 1e-15 })).toEqual({ ok: true });
    expect(allClose(rb.nngp.data, [0.5 + 0.25], { rtol: 1e-15 })).toEqual({ ok: true });
  });

  it('should return the same NNGP for both parameterisations', () => {
    const x = [
      [0.3, -1.2, 2],
      [1, 1, 1],
      [-0.5, 0.1, 0],
    ];
    const a = fcReluKernel({ depth: 3, wStd: 1.4, bStd: 0.2 })(x);
    const b = fcReluKernel({ depth: 3, wStd: 1.4, bStd: 0.2, parameterization: 'standard', width: 32 })(x);
    expect(Array.from(a.nngp.data)).toEqual(Array.from(b.nngp.data));
  });

  it('should make the symmetric Gram exactly symmetric, with diag() equal to its diagonal bit for bit', () => {
    const x = [
      [0.3, -1.2, 2],
      [1, 1, 1],
      [-0.5, 0.1, 0],
      [0, 0, 0],
    ];
    const k = fcReluKernel({ depth: 2, wStd: 1.3, bStd: 0.4 });
    const { nngp, ntk } = k(x);
    const dg = k.diag(x);
    for (let i = 0; i < 4; i++) {
      expect(nngp.data[i * 5]).toBe(dg.nngp[i]);
      expect(ntk.data[i * 5]).toBe(dg.ntk[i]);
      for (let j = 0; j < 4; j++) expect(ntk.data[i * 4 + j]).toBe(ntk.data[j * 4 + i]);
    }
  });

  it('should agree between the symmetric path and the cross path with the same rows', () => {
    const x = [
      [0.3, -1.2, 2],
      [1, 1, 1],
      [-0.5, 0.1, 0],
    ];
    const k = fcReluKernel({ depth: 2, wStd: 1.3, bStd: 0.4 });
    const s = k(x);
    const c = k(
      x,
      x.map((r) => r.slice()),
    );
    expect(allClose(c.ntk.data, s.ntk.data, { rtol: 1e-14 })).toEqual({ ok: true });
    expect(allClose(c.nngp.data, s.nngp.data, { rtol: 1e-14 })).toEqual({ ok: true });
  });

  it('should give zero rows the limit values (bStd only) without NaN', () => {
    const k = fcReluKernel({ depth: 2, wStd: 1.5, bStd: 0.5 });
    const r = k(
      [[0, 0]],
      [
        [0, 0],
        [1, 2],
      ],
    );
    for (const v of [...r.nngp.data, ...r.ntk.data]) expect(Number.isFinite(v)).toBe(true);
    // x = 0: every layer sees Σ₁₂ = bStd² after Dense, the ReLU of a zero-variance Gaussian is 0
    const k0 = fcReluKernel({ depth: 2 });
    expect(Array.from(k0([[0, 0]], [[1, 2]]).ntk.data)).toEqual([0]);
  });

  it('should accept ml-matrix-like inputs and Mat, and report its resolved options', () => {
    const k = fcReluKernel({ depth: 2 });
    const m = { rows: 1, columns: 2, get: (_i: number, j: number) => [1, 0][j], to2DArray: () => [[1, 0]] };
    const a = k(m, { rows: 1, cols: 2, data: new Float64Array([0, 1]) });
    expect(a.ntk.rows).toBe(1);
    expect(k.options).toEqual({ depth: 2, wStd: 1, bStd: 0, parameterization: 'ntk', width: 1 });
  });

  it('should throw typed errors naming the argument', () => {
    const cases: [() => unknown, unknown, string][] = [
      [() => fcReluKernel({ wStd: -1 }), DomainError, 'options.wStd'],
      [() => fcReluKernel({ bStd: -0.1 }), DomainError, 'options.bStd'],
      [() => fcReluKernel({ depth: 1.5 }), DomainError, 'options.depth'],
      [() => fcReluKernel({ depth: -1 }), DomainError, 'options.depth'],
      [() => fcReluKernel({ width: 0 }), DomainError, 'options.width'],
      [() => fcReluKernel({ parameterization: 'mup' as 'ntk' }), DomainError, 'options.parameterization'],
      [() => fcReluKernel({ wstd: 2 } as unknown as { wStd: number }), DomainError, 'options.wstd'],
      [() => fcReluKernel({ wStd: Number.NaN }), NonFiniteError, 'options.wStd'],
      [() => fcReluKernel({ depth: '2' as unknown as number }), ArgumentTypeError, 'options.depth'],
      [() => fcReluKernel()([[1, Number.NaN]]), NonFiniteError, 'x1'],
      [() => fcReluKernel()([[1, 2]], [[1, Number.POSITIVE_INFINITY]]), NonFiniteError, 'x2'],
      [() => fcReluKernel()([[1, 2]], [[1, 2, 3]]), ShapeError, 'x2'],
      [() => fcReluKernel()([]), ShapeError, 'x1'],
      [() => fcReluKernel().diag([[]]), ShapeError, 'x1'],
      [() => fcReluKernel().inputGradient([[1, 2]], [[1, 2]], [1, 2]), ShapeError, 'alpha'],
      [() => fcReluKernel().inputGradient([[1, 2]], [[1]]), ShapeError, 'z'],
      [
        () => fcReluKernel().inputGradient([[1, 2]], [[1, 2]], null, { get: 'both' as 'ntk' }),
        DomainError,
        'options.get',
      ],
    ];
    for (const [f, cls, arg] of cases) {
      const e = thrown(f) as { data: { arg: string; fn: string }; message: string };
      expect(e).toBeInstanceOf(cls as new (...a: never[]) => unknown);
      expect(e.data.arg).toBe(arg);
      expect(e.message.startsWith('fcReluKernel')).toBe(true);
    }
  });

  it('should give input gradients that match central finite differences (nngp and ntk)', () => {
    const z = [
      [1, 2, 3],
      [-1, 0.5, 2],
      [0.2, -1, 0.1],
    ];
    const alpha = [1, -2, 0.5];
    const x = [
      [0.3, -0.2, 1],
      [-2, 1, 0.5],
    ];
    for (const opts of [
      { depth: 1 },
      { depth: 3, wStd: 1.3, bStd: 0.2 },
      { depth: 2, wStd: 0.9, bStd: 1.1, parameterization: 'standard' as const, width: 5 },
    ]) {
      const k = fcReluKernel(opts);
      for (const get of ['nngp', 'ntk'] as const) {
        const g = k.inputGradient(x, z, alpha, { get });
        const h = 1e-6;
        const fd: number[] = [];
        for (let i = 0; i < x.length; i++)
          for (let c = 0; c < 3; c++) {
            const p = x[i].slice();
            const m = x[i].slice();
            p[c] += h;
            m[c] -= h;
            const kp = k([p], z)[get].data;
            const km = k([m], z)[get].data;
            let s = 0;
            for (let j = 0; j < 3; j++) s += alpha[j] * (kp[j] - km[j]);
            fd.push(s / (2 * h));
          }
        expect(allClose(g.data, fd, { rtol: 1e-6, atol: 1e-7 })).toEqual({ ok: true });
      }
    }
  });

  it('should return finite subgradients (no NaN) at x ∥ z, x = z, x = −z and x = 0', () => {
    const z = [
      [1, 2, 0],
      [0, 0, 0],
    ];
    const x = [
      [1, 2, 0],
      [2, 4, 0],
      [-1, -2, 0],
      [0, 0, 0],
    ];
    for (const opts of [
      { depth: 1 },
      { depth: 3, bStd: 0.5 },
      { depth: 2, parameterization: 'standard' as const },
    ]) {
      const k = fcReluKernel(opts);
      for (const get of ['nngp', 'ntk'] as const) {
        for (const v of k.inputGradient(x, z, null, { get }).data) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it('should give the exact gradient (∂Σ/∂Σ⁰)·z/d at x = 0 when bStd > 0', () => {
    // depth 0: Σ = w²x·z/d + b² → ∇ = w² z/d everywhere, also at x = 0
    const k = fcReluKernel({ depth: 0, wStd: 1.5, bStd: 0.3 });
    const g = k.inputGradient([[0, 0]], [[2, -4]], null, { get: 'nngp' });
    expect(allClose(g.data, [(2.25 * 2) / 2, (2.25 * -4) / 2], { rtol: 1e-15 })).toEqual({ ok: true });
    // depth 2 with bias: compare with a one-sided finite difference along ±e₁, ±e₂ (smooth at 0)
    const k2 = fcReluKernel({ depth: 2, wStd: 1.2, bStd: 0.7 });
    const g2 = k2.inputGradient([[0, 0]], [[2, -4]], null, { get: 'nngp' });
    const h = 1e-6;
    const f = (a: number, b: number) => k2([[a, b]], [[2, -4]]).nngp.data[0];
    const fd = [(f(h, 0) - f(-h, 0)) / (2 * h), (f(0, h) - f(0, -h)) / (2 * h)];
    expect(allClose(g2.data, fd, { rtol: 1e-6, atol: 1e-9 })).toEqual({ ok: true });
  });

  it('should give 0, not NaN, for tiny rows whose squares underflow (pinned property counterexample)', () => {
    // fast-check: x = [[0], [0], [1.57e-162]] against −x gave NaN before the power-of-two row rescaling
    const x = [[0], [0], [1.5717277847026288e-162]];
    const r = fcReluKernel({ depth: 1 })(
      x,
      x.map((row) => row.map((v) => -v)),
    ).nngp;
    for (const v of r.data) expect(v).toBe(0);
    const h = fcReluKernel({ depth: 1, wStd: 0.3 })(
      [[1.5717277847026288e-162]],
      [[0], [0], [1.5036719716250049e-158]],
    );
    for (const v of [...h.nngp.data, ...h.ntk.data]) expect(Number.isFinite(v)).toBe(true);
  });

  it('should stay finite and exactly homogeneous when s₁₂² would overflow (bias, huge × moderate rows)', () => {
    // Σ and Θ are homogeneous of degree 2 in (x, z, σ_b) jointly, and scaling by a power of two is exact in
    // float64 while nothing over- or underflows: k(2^a·u, −2^c·u; b) = 2^(a+c)·k(2^((a−c)/2)·u, −2^((c−a)/2)·u;
    // 2^(−(a+c)/2)·b). With a + c = 530 the left side needs the Dense-layer rescaling (s₁₂² ≈ 2^1060;
    // without it the update was ∞·0 = NaN); the right side (products near 1) never does.
    const u = [0.7, -1.3, 0.4, 2.1, -0.9];
    const big = fcReluKernel({ depth: 3, wStd: 1.2, bStd: 0.3 })(
      [u.map((v) => v * 2 ** 500)],
      [u.map((v) => -v * 2 ** 30)],
    );
    const small = fcReluKernel({ depth: 3, wStd: 1.2, bStd: 0.3 * 2 ** -265 })(
      [u.map((v) => v * 2 ** 235)],
      [u.map((v) => -v * 2 ** -235)],
    );
    expect(Number.isFinite(big.ntk.data[0]) && Number.isFinite(big.nngp.data[0])).toBe(true);
    expect(big.nngp.data[0]).toBe(small.nngp.data[0] * 2 ** 530);
    expect(big.ntk.data[0]).toBe(small.ntk.data[0] * 2 ** 530);
  });

  it('should keep input gradients finite and homogeneous when s₁₂² would overflow (bias, huge × moderate rows)', () => {
    // Scaling x, z and σ_b by 2^s scales k by 2^(2s), so ∇ₓk scales by 2^s: with s = 265 the left side
    // needs the Dense-layer rescaling in the backward pass too (√det was computed from an overflowing det).
    const u = [0.7, -1.3, 0.4, 2.1, -0.9];
    for (const get of ['ntk', 'nngp'] as const) {
      const big = fcReluKernel({ depth: 3, wStd: 1.2, bStd: 0.3 }).inputGradient(
        [u.map((v) => v * 2 ** 500)],
        [u.map((v) => -v * 2 ** 30)],
        null,
        { get },
      );
      const small = fcReluKernel({ depth: 3, wStd: 1.2, bStd: 0.3 * 2 ** -265 }).inputGradient(
        [u.map((v) => v * 2 ** 235)],
        [u.map((v) => -v * 2 ** -235)],
        null,
        { get },
      );
      expect(Array.from(big.data).every(Number.isFinite), get).toBe(true);
      expect(Array.from(small.data).every(Number.isFinite), get).toBe(true);
      // Power-of-two rescalings are exact, so the two sides agree to the last bit.
      expect(Array.from(big.data), get).toEqual(Array.from(small.data, (v) => v * 2 ** 265));
    }
  });

  it('should match finite differences of the NNGP for nearly parallel and antiparallel pairs (explicit path)', () => {
    // angles 1e-4 from ±z: sin θ < 1e-3, so the direction w is built per pair instead of through the GEMM
    const z = [[1, 2, -0.5]];
    const t = 1e-4;
    const xs = [
      [1 + t, 2 - t / 2, -0.5 + t],
      [-1 - t, -2 + t / 2, 0.5 - t],
    ];
    for (const opts of [{ depth: 1 }, { depth: 2, wStd: 1.3, bStd: 0.4 }]) {
      const k = fcReluKernel(opts);
      for (const x of xs) {
        const g = k.inputGradient([x], z, null, { get: 'nngp' });
        const h = 1e-7;
        const fd = [0, 1, 2].map((c) => {
          const p = x.slice();
          const m = x.slice();
          p[c] += h;
          m[c] -= h;
          return (k([p], z).nngp.data[0] - k([m], z).nngp.data[0]) / (2 * h);
        });
        expect(allClose(g.data, fd, { rtol: 1e-5, atol: 1e-8 })).toEqual({ ok: true });
      }
    }
  });
});
