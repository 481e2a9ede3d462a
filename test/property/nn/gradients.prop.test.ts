import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fcReluNet } from '../../../src/nn/fcReluNet.ts';
import { twoLayerNet } from '../../../src/nn/twoLayerNet.ts';
import type { Mat, TrainableModel } from '../../../src/types.ts';
import { allClose } from '../../helpers/allClose.ts';

const H = 1e-6;

/** Σ_i u_i f(x_i) for the model at its current parameters. */
function weighted(model: TrainableModel, x: Mat, u: Float64Array): number {
  const f = model.predict(x);
  let s = 0;
  for (let i = 0; i < f.length; i++) s += u[i] * f[i];
  return s;
}

function fdParams(model: TrainableModel, x: Mat, u: Float64Array): Float64Array {
  const p = model.params;
  const g = new Float64Array(p.length);
  for (let k = 0; k < p.length; k++) {
    const v = p[k];
    p[k] = v + H;
    const fp = weighted(model, x, u);
    p[k] = v - H;
    const fm = weighted(model, x, u);
    p[k] = v;
    g[k] = (fp - fm) / (2 * H);
  }
  return g;
}

function fdInputs(model: TrainableModel, x: Mat, u: Float64Array): Float64Array {
  const g = new Float64Array(x.data.length);
  const xd = x.data.slice();
  const xx: Mat = { rows: x.rows, cols: x.cols, data: xd };
  for (let k = 0; k < xd.length; k++) {
    const v = xd[k];
    xd[k] = v + H;
    const fp = weighted(model, xx, u);
    xd[k] = v - H;
    const fm = weighted(model, xx, u);
    xd[k] = v;
    g[k] = (fp - fm) / (2 * H);
  }
  return g;
}

/** Smallest |pre-activation| over every hidden unit and sample (ReLU kinks make FD invalid near 0). */
function twoLayerMargin(W: Mat, x: Mat): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < x.rows; i++)
    for (let r = 0; r < W.rows; r++) {
      let z = 0;
      for (let j = 0; j < x.cols; j++) z += W.data[r * W.cols + j] * x.data[i * x.cols + j];
      min = Math.min(min, Math.abs(z));
    }
  return min;
}

/** Reference forward pass of fcReluNet, returning the smallest |hidden pre-activation|. */
function deepMargin(net: ReturnType<typeof fcReluNet>, x: Mat): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < x.rows; i++) {
    let h = Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols));
    for (let l = 0; l < net.depth; l++) {
      const fanIn = net.sizes[l];
      const fanOut = net.sizes[l + 1];
      const off = net.layers[l].offset;
      const next: number[] = [];
      for (let o = 0; o < fanOut; o++) {
        let z = 0;
        for (let j = 0; j < fanIn; j++) z += net.params[off + o * fanIn + j] * h[j];
        z = (net.wStd / Math.sqrt(fanIn)) * z + net.bStd * net.params[off + fanOut * fanIn + o];
        min = Math.min(min, Math.abs(z));
        next.push(Math.max(z, 0));
      }
      h = next;
    }
  }
  return min;
}

const small = (n: number) =>
  fc
    .array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n, maxLength: n })
    .map((a) => Float64Array.from(a));

const twoLayerCase = fc
  .record({
    d: fc.integer({ min: 1, max: 5 }),
    half: fc.integer({ min: 1, max: 4 }),
    n: fc.integer({ min: 1, max: 4 }),
    activation: fc.constantFrom('relu' as const, 'relu2' as const, 'softplus' as const),
    train: fc.constantFrom('first' as const, 'both' as const),
    init: fc.constantFrom('symmetric' as const, 'gaussian' as const),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .chain((c) => fc.tuple(fc.constant(c), small(c.n * c.d), small(c.n)));

const deepCase = fc
  .record({
    d: fc.integer({ min: 1, max: 4 }),
    width: fc.integer({ min: 1, max: 6 }),
    depth: fc.integer({ min: 0, max: 3 }),
    n: fc.integer({ min: 1, max: 3 }),
    wStd: fc.double({ min: 0.5, max: 2, noNaN: true }),
    bStd: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .chain((c) => fc.tuple(fc.constant(c), small(c.n * c.d), small(c.n)));

describe('network gradients (properties)', () => {
  test.prop([twoLayerCase])(
    'should match central finite differences for twoLayerNet (params and inputs)',
    ([c, xs, u]) => {
      const net = twoLayerNet({
        inputDim: c.d,
        width: 2 * c.half,
        activation: c.activation,
        train: c.train,
        init: c.init,
        seed: c.seed,
      });
      const x: Mat = { rows: c.n, cols: c.d, data: xs };
      // Away from the ReLU/ReLU² kink only: there the one-sided slopes differ and FD is meaningless.
      fc.pre(c.activation === 'softplus' || twoLayerMargin(net.W, x) > 1e-3);
      const gp = net.paramGradient(x, u);
      expect(allClose(gp, fdParams(net, x, u), { rtol: 1e-5, atol: 1e-6 })).toEqual({ ok: true });
      const gx = net.inputGradient(x, u).data;
      expect(allClose(gx, fdInputs(net, x, u), { rtol: 1e-5, atol: 1e-6 })).toEqual({ ok: true });
    },
  );

  test.prop([deepCase])(
    'should match central finite differences for fcReluNet (params and inputs)',
    ([c, xs, u]) => {
      const net = fcReluNet({
        inputDim: c.d,
        width: c.width,
        depth: c.depth,
        wStd: c.wStd,
        bStd: c.bStd,
        seed: c.seed,
      });
      const x: Mat = { rows: c.n, cols: c.d, data: xs };
      fc.pre(deepMargin(net, x) > 1e-3);
      const gp = net.paramGradient(x, u);
      expect(allClose(gp, fdParams(net, x, u), { rtol: 1e-5, atol: 1e-6 })).toEqual({ ok: true });
      const gx = net.inputGradient(x, u).data;
      expect(allClose(gx, fdInputs(net, x, u), { rtol: 1e-5, atol: 1e-6 })).toEqual({ ok: true });
    },
  );

  test.prop([twoLayerCase])(
    'should give an input gradient linear in upstream (all-ones default)',
    ([c, xs]) => {
      const net = twoLayerNet({ inputDim: c.d, width: 2 * c.half, activation: c.activation, seed: c.seed });
      const x: Mat = { rows: c.n, cols: c.d, data: xs };
      const ones = new Float64Array(c.n).fill(1);
      expect(Array.from(net.inputGradient(x).data)).toEqual(Array.from(net.inputGradient(x, ones).data));
    },
  );
});
