/**
 * Rounding tolerances of the kernel laws.
 * @packageDocumentation
 */

/** Unit roundoff of float64. */
export const UNIT_ROUNDOFF: number = 2 ** -53;

/**
 * @internal Default relative accuracy of one kernel entry: a kernel entry is a function of inner products
 * of length-d vectors (error ≤ d·u‖x‖‖z‖, Higham's γ_d) passed through a fixed number of well-conditioned
 * scalar operations; `rounding` (default 64) bounds that number of operations times their amplification.
 * The result is relative to the Cauchy–Schwarz scale √(K(x,x)K(z,z)) ≥ |K(x,z)|.
 */
export function entryRelTol(d: number, rounding = 64): number {
  return (d + rounding) * UNIT_ROUNDOFF;
}
