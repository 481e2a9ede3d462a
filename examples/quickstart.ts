import { fcReluKernel, fitKernelRegression, loadDigits, normalizeRows } from '../src/index.ts';

// Digits 3 vs 8 (UCI, vendored), scaled to the unit sphere, labels ±1.
const digits = loadDigits();
const rows = [...digits.y.keys()].filter((i) => digits.y[i] === 3 || digits.y[i] === 8);
const x = normalizeRows(rows.map((i) => Array.from(digits.x.data.subarray(i * 64, i * 64 + 64))));
const y = rows.map((i) => (digits.y[i] === 3 ? 1 : -1));

// An infinitely wide 3-hidden-layer ReLU network trained to convergence on the first 200 points.
const kernel = fcReluKernel({ depth: 3, wStd: Math.SQRT2, bStd: 0.1 });
const train = { rows: 200, cols: 64, data: x.data.subarray(0, 200 * 64) };
const test = { rows: x.rows - 200, cols: 64, data: x.data.subarray(200 * 64) };
const model = fitKernelRegression(kernel, train, y.slice(0, 200));
const f = model.predict(test).data;
const accuracy = y.slice(200).filter((yi, i) => Math.sign(f[i]) === yi).length / test.rows;
console.log(`NTK test accuracy, 3 vs 8: ${(100 * accuracy).toFixed(1)} % on ${test.rows} images`);
