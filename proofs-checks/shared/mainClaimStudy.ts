/**
 * The measurements behind C11–C13 (the main convergence theorem at finite width), built on a comparator
 * that does not come from the code under test: W′_lin, the minimiser of the convex linearised robust loss
 * over B(W₀, R) (with a certified lower bound), whose true robust loss L*(W′_lin) is the upper end of a
 * certified robust-loss bracket. Trainer and attacks are ingredients, so a negative control can inject a
 * broken one.
 *
 * Setting: d = 2, n = 8 points on the circle (labels +1 on one half, −1 on the other), caps of half-width
 * ρ = 0.2, softplus two-layer net with symmetric init (f(W₀, ·) ≡ 0, so L_A(W₀) = log 2), first layer trained,
 * logistic loss. The theorem's schedule: with G₀ = ‖∇L(W₀)‖ and a target slack ε_s, α = ε_s/G₀² and
 * T = ⌈R²G₀²/ε_s²⌉ (so R²/(2αT) + αG₀²/2 ≈ ε_s, α ∝ 1/√T).
 */
import { runAttack } from '../../src/attacks/runAttack.ts';
import type { AttackSpec } from '../../src/attacks/types.ts';
import { AbortError } from '../../src/errors.ts';
import { jacobian } from '../../src/nn/jacobian.ts';
import { loss as lossByName } from '../../src/nn/loss.ts';
import { twoLayerNet } from '../../src/nn/twoLayerNet.ts';
import {
  type AdversarialTrainOptions,
  type AdversarialTrainResult,
  adversarialTrain,
  type CustomTrainingAttack,
} from '../../src/robust/adversarialTrain.ts';
import { minimizeLinearizedRobustLoss } from '../../src/robust/minimizeLinearizedRobustLoss.ts';
import { roundsSlack, theoremSchedule } from '../../src/robust/onlineGradientTerms.ts';
import { robustLossBracket } from '../../src/robust/robustLossBracket.ts';
import type { Mat, TrainableModel } from '../../src/types.ts';
import type { CheckContext } from '../framework/check.ts';
import { circleData } from './circleData.ts';

/** A training procedure with the signature of adversarialTrain (the ingredient a negative control replaces). */
export type Trainer = (
  net: TrainableModel,
  x: Mat,
  y: Float64Array,
  options: AdversarialTrainOptions,
) => AdversarialTrainResult;

/** The replaceable ingredients of C11–C13. */
export interface MainClaimIngredients {
  /** @defaultValue adversarialTrain */
  readonly trainer: Trainer;
  /** Training attack of C11/C13. @defaultValue PGD, 2 steps of ρ/2 on the angle */
  readonly attack: AttackSpec | CustomTrainingAttack;
  /** Training attack of C12 (the exact attack). @defaultValue grid of `gridTrain` points per arc */
  readonly exactAttack: AttackSpec | CustomTrainingAttack;
}

export const LOG2 = Math.log(2);
const BETA = 0.25; // sup |σ''| for softplus
const LIPSCHITZ = 1; // logistic loss

export interface MainClaimSettings {
  readonly width: number;
  readonly radii: readonly number[];
  readonly rho: number;
  /** Target slack ε_s of the theorem's schedule. */
  readonly slackTarget: number;
  /** Grid points per arc of the exact training attack. */
  readonly gridTrain: number;
  /** Grid points per arc of the certified brackets. */
  readonly gridBracket: number;
  /** Grid points per arc of the linearised problem. */
  readonly gridSolver: number;
  readonly solverIterations: number;
  /** Widths for ε_lin measured vs bound (at the middle radius). */
  readonly widthGrid: readonly number[];
  /** Multipliers of ε_s for the slack-vs-T runs at the middle radius (T ∝ 1/ε_s²). */
  readonly slackMultipliers: readonly number[];
  /** Number of iterates (besides the best) where C12 measures the certified L*(W_t). */
  readonly robustSamples: number;
}

export function mainClaimSettings(quick: boolean): MainClaimSettings {
  return quick
    ? {
        width: 1024,
        radii: [1, 2, 4],
        rho: 0.2,
        slackTarget: 0.03,
        gridTrain: 21,
        gridBracket: 101,
        gridSolver: 41,
        solverIterations: 1500,
        widthGrid: [64, 256, 1024],
        slackMultipliers: [4, 2],
        robustSamples: 3,
      }
    : {
        width: 4096,
        radii: [1, 2, 4],
        rho: 0.2,
        slackTarget: 0.025,
        gridTrain: 21,
        gridBracket: 201,
        gridSolver: 41,
        solverIterations: 3000,
        widthGrid: [256, 1024, 4096],
        slackMultipliers: [4, 2],
        robustSamples: 3,
      };
}

/** The theorem's ε_lin bound 2 L_ℓ β R²/√m (loss L_ℓ-Lipschitz, |σ''| ≤ β, |a_r| = 1, unit inputs). */
export function epsLinBound(R: number, width: number): number {
  return (2 * LIPSCHITZ * BETA * R * R) / Math.sqrt(width);
}

/**
 * ε_lin for a comparator in B(W₀, R₁) and iterates in B(W₀, R₂): L_ℓβ(R₁ + R₂)²/(2√m) (‖W′ − W_t‖ ≤ R₁ + R₂);
 * equals {@link epsLinBound} for R₁ = R₂.
 */
export function epsLinBoundPair(R1: number, R2: number, width: number): number {
  return (LIPSCHITZ * BETA * (R1 + R2) ** 2) / (2 * Math.sqrt(width));
}

export function makeNet(width: number, seed: number): TrainableModel {
  return twoLayerNet({ inputDim: 2, width, activation: 'softplus', init: 'symmetric', seed });
}

/** The comparator at one radius. */
export interface ComparatorAtR {
  readonly radius: number;
  readonly net: TrainableModel;
  /** F_G(W′) and its certified lower bound (linearised problem). */
  readonly linValue: number;
  readonly linLower: number;
  readonly linDiscretisation: number;
  readonly distance: number;
  /** Certified upper end of L*(W′) for the true network, and the attained lower end. */
  readonly robustUpper: number;
  readonly robustLower: number;
}

export interface Comparators {
  readonly settings: MainClaimSettings;
  readonly x: Mat;
  readonly y: Float64Array;
  /** ‖∇L(W₀)‖ on the clean points. */
  readonly g0: number;
  readonly byRadius: readonly ComparatorAtR[];
  /** Comparators at the middle radius for each width of widthGrid (with G₀ at that width). */
  readonly byWidth: readonly { width: number; g0: number; comparator: ComparatorAtR }[];
}

function certifiedRobust(net: TrainableModel, x: Mat, y: Float64Array, rho: number, grid: number) {
  return robustLossBracket(net, x, y, {
    set: { kind: 'cap', radius: rho },
    loss: 'logistic',
    attack: { kind: 'fgsm' },
    gridPoints: grid,
  });
}

function comparatorAt(
  net: TrainableModel,
  x: Mat,
  y: Float64Array,
  R: number,
  st: MainClaimSettings,
): ComparatorAtR {
  const sol = minimizeLinearizedRobustLoss(net, x, y, {
    set: { kind: 'cap', radius: st.rho },
    ballRadius: R,
    gridPoints: st.gridSolver,
    iterations: st.solverIterations,
  });
  const b = certifiedRobust(sol.model, x, y, st.rho, st.gridBracket);
  return {
    radius: R,
    net: sol.model,
    linValue: sol.value,
    linLower: sol.lowerBound,
    linDiscretisation: sol.discretisation,
    distance: sol.distance,
    robustUpper: b.meanUpper,
    robustLower: b.meanLower,
  };
}

const comparatorCache = new Map<string, Promise<Comparators>>();

/** Comparators W′_lin per radius (cached per mode and seed: they do not depend on the ingredients). */
export function comparators(ctx: CheckContext): Promise<Comparators> {
  const key = `${ctx.quick}:${ctx.seed}`;
  let p = comparatorCache.get(key);
  if (!p) {
    p = Promise.resolve().then(() => {
      const st = mainClaimSettings(ctx.quick);
      const { x, y } = circleData(8, 'halves');
      const net = makeNet(st.width, ctx.seed);
      const byRadius = st.radii.map((R) => {
        abortIf(ctx);
        ctx.log(`main claim: comparator W′_lin at R = ${R}`);
        return comparatorAt(net, x, y, R, st);
      });
      const mid = st.radii[Math.floor(st.radii.length / 2)];
      const byWidth = st.widthGrid.map((m) => {
        abortIf(ctx);
        const netM = makeNet(m, ctx.seed);
        return {
          width: m,
          g0: theoremSchedule(netM, x, y, 1, 1).g0,
          comparator:
            m === st.width
              ? (byRadius.find((c) => c.radius === mid) as ComparatorAtR)
              : comparatorAt(netM, x, y, mid, st),
        };
      });
      return { settings: st, x, y, g0: theoremSchedule(net, x, y, 1, 1).g0, byRadius, byWidth };
    });
    comparatorCache.set(key, p);
    p.catch(() => comparatorCache.delete(key));
  }
  return p;
}

function abortIf(ctx: CheckContext): void {
  if (ctx.signal?.aborted)
    throw new AbortError('main-claim study must not be aborted', { fn: 'mainClaimStudy' });
}

/** The theorem's schedule for radius R and target slack ε_s, given G₀. */
export function schedule(R: number, g0: number, slackTarget: number): { alpha: number; T: number } {
  return {
    alpha: slackTarget / (g0 * g0),
    T: Math.max(1, Math.ceil((R * R * g0 * g0) / (slackTarget * slackTarget))),
  };
}

/** One training run, summarised over the rounds t = 1..T. */
export interface RunSummary {
  readonly radius: number;
  readonly width: number;
  readonly alpha: number;
  readonly T: number;
  /** min_{1≤t≤T} L_A(W_t) and its t. */
  readonly minSurrogate: number;
  readonly tStar: number;
  /** max_{1≤t≤T} ‖∇L_A(W_t)‖. */
  readonly gradBound: number;
  /** ‖W_1 − W′‖ and W_1 itself. */
  readonly startDistance: number;
  readonly w1: Float64Array;
  /** ‖W_1 − W′‖²/(2αT) + αG²/2: the online-gradient-descent slack of the rounds t = 1..T. */
  readonly slack: number;
  /** max_t max_h ‖W_t,h − W₀,h‖ over t = 0..T. */
  readonly maxDistance: number;
  /** max_t of the batch points' distance outside their sets. */
  readonly maxViolation: number;
  /** Steps whose update left the ball and was projected. */
  readonly projectedSteps: number;
  /** max_{t≥1} ε_t, ε_t = L_t(W_t) − L_t(W′) − ⟨g_t, W_t − W′⟩ (the linearisation term of the regret argument; ≤ 0 where the loss is convex along the segment). */
  readonly epsRegret: number;
  /**
   * Measured ε_lin: L_ℓ · max over sampled t ≥ 1 and i of |f(W′, x_i^(t)) − f(W_t, x_i^(t)) − ⟨∇f(W_t, x_i^(t)), W′ − W_t⟩|,
   * the quantity the theorem's bound controls (≈ 40 iterates sampled evenly).
   */
  readonly epsMeasured: number;
  /** L_A(W_t), t = 0..T. */
  readonly curve: readonly number[];
  /** Parameters at t* and at a few evenly spaced t ≥ 1 (for certified robust-loss measurements). */
  readonly snapshots: readonly { t: number; surrogate: number; params: Float64Array }[];
  readonly diverged: boolean;
}

function runOne(
  ctx: CheckContext,
  trainer: Trainer,
  attack: AttackSpec | CustomTrainingAttack,
  comp: ComparatorAtR,
  x: Mat,
  y: Float64Array,
  width: number,
  alpha: number,
  T: number,
  rho: number,
  samples: number,
): RunSummary {
  const R = comp.radius;
  const l = lossByName('logistic');
  const wc = comp.net.params;
  const n = y.length;
  let epsMax = Number.NEGATIVE_INFINITY;
  let linMax = 0;
  const scratch = makeNet(width, ctx.seed);
  const linEvery = Math.max(1, Math.floor(T / 40));
  let w1: Float64Array | undefined;
  const every = Math.max(1, Math.floor(T / samples));
  const kept = new Map<number, Float64Array>();
  let bestT = -1;
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestParams: Float64Array | undefined;
  const r = trainer(makeNet(width, ctx.seed), x, y, {
    attack,
    set: { kind: 'cap', radius: rho },
    loss: 'logistic',
    learningRate: alpha,
    iterations: T,
    ballRadius: R,
    robustEvery: 0,
    seed: ctx.seed,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onStep: (s) => {
      if (s.iteration === 0) return;
      if (s.iteration === 1) w1 = s.params.slice();
      if (s.iteration % every === 0) kept.set(s.iteration, s.params.slice());
      if (s.surrogateLoss < bestLoss) {
        bestLoss = s.surrogateLoss;
        bestT = s.iteration;
        bestParams = s.params.slice();
      }
      const f = comp.net.predict(s.points);
      let lc = 0;
      for (let i = 0; i < n; i++) lc += l.value(f[i], y[i]);
      lc /= n;
      let lin = 0;
      for (let k = 0; k < wc.length; k++) lin += s.gradient[k] * (s.params[k] - wc[k]);
      epsMax = Math.max(epsMax, s.surrogateLoss - lc - lin);
      if (s.iteration % linEvery === 0) {
        scratch.params.set(s.params);
        const ft = scratch.predict(s.points);
        const J = jacobian(scratch, s.points).data;
        const P = wc.length;
        for (let i = 0; i < n; i++) {
          let dir = 0;
          for (let k = 0; k < P; k++) dir += J[i * P + k] * (wc[k] - s.params[k]);
          linMax = Math.max(linMax, Math.abs(f[i] - ft[i] - dir));
        }
      }
    },
  });
  const records = r.final !== undefined ? [...r.history, r.final] : [...r.history];
  if (r.final !== undefined && r.final.iteration >= 1 && r.final.surrogateLoss < bestLoss) {
    bestLoss = r.final.surrogateLoss;
    bestT = r.final.iteration;
    bestParams = r.net.params.slice();
  }
  const terms = roundsSlack(r, w1, wc, alpha);
  const G = terms.gradBound;
  const slack = terms.slack;
  const snapshots: { t: number; surrogate: number; params: Float64Array }[] = [];
  if (bestParams !== undefined) snapshots.push({ t: bestT, surrogate: bestLoss, params: bestParams });
  for (const [t, p] of kept) {
    if (t !== bestT) snapshots.push({ t, surrogate: records[t]?.surrogateLoss ?? Number.NaN, params: p });
  }
  return {
    radius: R,
    width,
    alpha,
    T,
    minSurrogate: bestLoss,
    tStar: bestT,
    gradBound: G,
    startDistance: terms.startDistance,
    w1: w1 ?? r.net.params.slice(),
    slack,
    maxDistance: Math.max(...records.map((h) => Math.max(...Object.values(h.distanceFromInit.byLayer)))),
    maxViolation: Math.max(...records.map((h) => h.maxSetViolation)),
    projectedSteps: r.history.filter((h) => h.projected).length,
    epsRegret: epsMax,
    epsMeasured: LIPSCHITZ * linMax,
    curve: records.map((h) => h.surrogateLoss),
    snapshots,
    diverged: r.status === 'diverged',
  };
}

/** Training runs with one attack at every radius (and, for C11, the width and slack grids). */
export interface RunSet {
  readonly comparators: Comparators;
  readonly byRadius: readonly RunSummary[];
  /** Middle radius, each width of widthGrid (empty unless requested). */
  readonly byWidth: readonly RunSummary[];
  /** Middle radius, each slack multiplier then the main run (empty unless requested). */
  readonly bySlack: readonly RunSummary[];
}

export const defaultIngredients = (rho: number, gridTrain: number): MainClaimIngredients => ({
  trainer: adversarialTrain,
  attack: { kind: 'pgd', steps: 2, stepSize: rho / 2 },
  exactAttack: { kind: 'exact-cap', gridPoints: gridTrain },
});

const runCache = new Map<string, Promise<RunSet>>();

/**
 * Training runs for one attack kind. Runs with the default ingredients are cached per (mode, seed, kind)
 * so C11 and C13 share them; runs with injected ingredients are never cached.
 */
export function trainingRuns(
  ctx: CheckContext,
  kind: 'pgd' | 'exact',
  ingredients: Partial<MainClaimIngredients> | undefined,
  grids: boolean,
): Promise<RunSet> {
  const injected = ingredients !== undefined && Object.keys(ingredients).length > 0;
  const key = `${ctx.quick}:${ctx.seed}:${kind}:${grids}`;
  if (!injected) {
    const hit = runCache.get(key);
    if (hit) return hit;
  }
  const p = comparators(ctx).then((comps) => {
    const st = comps.settings;
    const ing = { ...defaultIngredients(st.rho, st.gridTrain), ...(ingredients ?? {}) };
    const attack = kind === 'pgd' ? ing.attack : ing.exactAttack;
    const { x, y } = comps;
    const byRadius = comps.byRadius.map((c) => {
      abortIf(ctx);
      const { alpha, T } = schedule(c.radius, comps.g0, st.slackTarget);
      ctx.log(`main claim: ${kind} training at R = ${c.radius} (α = ${alpha.toFixed(3)}, T = ${T})`);
      return runOne(ctx, ing.trainer, attack, c, x, y, st.width, alpha, T, st.rho, st.robustSamples);
    });
    const mid = comps.byRadius[Math.floor(comps.byRadius.length / 2)];
    const byWidth = grids
      ? comps.byWidth.map((w) => {
          abortIf(ctx);
          if (w.width === st.width) return byRadius[Math.floor(byRadius.length / 2)];
          const { alpha, T } = schedule(mid.radius, w.g0, st.slackTarget);
          ctx.log(`main claim: ${kind} training at m = ${w.width}`);
          return runOne(ctx, ing.trainer, attack, w.comparator, x, y, w.width, alpha, T, st.rho, 1);
        })
      : [];
    const bySlack = grids
      ? [
          ...st.slackMultipliers.map((k) => {
            abortIf(ctx);
            const { alpha, T } = schedule(mid.radius, comps.g0, k * st.slackTarget);
            ctx.log(`main claim: ${kind} training with ε_s × ${k} (T = ${T})`);
            return runOne(ctx, ing.trainer, attack, mid, x, y, st.width, alpha, T, st.rho, 1);
          }),
          byRadius[Math.floor(byRadius.length / 2)],
        ]
      : [];
    return { comparators: comps, byRadius, byWidth, bySlack };
  });
  if (!injected) {
    runCache.set(key, p);
    p.catch(() => runCache.delete(key));
  }
  return p;
}

/** Certified upper end of L*(W) for parameters `params` (the true network). */
export function certifiedRobustUpper(
  comps: Comparators,
  seed: number,
  params: Float64Array,
): { upper: number; lower: number } {
  const net = makeNet(comps.settings.width, seed);
  net.params.set(params);
  const b = certifiedRobust(net, comps.x, comps.y, comps.settings.rho, comps.settings.gridBracket);
  return { upper: b.meanUpper, lower: b.meanLower };
}

/**
 * Proven resolution of a G-point grid on the arcs for any W in B(W₀, R) (symmetric-init softplus net, first
 * layer trained, logistic loss): along the arc, |d f/dφ| ≤ m^{-1/2} Σ_r (1 + β‖w⁰_r‖)‖w_r − w⁰_r‖ ≤
 * R·√((1/m)Σ_r (1 + β‖w⁰_r‖)²) (the pairs cancel at W₀; σ′ ≤ 1, |σ″| ≤ β, unit tangent), so the arc
 * maximum of the 1-Lipschitz loss exceeds the grid maximum by at most K h/2, h = 2ρ/(G − 1).
 */
export function gridResolution(width: number, seed: number, R: number, rho: number, G: number): number {
  const net = makeNet(width, seed);
  const w = net.params;
  let s = 0;
  for (let r = 0; r < width; r++) s += (1 + BETA * Math.hypot(w[2 * r], w[2 * r + 1])) ** 2;
  const K = R * Math.sqrt(s / width);
  return ((K * (2 * rho)) / (G - 1) / 2) * (1 + 1e-12);
}

/** Wraps a model so that its parameter gradient is negated: a trainer on it climbs the loss. */
export function negatedGradient(net: TrainableModel): TrainableModel {
  return {
    inputDim: net.inputDim,
    params: net.params,
    layers: net.layers,
    predict: (x) => net.predict(x),
    inputGradient: (x, u) => net.inputGradient(x, u),
    paramGradient: (x, u) => net.paramGradient(x, u).map((v) => -v),
    clone: () => negatedGradient(net.clone()),
  };
}

/** A training attack that runs PGD on a set of twice the radius: its points leave the ρ-caps. */
export function attackOutsideSet(rho: number): CustomTrainingAttack {
  return {
    kind: 'custom',
    name: `PGD on caps of radius ${2 * rho} (leaves the set)`,
    run: (model, x, y, seed) =>
      runAttack(model, x, y, {
        attack: { kind: 'pgd', steps: 4, stepSize: rho },
        set: { kind: 'cap', radius: 2 * rho },
        loss: 'logistic',
        seed,
      }).points,
  };
}

/** An "exact" attack that returns the clean points. */
export const cleanPointsAttack: CustomTrainingAttack = {
  kind: 'custom',
  name: 'exact attack returning the clean points',
  run: (_model, x) => x,
};
