import { readFileSync } from 'node:fs';
import { IoError } from '../errors.ts';
import { dataPath } from './dataPath.ts';
import type { Dataset } from './dataset.ts';
import { parseNumericCsv } from './parseNumericCsv.ts';

/**
 * The UCI Breast Cancer Wisconsin (Diagnostic) data: 569 tumours, 30 real-valued features.
 *
 * Features are raw (very different scales); standardise them before using a kernel.
 *
 * @returns `{ x, y, classNames }` with x shape [569, 30], y shape [569] with 0 = malignant, 1 = benign
 * @throws {@link IoError} if the vendored file is missing or malformed
 * @example
 * const bc = loadBreastCancer();
 * bc.x.cols; // 30
 * bc.classNames; // ["malignant", "benign"]
 * @see W. Wolberg, O. Mangasarian, N. Street, W. Street (1993), UCI ML Repository, doi:10.24432/C5DW2B (CC BY 4.0)
 * @remarks Since 0.1.0
 */
export function loadBreastCancer(): Dataset {
  const text = readFileSync(dataPath('breast_cancer.csv'), 'utf8');
  const newline = text.indexOf('\n');
  const header = text.slice(0, newline).trim().split(',');
  const rows = Number(header[0]);
  const cols = Number(header[1]);
  if (header.length < 4 || !Number.isInteger(rows) || !Number.isInteger(cols)) {
    throw new IoError(`header must be "rows,cols,class0,class1" (got ${JSON.stringify(header.join(','))})`, {
      fn: 'loadBreastCancer',
      arg: 'breast_cancer.csv',
    });
  }
  const raw = parseNumericCsv(text.slice(newline + 1), cols + 1, 'loadBreastCancer', 'breast_cancer.csv');
  const n = raw.length / (cols + 1);
  if (n !== rows) {
    throw new IoError(`breast_cancer.csv must have ${rows} data rows as its header says (got ${n})`, {
      fn: 'loadBreastCancer',
      arg: 'breast_cancer.csv',
      expected: rows,
      actual: n,
    });
  }
  const x = new Float64Array(n * cols);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x.set(raw.subarray(i * (cols + 1), i * (cols + 1) + cols), i * cols);
    y[i] = raw[i * (cols + 1) + cols];
  }
  return {
    x: { rows: n, cols, data: x },
    y,
    classNames: header.slice(2, 4),
    source: 'UCI Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street, Mangasarian), CC BY 4.0',
  };
}
