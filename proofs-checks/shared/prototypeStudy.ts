/**
 * The prototype setting of claims C11–C13 (THEORY.md): d = 2, n = 8 points on the circle, ρ = 0.2 rad caps,
 * softplus two-layer net of width m = 1000 with symmetric init, logistic loss, α = 0.5, T = 1500,
 * R ∈ {2, 8, 32}, training attack = PGD with 2 signed steps of 0.1 rad on the angle. One study computes
 * everything the three checks need; it is cached per (quick, seed) so running C11–C13 in one process
 * trains once.
 */

import { AbortError } from '../../src/errors.ts';
import { projectToBall } from '../../src/nn/projectToBall.ts';
import { twoLayerNet } from '../../src/nn/twoLayerNet.ts';
import { createRng } from '../../src/random/rng.ts';
import { adversarialTrain } from '../../src/robust/adversarialTrain.ts';
import type { TrainableModel } from '../../src/types.ts';
import type { CheckContext } from '../framework/check.ts';
import { circleData } from './circleData.ts';
import { circleRobustLoss, type OnlineTerms, onlineTerms, traceTrain } from './onlineTerms.ts';

/** Settings of the study (full mode = THEORY.md's prototype). */
export interface PrototypeSettings {
  readonly width: number;
  readonly iterations: number;
  readonly radii: readonly number[];
  readonly rho: number;
  readonly learningRate: number;
  /** Grid points per arc of the exact attack used for training. */
  readonly gridTrain: number;
  /** Grid points per arc for robust-loss estimates. */
  readonly gridDense: number;
  readonly robustEvery: number;
}

export function prototypeSettings(quick: boolean): PrototypeSettings {
  return quick
    ? {
        width: 200,
        iterations: 300,
        radii: [2, 8, 32],
        rho: 0.2,
        learningRate: 0.5,
        gridTrain: 21,
        gridDense: 401,
        robustEvery: 25,
      }
    : {
        width: 1000,
        iterations: 1500,
        radii: [2, 8, 32],
        rho: 0.2,
        learningRate: 0.5,
        gridTrain: 31,
        gridDense: 401,
        robustEvery: 50,
      };
}

/** One comparator W' against one training run. */
export interface ComparatorTerms {
  readonly name: string;
  /** Robust loss L*(W') (dense grid, maxed with the losses at every attacked point of the run). */
  readonly robustLoss: number;
  readonly terms: OnlineTerms;
}

/** One training run (PGD or exact attack) at one radius. */
export interface RunSummary {
  /** min_t L_A(W_t). */
  readonly minSurrogate: number;
  /** min over measured t of the dense-grid robust loss L*(W_t). */
  readonly minRobust: number;
  /** max over measured t of L*(W_t) − L_A(W_t) (grid discretisation and attack gap). */
  readonly maxRobustGap: number;
  readonly slack: number;
  readonly gradBound: number;
  readonly maxDistance: number;
  readonly surrogateCurve: readonly number[];
  readonly robustCurve: readonly { t: number; value: number }[];
  readonly comparators: readonly ComparatorTerms[];
}

export interface RadiusStudy {
  readonly radius: number;
  readonly pgd: RunSummary;
  readonly exact: RunSummary;
}

export interface PrototypeStudy {
  readonly settings: PrototypeSettings;
  readonly byRadius: readonly RadiusStudy[];
  /** β/(2√m)·‖x‖² with β = sup|σ''| = 1/4 for softplus: the C9 curvature constant. */
  readonly curvature: number;
  readonly seconds: number;
}

const cache = new Map<string, Promise<PrototypeStudy>>();

/** Runs (or returns the cached) study. */
export function prototypeStudy(ctx: CheckContext): Promise<PrototypeStudy> {
  const key = `${ctx.quick}:${ctx.seed}`;
  let p = cache.get(key);
  if (!p) {
    p = Promise.resolve().then(() => runStudy(ctx));
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

function randomBallPoint(
  w0: Float64Array,
  layers: TrainableModel['layers'],
  R: number,
  scale: number,
  seed: number,
): Float64Array {
  const rng = createRng(seed);
  const w = w0.slice();
  for (const l of layers) {
    const g = rng.fillNormal(new Float64Array(l.length));
    let s = 0;
    for (const v of g) s += v * v;
    const k = (R * scale) / Math.sqrt(s);
    for (let j = 0; j < l.length; j++) w[l.offset + j] += k * g[j];
  }
  projectToBall(w, w0, layers, R);
  return w;
}

function runStudy(ctx: CheckContext): PrototypeStudy {
  const t0 = performance.now();
  const st = prototypeSettings(ctx.quick);
  const { x, y } = circleData(8);
  const netSeed = ctx.seed;
  const makeNet = () =>
    twoLayerNet({ inputDim: 2, width: st.width, activation: 'softplus', init: 'symmetric', seed: netSeed });
  const set = { kind: 'cap', radius: st.rho } as const;
  const loss = 'logistic' as const;
  const curvature = 0.25 / (2 * Math.sqrt(st.width));
  const check = () => {
    if (ctx.signal?.aborted) throw new AbortError('study must not be aborted', { fn: 'prototypeStudy' });
  };
  // Clean training without a ball; projected per radius below.
  ctx.log(`prototype: clean training (m = ${st.width}, T = ${st.iterations})`);
  const clean = adversarialTrain(makeNet(), x, y, {
    attack: { kind: 'none' },
    set,
    loss,
    learningRate: st.learningRate,
    iterations: st.iterations,
    robustEvery: 0,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const byRadius: RadiusStudy[] = [];
  for (const R of st.radii) {
    check();
    const base = {
      set,
      loss,
      learningRate: st.learningRate,
      iterations: st.iterations,
      ballRadius: R,
      robustEvery: st.robustEvery,
      robustAttack: { kind: 'exact-cap', gridPoints: st.gridDense },
      seed: ctx.seed,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    } as const;
    ctx.log(`prototype: R = ${R}: exact-attack training`);
    const ex = traceTrain(makeNet(), x, y, {
      ...base,
      attack: { kind: 'exact-cap', gridPoints: st.gridTrain },
    });
    ctx.log(`prototype: R = ${R}: PGD training`);
    const pg = traceTrain(makeNet(), x, y, {
      ...base,
      attack: { kind: 'pgd', steps: 2, stepSize: st.rho / 2 },
    });
    const w0 = pg.result.initialParams;
    const layers = pg.result.net.layers;
    const withParams = (p: Float64Array): TrainableModel => {
      const c = makeNet();
      c.params.set(p);
      return c;
    };
    const cleanProj = clean.net.params.slice();
    projectToBall(cleanProj, w0, layers, R);
    const randoms = [1, 0.5].map((s, k) => ({
      name: `random point of the ball #${k + 1} (‖W'−W₀‖ = ${s}R)`,
      net: withParams(randomBallPoint(w0, layers, R, s, ctx.seed * 31 + k + 1)),
    }));
    const common = [
      { name: 'clean-trained, projected into the ball', net: withParams(cleanProj) },
      ...randoms,
      { name: 'W₀ (initialisation)', net: withParams(w0) },
    ];
    const summarize = (
      run: ReturnType<typeof traceTrain>,
      comps: readonly { name: string; net: TrainableModel }[],
    ): RunSummary => {
      const h = run.result.history;
      let minRobust = Number.POSITIVE_INFINITY;
      let maxGap = Number.NEGATIVE_INFINITY;
      const robustCurve: { t: number; value: number }[] = [];
      for (const r of h) {
        if (r.robustLoss === undefined) continue;
        minRobust = Math.min(minRobust, r.robustLoss);
        maxGap = Math.max(maxGap, r.robustLoss - r.surrogateLoss);
        robustCurve.push({ t: r.iteration, value: r.robustLoss });
      }
      return {
        minSurrogate: run.result.best.surrogateLoss,
        minRobust,
        maxRobustGap: maxGap,
        slack: run.result.bound.slack,
        gradBound: run.result.bound.gradBound,
        maxDistance: Math.max(...h.map((r) => Math.max(...Object.values(r.distanceFromInit.byLayer)))),
        surrogateCurve: h.map((r) => r.surrogateLoss),
        robustCurve,
        comparators: comps.map((c) => {
          const terms = onlineTerms(run.trace, c.net, w0, y, loss, st.learningRate, curvature);
          return {
            name: c.name,
            robustLoss: circleRobustLoss(c.net, x, y, st.rho, loss, 2001, terms.perSampleMax),
            terms,
          };
        }),
      };
    };
    ctx.log(`prototype: R = ${R}: comparators`);
    const pgdSummary = summarize(pg, [
      { name: 'exact-attack adversarially trained (best iterate)', net: ex.result.best.net },
      ...common,
    ]);
    const exactSummary = summarize(ex, [
      { name: 'PGD adversarially trained (best iterate)', net: pg.result.best.net },
      ...common,
    ]);
    byRadius.push({ radius: R, pgd: pgdSummary, exact: exactSummary });
  }
  return { settings: st, byRadius, curvature, seconds: (performance.now() - t0) / 1000 };
}
