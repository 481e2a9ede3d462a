import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataPath } from './dataPath.ts';
import type { Dataset } from './dataset.ts';
import { parseNumericCsv } from './parseNumericCsv.ts';

const FEATURES = 64;

/**
 * The UCI optical handwritten digits (test part): 1797 images of 8×8 pixels with integer values 0..16.
 *
 * Features are returned raw (0..16); scale them yourself (e.g. `normalizeRows` for the unit sphere).
 *
 * @returns `{ x, y }` with x shape [1797, 64] and y shape [1797] holding the digit 0..9
 * @throws {@link IoError} if the vendored file is missing or malformed
 * @example
 * const digits = loadDigits();
 * digits.x.rows; // 1797
 * digits.x.cols; // 64
 * @see E. Alpaydin, C. Kaynak (1998), UCI Machine Learning Repository, doi:10.24432/C50P49 (CC BY 4.0)
 * @remarks Since 0.1.0
 */
export function loadDigits(): Dataset {
  const text = gunzipSync(readFileSync(dataPath('digits.csv.gz'))).toString('utf8');
  const raw = parseNumericCsv(text, FEATURES + 1, 'loadDigits', 'digits.csv.gz');
  const n = raw.length / (FEATURES + 1);
  const x = new Float64Array(n * FEATURES);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x.set(raw.subarray(i * (FEATURES + 1), i * (FEATURES + 1) + FEATURES), i * FEATURES);
    y[i] = raw[i * (FEATURES + 1) + FEATURES];
  }
  return {
    x: { rows: n, cols: FEATURES, data: x },
    y,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    source: 'UCI Optical Recognition of Handwritten Digits (Alpaydin & Kaynak), CC BY 4.0',
  };
}
