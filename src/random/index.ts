export type { Rng } from './rng.ts';
export { createRng } from './rng.ts';
