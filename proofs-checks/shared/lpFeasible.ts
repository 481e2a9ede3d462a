/**
 * Feasibility of a small linear program { z : A z ≥ b } with free variables z, by the two-phase simplex
 * method (phase I only) with Bland's rule (no cycling). Dense tableau: meant for tens of constraints.
 */

/** Returns true iff some z satisfies A z ≥ b (row-major A, shape [m, k]); tolerance `tol` on phase-I optimum. */
export function lpFeasible(a: Float64Array, m: number, k: number, b: Float64Array, tol = 1e-9): boolean {
  // Variables: z = u − v (u, v ≥ 0, 2k), surplus s (m), artificial r (m). Row i: A_i u − A_i v − s_i + r_i = b_i,
  // with signs flipped when b_i < 0 so the right-hand side is ≥ 0.
  const nv = 2 * k + 2 * m;
  const width = nv + 1;
  const t = new Float64Array((m + 1) * width);
  const basis = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const sgn = b[i] < 0 ? -1 : 1;
    for (let j = 0; j < k; j++) {
      t[i * width + j] = sgn * a[i * k + j];
      t[i * width + k + j] = -sgn * a[i * k + j];
    }
    t[i * width + 2 * k + i] = -sgn;
    t[i * width + 2 * k + m + i] = 1;
    t[i * width + nv] = sgn * b[i];
    basis[i] = 2 * k + m + i;
  }
  // Objective row: minimise Σ r  ⇒ reduced costs c_j − Σ_i (row_i)_j for non-artificials.
  const obj = m * width;
  for (let j = 0; j <= nv; j++) {
    if (j >= 2 * k + m && j < nv) continue;
    let s = 0;
    for (let i = 0; i < m; i++) s += t[i * width + j];
    t[obj + j] = -s;
  }
  for (let iter = 0; iter < 50 * (m + nv); iter++) {
    // Bland: entering = smallest index with negative reduced cost.
    let enter = -1;
    for (let j = 0; j < nv; j++) {
      if (t[obj + j] < -1e-12) {
        enter = j;
        break;
      }
    }
    if (enter < 0) break;
    let leave = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const p = t[i * width + enter];
      if (p > 1e-12) {
        const ratio = t[i * width + nv] / p;
        if (
          ratio < best - 1e-15 ||
          (Math.abs(ratio - best) <= 1e-15 && leave >= 0 && basis[i] < basis[leave])
        ) {
          best = ratio;
          leave = i;
        }
      }
    }
    if (leave < 0) break; // unbounded direction cannot happen in phase I (objective ≥ 0)
    const piv = t[leave * width + enter];
    for (let j = 0; j <= nv; j++) t[leave * width + j] /= piv;
    for (let i = 0; i <= m; i++) {
      if (i === leave) continue;
      const f = t[i * width + enter];
      if (f === 0) continue;
      for (let j = 0; j <= nv; j++) t[i * width + j] -= f * t[leave * width + j];
    }
    basis[leave] = enter;
  }
  // Phase-I optimum = Σ r = −(objective rhs).
  return -t[obj + nv] <= tol * Math.max(1, m);
}
