import { describe, expect, it } from 'vitest';
import { loadBreastCancer } from '../../../src/data/loadBreastCancer.ts';
import { loadDigits } from '../../../src/data/loadDigits.ts';
import { parseNumericCsv } from '../../../src/data/parseNumericCsv.ts';
import { IoError } from '../../../src/errors.ts';

describe('vendored data loaders', () => {
  it('should load the 1797 digits with pixels in 0..16 and all ten labels', () => {
    const { x, y } = loadDigits();
    expect([x.rows, x.cols, y.length]).toEqual([1797, 64, 1797]);
    expect(Math.min(...x.data)).toBe(0);
    expect(Math.max(...x.data)).toBe(16);
    expect(new Set(y).size).toBe(10);
    expect(Array.from(x.data.subarray(0, 5))).toEqual([0, 0, 5, 13, 9]);
  });

  it('should load breast cancer with 212 malignant and 357 benign cases', () => {
    const { x, y, classNames } = loadBreastCancer();
    expect([x.rows, x.cols]).toEqual([569, 30]);
    expect(classNames).toEqual(['malignant', 'benign']);
    expect(y.filter((v) => v === 0).length).toBe(212);
    expect(x.data[0]).toBe(17.99);
  });

  it('should reject ragged or non-numeric CSV rows with an IoError naming the row', () => {
    expect(() => parseNumericCsv('1,2\n3\n', 2, 'f', 'file')).toThrow(IoError);
    expect(() => parseNumericCsv('1,x\n', 2, 'f', 'file')).toThrow(/"x" at \[0, 1\]/);
  });
});
