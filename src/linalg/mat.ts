/**
 * The `Mat` type's constructors and adapters (nested arrays, ml-matrix).
 * @packageDocumentation
 */
import { Matrix } from 'ml-matrix';
import { ArgumentTypeError, ShapeError } from '../errors.ts';
import { assertFinite, assertLength, checkNumber, describe } from '../internal/assert.ts';
import type { Mat, MatLike, VecLike } from '../types.ts';

/**
 * Creates a `Mat` over `data` (no copy) or a zero matrix.
 * @param rows - number of rows
 * @param cols - number of columns
 * @param data - row-major entries, length rows·cols; a new zero buffer when omitted
 * @throws {@link ShapeError} if `data.length !== rows * cols`
 * @example
 * const a = mat(2, 2, new Float64Array([1, 2, 3, 4]));
 * a.data[1 * 2 + 0]; // 3
 */
export function mat(rows: number, cols: number, data?: Float64Array): Mat {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(`rows and cols must be non-negative integers (got ${rows} and ${cols})`, {
      fn: 'mat',
      arg: 'rows',
      actual: [rows, cols],
    });
  }
  const buf = data ?? new Float64Array(rows * cols);
  if (buf.length !== rows * cols) {
    throw new ShapeError(`data must have length rows·cols = ${rows * cols} (got ${buf.length})`, {
      fn: 'mat',
      arg: 'data',
      expected: rows * cols,
      actual: buf.length,
    });
  }
  return { rows, cols, data: buf };
}

/** True if `m` has the shape of a `Mat` (rows, cols, Float64Array data of matching length). */
export function isMat(m: unknown): m is Mat {
  if (m === null || typeof m !== 'object') return false;
  const o = m as { rows?: unknown; cols?: unknown; data?: unknown };
  return (
    typeof o.rows === 'number' &&
    typeof o.cols === 'number' &&
    o.data instanceof Float64Array &&
    o.data.length === o.rows * o.cols
  );
}

/**
 * Converts nested arrays to a `Mat` (copying). All rows must have the same length.
 * @param rows - shape [n, d]
 * @example
 * from2D([[1, 2], [3, 4]]).cols; // 2
 */
export function from2D(rows: readonly (readonly number[])[]): Mat {
  return toMat(rows, 'from2D', 'rows');
}

/** Copies a `Mat` into nested arrays. */
export function to2D(m: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** Converts an ml-matrix `Matrix` to a `Mat` (copying). */
export function fromMlMatrix(m: Matrix): Mat {
  return toMat(m, 'fromMlMatrix', 'm');
}

/** Converts a `Mat` to an ml-matrix `Matrix` (copying). */
export function toMlMatrix(m: Mat): Matrix {
  const out = new Matrix(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.set(i, j, m.data[i * m.cols + j]);
  return out;
}

/** Transpose, shape [cols, rows]. */
export function transpose(m: Mat): Mat {
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) out[j * m.rows + i] = m.data[i * m.cols + j];
  return { rows: m.cols, cols: m.rows, data: out };
}

/** Identity matrix, shape [n, n]. */
export function eye(n: number): Mat {
  const m = mat(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** Deep copy of a `Mat`. */
export function cloneMat(m: Mat): Mat {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}

/** Row `i` of `m` as a view (no copy), length cols. */
export function row(m: Mat, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/**
 * Boundary adapter: accepts a `Mat`, nested arrays or an ml-matrix `Matrix`, checks shape consistency and
 * finiteness once, and returns a `Mat` (the same object when `x` already is one).
 * @internal
 */
export function toMat(
  x: MatLike | unknown,
  fn: string,
  arg: string,
  opts: { allowEmpty?: boolean } = {},
): Mat {
  let m: Mat;
  if (isMat(x)) {
    m = x;
  } else if (Array.isArray(x)) {
    const n = x.length;
    const d = n > 0 && Array.isArray(x[0]) ? (x[0] as unknown[]).length : 0;
    const data = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const r = x[i] as unknown;
      if (!Array.isArray(r)) {
        throw new ArgumentTypeError(`${arg} must be a matrix (row ${i} is ${describe(r)})`, {
          fn,
          arg,
          expected: 'number[][]',
          actual: describe(r),
        });
      }
      if (r.length !== d) {
        throw new ShapeError(
          `${arg} must have rows of equal length (row 0 has ${d}, row ${i} has ${r.length})`,
          {
            fn,
            arg,
            expected: d,
            actual: r.length,
          },
        );
      }
      for (let j = 0; j < d; j++) {
        const v = r[j] as unknown;
        if (typeof v !== 'number') {
          throw new ArgumentTypeError(`${arg} must contain numbers (got ${describe(v)} at [${i}, ${j}])`, {
            fn,
            arg,
            expected: 'number',
            actual: describe(v),
          });
        }
        data[i * d + j] = v;
      }
    }
    m = { rows: n, cols: d, data };
  } else if (
    x !== null &&
    typeof x === 'object' &&
    typeof (x as { to2DArray?: unknown }).to2DArray === 'function' &&
    typeof (x as { columns?: unknown }).columns === 'number'
  ) {
    const mm = x as { rows: number; columns: number; get(i: number, j: number): number };
    const data = new Float64Array(mm.rows * mm.columns);
    for (let i = 0; i < mm.rows; i++)
      for (let j = 0; j < mm.columns; j++) data[i * mm.columns + j] = mm.get(i, j);
    m = { rows: mm.rows, cols: mm.columns, data };
  } else {
    throw new ArgumentTypeError(`${arg} must be a Mat, number[][] or ml-matrix Matrix (got ${describe(x)})`, {
      fn,
      arg,
      expected: 'Mat | number[][] | Matrix',
      actual: describe(x),
    });
  }
  if (!opts.allowEmpty && (m.rows === 0 || m.cols === 0)) {
    throw new ShapeError(`${arg} must have at least one row and one column (got [${m.rows}, ${m.cols}])`, {
      fn,
      arg,
      actual: [m.rows, m.cols],
    });
  }
  assertFinite(fn, arg, m.data, m.cols);
  return m;
}

/**
 * Boundary adapter for vectors: accepts `Float64Array` or `number[]`, checks finiteness, returns a
 * `Float64Array` (the same object when it already is one).
 * @internal
 */
export function toVec(x: VecLike | unknown, fn: string, arg: string): Float64Array {
  let v: Float64Array;
  if (x instanceof Float64Array) v = x;
  else if (Array.isArray(x)) {
    v = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      if (typeof x[i] !== 'number') {
        throw new ArgumentTypeError(`${arg} must contain numbers (got ${describe(x[i])} at [${i}])`, {
          fn,
          arg,
          expected: 'number',
          actual: describe(x[i]),
        });
      }
      v[i] = x[i];
    }
  } else {
    throw new ArgumentTypeError(`${arg} must be a Float64Array or number[] (got ${describe(x)})`, {
      fn,
      arg,
      expected: 'Float64Array | number[]',
      actual: describe(x),
    });
  }
  assertFinite(fn, arg, v);
  return v;
}

/**
 * Boundary adapter for per-coordinate bounds: a scalar (applied to all `d` coordinates) or a vector of
 * length `d`, checked and returned as a `Float64Array` of length `d` (e.g. a data box's lower/upper ends).
 * @internal
 */
export function toBroadcastVec(v: number | VecLike, d: number, fn: string, arg: string): Float64Array {
  if (typeof v === 'number') return new Float64Array(d).fill(checkNumber(fn, arg, v));
  const out = toVec(v, fn, arg);
  assertLength(fn, arg, out.length, d);
  return out;
}
