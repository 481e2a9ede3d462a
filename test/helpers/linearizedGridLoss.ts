/**
 * Test helper shared by the unit and integration tests of minimizeLinearizedRobustLoss.
 */
import { jacobian } from '../../src/nn/jacobian.ts';
import { loss as lossByName } from '../../src/nn/loss.ts';
import type { twoLayerNet } from '../../src/nn/twoLayerNet.ts';

/**
 * The grid-discretised linearised robust loss W ↦ F_G(W), computed independently (own angles, Jacobian
 * and maximum); the Jacobian is built once.
 */
export function gridLoss(
  net: ReturnType<typeof twoLayerNet>,
  x: number[][],
  y: number[],
  rho: number,
  G: number,
  lossName: 'logistic' | 'square',
): (w: Float64Array) => number {
  const l = lossByName(lossName);
  const pts: number[][] = [];
  for (let i = 0; i < x.length; i++) {
    const th = Math.atan2(x[i][1], x[i][0]);
    for (let k = 0; k < G; k++) {
      const phi = th - rho + (2 * rho * k) / (G - 1);
      pts.push([Math.cos(phi), Math.sin(phi)]);
    }
  }
  const f0 = net.predict(pts);
  const J = jacobian(net, pts);
  const w0 = net.params.slice();
  return (w) => {
    let total = 0;
    for (let i = 0; i < x.length; i++) {
      let mx = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < G; k++) {
        const a = i * G + k;
        let s = f0[a];
        for (let q = 0; q < J.cols; q++) s += J.data[a * J.cols + q] * (w[q] - w0[q]);
        mx = Math.max(mx, l.value(s, y[i]));
      }
      total += mx;
    }
    return total / x.length;
  };
}
