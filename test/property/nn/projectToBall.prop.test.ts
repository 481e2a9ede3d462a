import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { projectToBall } from '../../../src/nn/projectToBall.ts';
import { train } from '../../../src/nn/train.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';

const vec = (n: number, max: number) =>
  fc
    .array(fc.double({ min: -max, max, noNaN: true }), { minLength: n, maxLength: n })
    .map((a) => Float64Array.from(a));

const dist = (a: Float64Array, b: Float64Array, off: number, len: number): number => {
  let s = 0;
  for (let i = off; i < off + len; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
};

const caseArb = fc
  .record({ len1: fc.integer({ min: 1, max: 8 }), len2: fc.integer({ min: 1, max: 8 }) })
  .chain(({ len1, len2 }) =>
    fc.record({
      len1: fc.constant(len1),
      len2: fc.constant(len2),
      p: vec(len1 + len2, 100),
      p0: vec(len1 + len2, 100),
      q: vec(len1 + len2, 1),
      radius: fc.double({ min: 0, max: 50, noNaN: true }),
    }),
  );

describe('projectToBall (properties)', () => {
  test.prop([caseArb])('should land in the ball, per layer', ({ len1, len2, p, p0, radius }) => {
    const layers = [
      { name: 'W', offset: 0, length: len1 },
      { name: 'a', offset: len1, length: len2 },
    ];
    const out = p.slice();
    const d = projectToBall(out, p0, layers, radius);
    expect(dist(out, p0, 0, len1)).toBeLessThanOrEqual(radius);
    expect(dist(out, p0, len1, len2)).toBeLessThanOrEqual(radius);
    expect(d[0]).toBeLessThanOrEqual(radius);
    expect(d[1]).toBeLessThanOrEqual(radius);
  });

  test.prop([caseArb])(
    'should be no farther from p than any point of the ball (it is the Euclidean projection)',
    ({ len1, len2, p, p0, q, radius }) => {
      const layers = [
        { name: 'W', offset: 0, length: len1 },
        { name: 'a', offset: len1, length: len2 },
      ];
      const proj = p.slice();
      projectToBall(proj, p0, layers, radius);
      // A point of the ball: p0 + a direction scaled into each block's ball.
      const other = p0.slice();
      for (const { offset, length } of layers) {
        const n = dist(q, new Float64Array(q.length), offset, length);
        const s = n > 0 ? (radius * 0.999) / n : 0;
        for (let i = offset; i < offset + length; i++) other[i] = p0[i] + s * q[i];
      }
      const all = p.length;
      expect(dist(p, proj, 0, all)).toBeLessThanOrEqual(dist(p, other, 0, all) * (1 + 1e-12) + 1e-12);
    },
  );

  test.prop([fc.double({ min: 0.01, max: 20, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true })], {
    numRuns: 20,
  })('should keep every training iterate in B(W₀, R)', (learningRate, radius) => {
    const net = twoLayerNet({ inputDim: 2, width: 6, activation: 'softplus', train: 'both', seed: 3 });
    const r = train(
      net,
      [
        [1, 0],
        [0.6, 0.8],
        [-1, 0],
      ],
      [1, -1, 1],
      {
        loss: 'logistic',
        learningRate,
        iterations: 20,
        ballRadius: radius,
      },
    );
    for (const ds of r.distanceHistory) for (const d of ds) expect(d).toBeLessThanOrEqual(radius);
    const final = r.model.params;
    expect(dist(final, net.initialParams, 0, 12)).toBeLessThanOrEqual(radius);
    expect(dist(final, net.initialParams, 12, 6)).toBeLessThanOrEqual(radius);
  });
});
