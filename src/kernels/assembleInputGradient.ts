/**
 * Assembles ∂/∂x_i Σ_j α_j k(x_i, z_j) for all rows i from per-pair coefficients
 * ∂k(x, z)/∂x = a·x̂ + c·z + e·w, where w is the unit vector along z − (x̂·z)x̂ (w = ẑ when x = 0).
 * @internal
 * @packageDocumentation
 */
import { dgemm } from '../linalg/blas.ts';
import { inputPairState, type RowScales, rowScales, unitRows } from './numerics.ts';

/** Per-pair coefficients: writes out[0] = a, out[1] = c, out[2] = e (see the module summary). */
export type PairGradFn = (i: number, j: number, g: number, m: number, p: number, out: Float64Array) => void;

/** Row data shared by the kernels' gradient paths. */
export interface GradSide {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly norm: Float64Array;
  readonly unit: Float64Array;
  readonly rs: RowScales;
}

/** Builds a {@link GradSide} for a row-major [n, d] buffer. */
export function gradSide(x: Float64Array, n: number, d: number): GradSide {
  const rs = rowScales(x, n, d);
  return { n, d, x, norm: rs.norm, unit: unitRows(n, d, rs), rs };
}

/** Below this sin θ the direction w is computed explicitly per pair instead of through a GEMM. */
const EXPLICIT_BELOW = 1e-3;
/** Rows per block (bounds the [rows, n2] coefficient scratch). */
const BLOCK = 128;

/**
 * Returns the gradient, row-major [n1, d]. Pairs at exactly parallel or antiparallel directions contribute
 * nothing along w (the subgradient choice at a kink; smooth kernels have e = 0 there anyway).
 * @internal
 */
export function assembleInputGradient(
  xs: GradSide,
  zs: GradSide,
  alpha: Float64Array,
  pairGrad: PairGradFn,
): Float64Array {
  const { n: n1, d } = xs;
  const n2 = zs.n;
  const grad = new Float64Array(n1 * d);
  const zT = new Float64Array(n2 * d);
  for (let j = 0; j < n2; j++) for (let k = 0; k < d; k++) zT[k * n2 + j] = zs.x[j * d + k];
  const rows = Math.min(BLOCK, n1);
  const gbuf = new Float64Array(rows * n2);
  const coef = new Float64Array(rows * n2);
  const st = new Float64Array(2);
  const pg = new Float64Array(3);
  const u = new Float64Array(d);
  for (let i0 = 0; i0 < n1; i0 += rows) {
    const i1 = Math.min(n1, i0 + rows);
    const nb = i1 - i0;
    dgemm(false, false, nb, n2, d, 1, xs.x, i0 * d, d, zT, 0, n2, 0, gbuf, 0, n2);
    coef.fill(0);
    for (let i = i0; i < i1; i++) {
      const nx = xs.norm[i];
      const xo = i * d;
      let rowA = 0;
      for (let j = 0; j < n2; j++) {
        const aj = alpha[j];
        if (aj === 0) continue;
        const g = gbuf[(i - i0) * n2 + j];
        inputPairState(g, xs.rs, i, zs.rs, j, d, st);
        const m = st[0];
        const p = st[1];
        pairGrad(i, j, g, m, p, pg);
        rowA += aj * pg[0];
        let c = aj * pg[1];
        const e = aj * pg[2];
        const nz = zs.norm[j];
        if (e !== 0 && nz > 0) {
          if (nx === 0) {
            c += e / nz;
          } else if (m !== 0 && p !== 0) {
            const t = m + p;
            const sinT = (2 * Math.sqrt(m * p)) / t;
            if (sinT >= EXPLICIT_BELOW) {
              const cosT = (p - m) / t;
              c += e / (sinT * nz);
              rowA -= (e * cosT) / sinT;
            } else {
              // u = ẑ − (x̂·ẑ)x̂, normalised explicitly (its direction is ill-conditioned, its length is not used).
              const zo = j * d;
              let dot = 0;
              for (let k = 0; k < d; k++) dot += xs.unit[xo + k] * zs.unit[zo + k];
              let nu = 0;
              for (let k = 0; k < d; k++) {
                u[k] = zs.unit[zo + k] - dot * xs.unit[xo + k];
                nu += u[k] * u[k];
              }
              if (nu > 0) {
                const f = e / Math.sqrt(nu);
                for (let k = 0; k < d; k++) grad[xo + k] += f * u[k];
              }
            }
          }
        }
        coef[(i - i0) * n2 + j] = c;
      }
      if (rowA !== 0) for (let k = 0; k < d; k++) grad[xo + k] += rowA * xs.unit[xo + k];
    }
    dgemm(false, false, nb, d, n2, 1, coef, 0, n2, zs.x, 0, d, 1, grad, i0 * d, d);
  }
  return grad;
}
