/**
 * C8 — surrogate ≤ robust loss for any weights and attack; the exact (grid-argmax) attack attains it.
 */
import { exactCapAttack } from '../src/attacks/exactCapAttack.ts';
import { runAttack } from '../src/attacks/runAttack.ts';
import type { AttackSpec } from '../src/attacks/types.ts';
import type { LossName } from '../src/nn/loss.ts';
import { twoLayerNet } from '../src/nn/twoLayerNet.ts';
import { adversarialTrain } from '../src/robust/adversarialTrain.ts';
import type { TrainableModel } from '../src/types.ts';
import { type Check, type Comparison, compare } from './framework/check.ts';
import { circleData } from './shared/circleData.ts';

/** Dense-grid robust loss with a per-sample upper bound from the largest observed slope along the arc. */
function robustBracket(
  net: TrainableModel,
  x: ReturnType<typeof circleData>,
  rho: number,
  loss: LossName,
  grid: number,
): { lower: number; upper: number } {
  const n = x.y.length;
  const r = exactCapAttack(net, x.x, x.y, { radius: rho, gridPoints: grid, loss });
  // Losses on the whole grid, to bound the slope: true max ≤ grid max + h·max|Δℓ/Δθ| (a factor 2 of safety
  // over the h/2·K bound for a K-Lipschitz function, absorbing the change of slope within one cell).
  const h = (2 * rho) / (grid - 1);
  const pts = new Float64Array(2 * n * grid);
  for (let i = 0; i < n; i++) {
    for (let g = 0; g < grid; g++) {
      const phi = x.angles[i] + rho * ((2 * g - (grid - 1)) / (grid - 1));
      pts[2 * (i * grid + g)] = Math.cos(phi);
      pts[2 * (i * grid + g) + 1] = Math.sin(phi);
    }
  }
  const f = net.predict({ rows: n * grid, cols: 2, data: pts });
  const lossFn = {
    square: (p: number, y: number) => (p - y) ** 2,
    logistic: (p: number, y: number) => Math.log1p(Math.exp(-y * p)),
    hinge: (p: number, y: number) => Math.max(0, 1 - y * p),
  }[loss];
  let upper = 0;
  for (let i = 0; i < n; i++) {
    let slope = 0;
    for (let g = 1; g < grid; g++) {
      slope = Math.max(
        slope,
        Math.abs(lossFn(f[i * grid + g], x.y[i]) - lossFn(f[i * grid + g - 1], x.y[i])) / h,
      );
    }
    upper += r.losses[i] + h * slope;
  }
  return { lower: r.meanLoss, upper: upper / n };
}

const check: Check = {
  id: 'C8',
  title: 'Surrogate loss ≤ robust loss; the exact attack attains the robust loss',
  claim:
    'For any weights W and any attack A with A(x) ∈ B(x): L_A(W) ≤ L*(W). On the circle (d = 2, caps of half-width ρ), the grid-argmax attack attains L*(W) up to the grid resolution, and exactly on its own grid.',
  async run(ctx) {
    const rho = 0.2;
    const data = circleData(8);
    const grid = ctx.quick ? 4001 : 20001;
    const width = ctx.quick ? 100 : 400;
    const loss = 'logistic' as const;
    const set = { kind: 'cap', radius: rho } as const;
    const trained = adversarialTrain(
      twoLayerNet({ inputDim: 2, width, activation: 'softplus', init: 'symmetric', seed: ctx.seed }),
      data.x,
      data.y,
      {
        attack: { kind: 'pgd', steps: 2, stepSize: 0.1 },
        set,
        loss,
        learningRate: 0.5,
        iterations: ctx.quick ? 60 : 200,
        ballRadius: 8,
        robustEvery: 0,
        seed: ctx.seed,
      },
    ).net;
    const models: { name: string; net: TrainableModel }[] = [
      { name: 'softplus, adversarially trained', net: trained },
      {
        name: 'softplus, gaussian init',
        net: twoLayerNet({ inputDim: 2, width, activation: 'softplus', seed: ctx.seed + 1 }),
      },
      {
        name: 'relu, gaussian init',
        net: twoLayerNet({ inputDim: 2, width, activation: 'relu', seed: ctx.seed + 2 }),
      },
      {
        name: 'relu², gaussian init',
        net: twoLayerNet({ inputDim: 2, width, activation: 'relu2', seed: ctx.seed + 3 }),
      },
    ];
    const attacks: { name: string; spec: AttackSpec }[] = [
      { name: 'FGSM', spec: { kind: 'fgsm' } },
      { name: 'PGD-2 (0.1 rad)', spec: { kind: 'pgd', steps: 2, stepSize: 0.1 } },
      { name: 'PGD-10 ×3 random restarts', spec: { kind: 'pgd', steps: 10, restarts: 3, randomStart: true } },
      { name: 'exact grid (201 points)', spec: { kind: 'exact-cap', gridPoints: 201 } },
    ];
    const comparisons: Comparison[] = [];
    const rows: (string | number)[][] = [];
    for (const m of models) {
      const rb = robustBracket(m.net, data, rho, loss, grid);
      for (const a of attacks) {
        const la = runAttack(m.net, data.x, data.y, { attack: a.spec, set, loss, seed: ctx.seed }).meanLoss;
        comparisons.push(
          compare(`${m.name}, ${a.name}: L_A ≤ L* (upper end of the grid bracket)`, la, '<=', rb.upper),
        );
        rows.push([m.name, a.name, la, rb.lower, rb.upper]);
      }
      const exact201 = runAttack(m.net, data.x, data.y, {
        attack: { kind: 'exact-cap', gridPoints: 201 },
        set,
        loss,
      }).meanLoss;
      comparisons.push(
        compare(
          `${m.name}: exact attack (201 points) attains L* within the 201-grid resolution`,
          rb.upper - exact201,
          '<=',
          robustBracket(m.net, data, rho, loss, 201).upper - exact201,
        ),
      );
      const same = exactCapAttack(m.net, data.x, data.y, { radius: rho, gridPoints: grid, loss }).meanLoss;
      comparisons.push(
        compare(
          `${m.name}: exact attack on the reference grid equals L*_grid (|difference|)`,
          Math.abs(same - rb.lower),
          '<=',
          0,
        ),
      );
    }
    return {
      comparisons,
      tables: [
        {
          title: 'Surrogate vs robust loss on the circle (ρ = 0.2 rad)',
          columns: ['model', 'attack', 'L_A', 'L* grid (lower)', 'L* upper'],
          rows,
        },
      ],
      notes: [
        `Robust loss bracket: grid of ${grid} points per arc (lower end) and grid max + h·(largest loss slope between neighbouring grid points) (upper end). Width m = ${width}; logistic loss; 8 points on the circle.`,
        'The inequality L_A ≤ L* is compared with the upper end, so the check does not rely on the grid being exact; the PGD points need not lie on the grid.',
      ],
    };
  },
};

export default check;
