/**
 * Gauss–Legendre quadrature nodes and weights on [a, b] (Newton iteration on P_n, Golub–Welsch-free).
 * Exact for polynomials of degree ≤ 2n − 1; for smooth integrands the error decays geometrically.
 */
export function gaussLegendre(
  n: number,
  a: number,
  b: number,
): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? z : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (z * pn - pnm1)) / (z * z - 1);
      const dz = pn / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    // recompute derivative at the converged node
    let p0 = 1;
    let p1 = z;
    for (let k = 2; k <= n; k++) {
      const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    dp = (n * (z * (n === 1 ? z : p1) - (n === 1 ? 1 : p0))) / (z * z - 1);
    const w = 2 / ((1 - z * z) * dp * dp);
    nodes[i] = mid - half * z;
    nodes[n - 1 - i] = mid + half * z;
    weights[i] = half * w;
    weights[n - 1 - i] = half * w;
  }
  return { nodes, weights };
}
