/**
 * The array type the readers return: a 1-D or 2-D float64 array with its shape.
 * @packageDocumentation
 */

/**
 * A 1-D (`shape [n]`) or 2-D (`shape [rows, cols]`) float64 array, data in C (row-major) order.
 * A 2-D `NumericArray` is also a valid {@link Mat}-like object through {@link asMat}.
 */
export interface NumericArray {
  readonly shape: readonly [number] | readonly [number, number];
  readonly data: Float64Array;
}
