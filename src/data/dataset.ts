/**
 * The labelled data set type returned by the loaders and generators.
 * @packageDocumentation
 */
import type { Mat } from '../types.ts';

/** A labelled data set: features `x` (shape [n, d]) and labels `y` (shape [n]). */
export interface Dataset {
  readonly x: Mat;
  readonly y: Float64Array;
  /** Human-readable names of the label values, when they are classes (index = label). */
  readonly classNames?: readonly string[];
  /** Where the data came from, with its licence. */
  readonly source: string;
}
