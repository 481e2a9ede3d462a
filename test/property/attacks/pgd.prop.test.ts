import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { linearModel } from '../../../proofs-checks/shared/linearModel.ts';
import { fgsm, pgd, setViolation } from '../../../src/attacks/index.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import type { Mat } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';
import { entry } from '../../helpers/arbitraries.ts';

const kinds = fc.constantFrom('linf', 'l2', 'cap') as fc.Arbitrary<'linf' | 'l2' | 'cap'>;
const losses = fc.constantFrom('square', 'logistic', 'hinge') as fc.Arbitrary<
  'square' | 'logistic' | 'hinge'
>;

/** n×d inputs with entries in [−3, 3]; unit rows when `unit`. */
const inputs = (n: number, d: number, unit: boolean): fc.Arbitrary<Mat> =>
  fc.array(entry(3), { minLength: n * d, maxLength: n * d }).map((v) => {
    const data = Float64Array.from(v);
    if (unit) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += data[i * d + j] ** 2;
        if (s < 1e-12) data[i * d] = s = 1;
        const r = Math.sqrt(s);
        for (let j = 0; j < d; j++) data[i * d + j] /= r;
      }
    }
    return { rows: n, cols: d, data };
  });

const scenario = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    d: fc.integer({ min: 1, max: 4 }),
    kind: kinds,
    loss: losses,
    radius: fc.double({ min: 0, max: 2, noNaN: true }),
    steps: fc.integer({ min: 0, max: 6 }),
    stepSize: fc.double({ min: 0, max: 1, noNaN: true }),
    restarts: fc.integer({ min: 1, max: 3 }),
    randomStart: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1000 }),
    act: fc.constantFrom('relu', 'relu2', 'softplus') as fc.Arbitrary<'relu' | 'relu2' | 'softplus'>,
  })
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      x: inputs(s.n, s.d, s.kind === 'cap'),
      y: fc.array(fc.constantFrom(-1, 1), { minLength: s.n, maxLength: s.n }),
    }),
  );

describe('pgd (properties)', () => {
  test.prop([scenario], { numRuns: 60 })('should return points inside the set (1e-12)', ({ s, x, y }) => {
    const net = twoLayerNet({ inputDim: s.d, width: 6, activation: s.act, seed: s.seed });
    const set = { kind: s.kind, radius: s.radius };
    const r = pgd(net, x, y, { ...s, set });
    expect(r.maxSetViolation).toBeLessThanOrEqual(1e-12);
    expect(setViolation(x, r.points, { set }).max).toBeLessThanOrEqual(1e-12);
    const f = fgsm(net, x, y, { set, loss: s.loss });
    expect(setViolation(x, f.points, { set }).max).toBeLessThanOrEqual(1e-12);
  });

  test.prop([scenario], { numRuns: 40 })(
    'should never lower any per-sample loss with more steps or more restarts',
    ({ s, x, y }) => {
      const net = twoLayerNet({ inputDim: s.d, width: 6, activation: s.act, seed: s.seed });
      const o = { ...s, set: { kind: s.kind, radius: s.radius } };
      const base = pgd(net, x, y, o);
      const moreSteps = pgd(net, x, y, { ...o, steps: s.steps + 3 });
      const moreRestarts = pgd(net, x, y, { ...o, restarts: s.restarts + 2 });
      for (let i = 0; i < s.n; i++) {
        expect(moreSteps.losses[i]).toBeGreaterThanOrEqual(base.losses[i]);
        expect(moreRestarts.losses[i]).toBeGreaterThanOrEqual(base.losses[i]);
      }
      // And the reported loss is the loss of the reported point.
      const again = net.predict(base.points);
      expect(allClose(again, base.predictions, { rtol: 1e-12, atol: 1e-12 })).toEqual({ ok: true });
    },
  );

  test.prop(
    [
      fc.integer({ min: 1, max: 5 }).chain((d) =>
        fc.record({
          w: fc.array(entry(5), { minLength: d, maxLength: d }),
          b: entry(2),
          x: fc.array(entry(5), { minLength: d, maxLength: d }),
          y: entry(5),
          rho: fc.double({ min: 0, max: 2, noNaN: true }),
          kind: fc.constantFrom('linf', 'l2') as fc.Arbitrary<'linf' | 'l2'>,
        }),
      ),
    ],
    { numRuns: 100 },
  )('should attain (|y − f(x)| + ρ‖w‖)² on a linear model with square loss (FGSM = PGD = exact)', (c) => {
    const m = linearModel(c.w, c.b);
    const f0 = c.b + c.w.reduce((s, v, j) => s + v * c.x[j], 0);
    const r = Math.abs(c.y - f0);
    fc.pre(r > 1e-6);
    const norm = c.kind === 'linf' ? c.w.reduce((s, v) => s + Math.abs(v), 0) : Math.hypot(...c.w);
    const exact = (r + c.rho * norm) ** 2;
    const set = { kind: c.kind, radius: c.rho };
    const fg = fgsm(m, [c.x], [c.y], { set, loss: 'square', targets: 'real' }).meanLoss;
    const pg = pgd(m, [c.x], [c.y], {
      set,
      loss: 'square',
      targets: 'real',
      steps: 4,
      stepSize: c.rho / 2,
    }).meanLoss;
    expect(allClose([fg, pg], [exact, exact], { rtol: 1e-10, atol: 1e-10 })).toEqual({ ok: true });
  });
});
