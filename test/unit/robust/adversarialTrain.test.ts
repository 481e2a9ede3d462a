import { describe, expect, it } from 'vitest';
import { circleData } from '../../../proofs-checks/shared/circleData.ts';
import { linearModel } from '../../../proofs-checks/shared/linearModel.ts';
import { AbortError, ArgumentTypeError, DomainError, ShapeError } from '../../../src/errors.ts';
import { loss } from '../../../src/nn/loss.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { adversarialTrain } from '../../../src/robust/index.ts';

const { x, y } = circleData(8);
const set = { kind: 'cap', radius: 0.2 } as const;
const attack = { kind: 'pgd', steps: 2, stepSize: 0.1 } as const;
const net = (train: 'first' | 'both' = 'first') =>
  twoLayerNet({ inputDim: 2, width: 40, activation: 'softplus', init: 'symmetric', train, seed: 7 });

describe('adversarialTrain', () => {
  it('should keep every layer within R of W₀ at every iteration (1e-12)', () => {
    for (const train of ['first', 'both'] as const) {
      const R = 0.3;
      const r = adversarialTrain(net(train), x, y, {
        attack,
        set,
        learningRate: 2,
        iterations: 40,
        ballRadius: R,
        robustEvery: 0,
      });
      const layerDists = r.history.flatMap((h) => Object.values(h.distanceFromInit.byLayer));
      expect(layerDists.length).toBe(40 * (train === 'first' ? 1 : 2));
      expect(Math.max(...layerDists)).toBeLessThanOrEqual(R + 1e-12);
      // The ball constraint is active (training would leave it otherwise).
      expect(Math.max(...layerDists)).toBeGreaterThan(R * (1 - 1e-9));
      const final = r.net.params.map((v, k) => v - r.initialParams[k]);
      expect(Math.hypot(...final.subarray(0, 80))).toBeLessThanOrEqual(R + 1e-12);
    }
  });

  it('should record surrogate ≥ clean, robust ≥ surrogate, and the slack from the measured G', () => {
    const r = adversarialTrain(net(), x, y, {
      attack,
      set,
      learningRate: 0.5,
      iterations: 12,
      ballRadius: 2,
      robustEvery: 5,
    });
    expect(r.status).toBe('completed');
    expect(r.history.map((h) => h.robustLoss !== undefined)).toEqual(
      Array.from({ length: 12 }, (_, t) => t % 5 === 0 || t === 11),
    );
    for (const h of r.history) {
      expect(h.surrogateLoss).toBeGreaterThanOrEqual(h.cleanLoss);
      if (h.robustLoss !== undefined) expect(h.robustLoss).toBeGreaterThanOrEqual(h.surrogateLoss);
    }
    const G = Math.max(...r.history.map((h) => h.gradNorm));
    expect(r.bound.gradBound).toBe(G);
    expect(r.bound.slack).toBe(4 / (2 * 0.5 * 12) + (0.5 * G * G) / 2);
    const all = [...r.history, r.final!];
    expect(r.final?.iteration).toBe(12);
    const minLA = Math.min(...all.map((h) => h.surrogateLoss));
    expect(r.best.surrogateLoss).toBe(minLA);
    expect(all[r.best.iteration].surrogateLoss).toBe(minLA);
    // best.net holds the parameters of that iterate: its clean loss is the recorded one.
    const fb = r.best.net.predict(x);
    let cl = 0;
    for (let i = 0; i < 8; i++) cl += Math.log1p(Math.exp(-y[i] * fb[i]));
    expect(cl / 8).toBeCloseTo(all[r.best.iteration].cleanLoss, 14);
  });

  it('should record the clean loss of each iterate (reused from the first evaluation of the attack)', () => {
    const params: Float64Array[] = [];
    const r = adversarialTrain(net(), x, y, {
      attack,
      set,
      learningRate: 0.5,
      iterations: 4,
      ballRadius: 2,
      robustEvery: 0,
      onStep: (s) => params.push(s.params.slice()),
    });
    for (const [t, p] of params.entries()) {
      const m = net();
      m.params.set(p);
      // The cap attack renormalises the rows of x exactly so (prepareAttack); the clean loss is at those rows.
      const xn = { rows: 8, cols: 2, data: x.data.slice() };
      for (let i = 0; i < 8; i++) {
        const nr = Math.sqrt(xn.data[2 * i] ** 2 + xn.data[2 * i + 1] ** 2);
        for (let j = 0; j < 2; j++) xn.data[2 * i + j] /= nr;
      }
      const f = m.predict(xn);
      let cl = 0;
      for (let i = 0; i < 8; i++) cl += loss('logistic').value(f[i], y[i]);
      expect(r.history[t].cleanLoss).toBe(cl / 8);
      // Not the surrogate (after t = 0, where f(W₀, ·) ≡ 0, the attack raises the loss).
      if (t > 0) expect(r.history[t].surrogateLoss).toBeGreaterThan(r.history[t].cleanLoss);
    }
  });

  it('should be deterministic and leave the input network unchanged', () => {
    const n0 = net();
    const before = Array.from(n0.params);
    const o = {
      attack: { kind: 'pgd', steps: 2, restarts: 2, randomStart: true },
      set,
      learningRate: 0.5,
      iterations: 6,
      ballRadius: 1,
      seed: 3,
    } as const;
    const a = adversarialTrain(n0, x, y, o);
    const b = adversarialTrain(n0, x, y, o);
    expect(Array.from(n0.params)).toEqual(before);
    expect(Array.from(a.net.params)).toEqual(Array.from(b.net.params));
    expect(a.history).toEqual(b.history);
  });

  it('should train with the exact cap attack and no attack', () => {
    const exact = adversarialTrain(net(), x, y, {
      attack: { kind: 'exact-cap', gridPoints: 21 },
      set,
      learningRate: 0.5,
      iterations: 3,
      ballRadius: 1,
      robustEvery: 1,
    });
    const clean = adversarialTrain(net(), x, y, {
      attack: { kind: 'none' },
      set,
      learningRate: 0.5,
      iterations: 3,
      ballRadius: 1,
    });
    for (const h of clean.history) expect(h.surrogateLoss).toBe(h.cleanLoss);
    for (const h of exact.history) expect(h.robustLoss! - h.surrogateLoss).toBeLessThan(1e-4);
  });

  it('should throw AbortError when the signal is aborted, with the iteration', () => {
    const ctl = new AbortController();
    let seen = 0;
    const run = () =>
      adversarialTrain(net(), x, y, {
        attack,
        set,
        learningRate: 0.5,
        iterations: 50,
        signal: ctl.signal,
        onProgress: (rec) => {
          seen = rec.iteration + 1;
          if (rec.iteration === 3) ctl.abort();
        },
      });
    expect(run).toThrow(AbortError);
    expect(seen).toBe(4);
    try {
      run();
    } catch (e) {
      expect((e as AbortError).data.iteration).toBe(0);
    }
  });

  it('should stop with a divergence report when the step size blows the loss up', () => {
    const lin = linearModel([1, 1], 0);
    const r = adversarialTrain(
      lin,
      [
        [1, 2],
        [-1, 0.5],
      ],
      [1, -1],
      {
        attack: { kind: 'fgsm' },
        set: { kind: 'l2', radius: 0.1 },
        loss: 'square',
        learningRate: 1e3,
        iterations: 500,
      },
    );
    expect(r.status).toBe('diverged');
    expect(r.stopped?.reason).toBe('diverged');
    expect(r.stopped!.iteration).toBeGreaterThan(0);
    expect(r.history.length).toBe(r.stopped!.iteration);
    expect(r.net.params.every(Number.isFinite)).toBe(true);
  });

  it('should satisfy the online gradient descent regret bound for a linear model (convex loss)', () => {
    const lin = linearModel([0.2, -0.1], 0.05);
    const xs = [
      [1, 0.5],
      [-0.5, 1],
      [0.3, -0.8],
      [-1, -0.2],
    ];
    const ys = [1, -1, 1, -1];
    const steps: { pts: Float64Array; g: Float64Array; w: Float64Array }[] = [];
    const alpha = 0.3;
    const R = 0.5;
    const r = adversarialTrain(lin, xs, ys, {
      attack: { kind: 'pgd', steps: 3 },
      set: { kind: 'l2', radius: 0.3 },
      loss: 'logistic',
      learningRate: alpha,
      iterations: 60,
      ballRadius: R,
      robustEvery: 0,
      onStep: (s) => steps.push({ pts: s.points.data.slice(), g: s.gradient.slice(), w: s.params.slice() }),
    });
    const w0 = r.initialParams;
    const comparator = Float64Array.from(w0, (v, k) => v + (k === 0 ? R : 0));
    const Lt = (w: Float64Array, pts: Float64Array) => {
      let s = 0;
      for (let i = 0; i < 4; i++) {
        const f = w[0] * pts[2 * i] + w[1] * pts[2 * i + 1] + w[2];
        s += Math.log1p(Math.exp(-ys[i] * f));
      }
      return s / 4;
    };
    let regret = 0;
    let gsq = 0;
    steps.forEach((s, t) => {
      regret += Lt(s.w, s.pts) - Lt(comparator, s.pts);
      gsq += s.g.reduce((a, v) => a + v * v, 0);
      const T = t + 1;
      const d2 = comparator.reduce((a, v, k) => a + (v - w0[k]) ** 2, 0);
      expect(regret / T).toBeLessThanOrEqual(d2 / (2 * alpha * T) + (alpha * gsq) / (2 * T) + 1e-12);
    });
  });

  it('should throw typed errors for bad arguments', () => {
    const base = { attack, set, learningRate: 0.5, iterations: 2 } as const;
    expect(() => adversarialTrain({} as never, x, y, base)).toThrow(ArgumentTypeError);
    expect(() => adversarialTrain(net(), [[1, 0, 0]], [1], base)).toThrow(ShapeError);
    expect(() => adversarialTrain(net(), x, y, { ...base, learningRate: 0 })).toThrow(DomainError);
    expect(() => adversarialTrain(net(), x, y, { ...base, iterations: -1 })).toThrow(DomainError);
    expect(() => adversarialTrain(net(), x, [1, -1, 1, -1, 1, -1, 1, 0.5], base)).toThrow(/y\[7\] = 0.5/);
    expect(() => adversarialTrain(net(), x, y, { ...base, center: new Float64Array(3) })).toThrow(ShapeError);
    expect(() => adversarialTrain(net(), x, y, { ...base, ballRadius: -1 })).toThrow(DomainError);
    expect(() => adversarialTrain(net(), x, y, { ...base, loss: 'l1' as never })).toThrow(DomainError);
    expect(() => adversarialTrain(net(), x, y, { ...base, attack: { kind: 'cw' } as never })).toThrow(
      DomainError,
    );
  });

  it('should measure every batch against its set: a custom attack that leaves the set is recorded', () => {
    const outside = {
      kind: 'custom',
      name: 'rotate by 2ρ',
      run: (_m: unknown, xs: { rows: number; data: Float64Array }) => {
        const out = new Float64Array(xs.data.length);
        for (let i = 0; i < xs.rows; i++) {
          const phi = Math.atan2(xs.data[2 * i + 1], xs.data[2 * i]) + 0.4;
          out[2 * i] = Math.cos(phi);
          out[2 * i + 1] = Math.sin(phi);
        }
        return { rows: xs.rows, cols: 2, data: out };
      },
    } as const;
    const bad = adversarialTrain(net(), x, y, { attack: outside, set, learningRate: 0.5, iterations: 3 });
    for (const h of bad.history) expect(h.maxSetViolation).toBeCloseTo(0.2, 12);
    const good = adversarialTrain(net(), x, y, { attack, set, learningRate: 0.5, iterations: 3 });
    for (const h of [...good.history, good.final!]) expect(h.maxSetViolation).toBeLessThanOrEqual(1e-12);
  });

  it('should use options.center as W₀ and report projected steps', () => {
    const n0 = net();
    const center = n0.params.map((v) => v + 0.01);
    const r = adversarialTrain(n0, x, y, {
      attack,
      set,
      learningRate: 5,
      iterations: 4,
      ballRadius: 0.05,
      center,
    });
    expect(Array.from(r.initialParams)).toEqual(Array.from(center));
    expect(r.history.some((h) => h.projected)).toBe(true);
    const d = Math.hypot(...r.net.params.map((v, k) => v - center[k]));
    expect(d).toBeLessThanOrEqual(0.05 + 1e-12);
  });
});
