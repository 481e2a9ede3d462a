export { cloneMat, eye, from2D, fromMlMatrix, isMat, mat, row, to2D, toMlMatrix, transpose } from './mat.ts';
