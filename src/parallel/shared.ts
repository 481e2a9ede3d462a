/**
 * SharedArrayBuffer helpers for the parallel functions.
 * @internal
 * @packageDocumentation
 */

/** A float64 buffer in shared memory plus the element offset of the data in it. */
export interface SharedF64 {
  readonly buffer: SharedArrayBuffer;
  readonly offset: number;
}

/** Shares `data` without copying when it already lives in a SharedArrayBuffer, else copies it into one. */
export function toShared(data: Float64Array): SharedF64 {
  if (data.buffer instanceof SharedArrayBuffer) return { buffer: data.buffer, offset: data.byteOffset / 8 };
  const buffer = new SharedArrayBuffer(Math.max(8, data.length * 8));
  new Float64Array(buffer).set(data);
  return { buffer, offset: 0 };
}
