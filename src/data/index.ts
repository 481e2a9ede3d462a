export type { Dataset } from './dataset.ts';
export { loadBreastCancer } from './loadBreastCancer.ts';
export { loadDigits } from './loadDigits.ts';
