import { describe, expect, it } from 'vitest';
import { robustLossBracket } from '../../../src/robust/robustLossBracket.ts';
import type { CertifiableModel, Mat, OutputBoundOptions, OutputBoundResult } from '../../../src/types.ts';

/** f(x) = w·x with the exact ℓ₂-ball bound min s·w·x' = s·w·x − ρ‖w‖ (optionally mis-stated by `lie`). */
function linearModel(w: number[], lie = 0): CertifiableModel {
  const norm = Math.hypot(...w);
  const predict = (x: Mat) => {
    const f = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) f[i] += w[j] * x.data[i * x.cols + j];
    return f;
  };
  return {
    inputDim: w.length,
    predict,
    inputGradient(x: Mat, upstream?: Float64Array): Mat {
      const g = new Float64Array(x.rows * x.cols);
      for (let i = 0; i < x.rows; i++)
        for (let j = 0; j < x.cols; j++) g[i * x.cols + j] = (upstream?.[i] ?? 1) * w[j];
      return { rows: x.rows, cols: x.cols, data: g };
    },
    boundOutput(x: Mat, o: OutputBoundOptions): OutputBoundResult {
      const f = predict(x);
      const lower = f.map((v, i) => o.sign[i] * v - o.set.radius * norm + lie);
      return { lower, method: new Array(x.rows).fill('linear'), nodes: new Float64Array(x.rows) };
    },
  };
}

const x = [
  [0.3, -0.2],
  [-0.5, 0.4],
];

describe('robustLossBracket with a certifiable model', () => {
  it('should use boundOutput for every loss and be exact for a linear model on an ℓ₂ ball', () => {
    const model = linearModel([1, 2]);
    const rho = 0.1;
    const r = Math.sqrt(5) * rho;
    for (const loss of ['square', 'logistic', 'hinge'] as const) {
      const b = robustLossBracket(model, x, [1, -1], { set: { kind: 'l2', radius: rho }, loss });
      expect(b.method).toEqual(['linear', 'linear']);
      // Exact robust losses: margins y·w·x − ρ‖w‖ (monotone losses); square loss at the farther end.
      const f = [0.3 - 0.4, -0.5 + 0.8];
      const expected =
        loss === 'square'
          ? [
              Math.max((f[0] - r - 1) ** 2, (f[0] + r - 1) ** 2),
              Math.max((f[1] - r + 1) ** 2, (f[1] + r + 1) ** 2),
            ]
          : [f[0] - r, -f[1] - r].map((m) =>
              loss === 'logistic' ? Math.log1p(Math.exp(-m)) : Math.max(0, 1 - m),
            );
      for (let i = 0; i < 2; i++) {
        expect(Math.abs(b.upper[i] - expected[i])).toBeLessThanOrEqual(1e-12 * (1 + expected[i]));
        expect(b.lower[i]).toBeLessThanOrEqual(b.upper[i]);
      }
    }
  });

  it('should leave an unsound certificate visible as upper < lower (negative control)', () => {
    const b = robustLossBracket(linearModel([1, 2], 0.05), x, [1, -1], {
      set: { kind: 'l2', radius: 0.1 },
      loss: 'logistic',
    });
    expect(b.upper[0]).toBeLessThan(b.lower[0]);
  });
});
