/**
 * The slow robustLossBracket cases (dense 20001-point exact arcs over every activation and loss), moved out of
 * the unit project: several seconds each, they timed out under the 5 s unit default on a loaded machine.
 */
import { describe, expect, it } from 'vitest';
import { circleData } from '../../../proofs-checks/shared/circleData.ts';
import { exactCapAttack } from '../../../src/attacks/exactCapAttack.ts';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import { robustLossBracket } from '../../../src/robust/index.ts';
import type { DifferentiableModel } from '../../../src/types.ts';

const { x: cx, y: cy } = circleData(8);

describe('robustLossBracket on circle caps (dense grids)', () => {
  it('should bracket the dense-grid robust loss on circle data (d = 2 caps) for every activation and fcRelu', () => {
    const models: DifferentiableModel[] = [
      twoLayerNet({ inputDim: 2, width: 40, activation: 'relu', seed: 1 }),
      twoLayerNet({ inputDim: 2, width: 40, activation: 'relu2', seed: 2 }),
      twoLayerNet({ inputDim: 2, width: 40, activation: 'softplus', seed: 3 }),
      fcReluNet({ inputDim: 2, width: 16, depth: 2, bStd: 0.3, seed: 4 }),
    ];
    for (const m of models) {
      for (const l of ['square', 'logistic', 'hinge'] as const) {
        const set = { kind: 'cap', radius: 0.2 } as const;
        const exact = exactCapAttack(m, cx, cy, { radius: 0.2, gridPoints: 20001, loss: l }).losses;
        const b = robustLossBracket(m, cx, cy, { set, loss: l, gridPoints: 1001 });
        for (let i = 0; i < exact.length; i++) {
          expect(b.lower[i]).toBeLessThanOrEqual(exact[i] + 1e-12);
          expect(b.upper[i]).toBeGreaterThanOrEqual(exact[i]);
          // The grid certificate is close to exact (remainder K·h/2 with h = 0.4/1000).
          expect(b.upper[i] - b.lower[i]).toBeLessThanOrEqual(0.02 * (1 + exact[i]));
        }
      }
    }
  });

  it('should stay certified with a coarse grid (the curvature remainder carries the bound) and be O(h²) tight', () => {
    for (const activation of ['softplus', 'relu2', 'relu'] as const) {
      const m = twoLayerNet({ inputDim: 2, width: 30, activation, seed: 11 });
      for (const l of ['square', 'logistic', 'hinge'] as const) {
        const exact = exactCapAttack(m, cx, cy, { radius: 0.3, gridPoints: 20001, loss: l }).losses;
        for (const G of [5, 11, 31]) {
          const set = { kind: 'cap', radius: 0.3 } as const;
          const b = robustLossBracket(m, cx, cy, { set, loss: l, gridPoints: G, attack: { kind: 'none' } });
          for (let i = 0; i < exact.length; i++) expect(b.upper[i]).toBeGreaterThanOrEqual(exact[i]);
        }
      }
      if (activation !== 'relu') {
        // Smooth activation and loss: the cell remainder is M h²/8, so 10× the grid gives ~100× less gap.
        const set = { kind: 'cap', radius: 0.3 } as const;
        const attack = { kind: 'none' } as const; // the grid maximum is the lower end
        const o = { set, loss: 'logistic', attack, maxNodes: 0 } as const; // the grid alone, no refinement
        const g1 = robustLossBracket(m, cx, cy, { ...o, gridPoints: 101 }).gap;
        const g2 = robustLossBracket(m, cx, cy, { ...o, gridPoints: 1001 }).gap;
        expect(g2).toBeLessThan(0.03 * g1);
        expect(g2).toBeLessThan(1e-5);
      }
    }
  });
});
