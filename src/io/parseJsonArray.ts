import { IoError } from '../errors.ts';
import type { NumericArray } from './numericArray.ts';

/**
 * Parses JSON text holding a numeric array: `[1, 2, 3]` (shape [n]), `[[1, 2], [3, 4]]` (shape [rows, cols])
 * or `{ "shape": [...], "data": [...] }` (flat data in C order, as {@link formatJsonArray} can write).
 *
 * @param text - the JSON text
 * @param source - name used in error messages
 * @defaultValue source 'text'
 * @returns the array
 * @throws {@link IoError} for invalid JSON, ragged rows, non-numbers (including `null`), or rank above 2
 * @example
 * parseJsonArray('[[1, 2], [3, 4]]').shape; // [2, 2]
 * parseJsonArray('[5, 6]').data[1]; // 6
 * @remarks Since 0.1.0
 */
export function parseJsonArray(text: string, source = 'text'): NumericArray {
  const fail = (req: string): never => {
    throw new IoError(`${source} must ${req}`, { fn: 'parseJsonArray', arg: source });
  };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    fail(`be valid JSON (got ${(e as Error).message})`);
  }
  const num = (u: unknown, where: string): number => {
    if (typeof u !== 'number')
      fail(`contain only numbers (got ${u === null ? 'null' : typeof u} at ${where})`);
    return u as number;
  };
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { shape?: unknown; data?: unknown };
    if (!Array.isArray(o.shape) || !Array.isArray(o.data))
      fail('be an array or an object with "shape" and "data"');
    const shape = o.shape as unknown[];
    const flat = o.data as unknown[];
    if (
      shape.length < 1 ||
      shape.length > 2 ||
      shape.some((s) => !Number.isSafeInteger(s) || (s as number) < 0)
    ) {
      fail(`have a "shape" of 1 or 2 non-negative integers (got ${JSON.stringify(shape)})`);
    }
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (count !== flat.length) fail(`have ${count} entries in "data" for its shape (got ${flat.length})`);
    const data = Float64Array.from(flat, (u, k) => num(u, `data[${k}]`));
    return { shape: shape as [number] | [number, number], data };
  }
  if (!Array.isArray(v)) fail(`be a JSON array (got ${v === null ? 'null' : typeof v})`);
  const arr = v as unknown[];
  if (arr.length > 0 && Array.isArray(arr[0])) {
    const cols = (arr[0] as unknown[]).length;
    const data = new Float64Array(arr.length * cols);
    for (let i = 0; i < arr.length; i++) {
      const r = arr[i];
      if (!Array.isArray(r) || r.length !== cols)
        fail(`have rows of equal length ${cols} (row ${i} differs)`);
      for (let j = 0; j < cols; j++) data[i * cols + j] = num((r as unknown[])[j], `[${i}][${j}]`);
    }
    return { shape: [arr.length, cols], data };
  }
  return { shape: [arr.length], data: Float64Array.from(arr, (u, k) => num(u, `[${k}]`)) };
}
