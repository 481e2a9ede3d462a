export type { CholeskyOptions, CholeskyResult } from './cholesky.ts';
export { cholesky } from './cholesky.ts';
export type {
  ConjugateGradientOptions,
  ConjugateGradientResult,
  Preconditioner,
} from './conjugateGradient.ts';
export { conjugateGradient } from './conjugateGradient.ts';
export type { EighOptions, EighResult } from './eigh.ts';
export { eigh } from './eigh.ts';
export type { PotrfInfo } from './lapack.ts';
export { cloneMat, eye, from2D, fromMlMatrix, isMat, mat, row, to2D, toMlMatrix, transpose } from './mat.ts';
export type { MatmulOptions } from './matmul.ts';
export { matmul } from './matmul.ts';
export type { MatvecOptions } from './matvec.ts';
export { matvec } from './matvec.ts';
export type { MinEigenvalueOptions, MinEigenvalueResult } from './minEigenvalue.ts';
export { minEigenvalue } from './minEigenvalue.ts';
export type { SolveTriangularOptions } from './solveTriangular.ts';
export { solveTriangular } from './solveTriangular.ts';
export type { SyrkOptions } from './syrk.ts';
export { syrk } from './syrk.ts';
