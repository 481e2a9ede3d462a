export type { ParallelGemmOptions } from './parallelGemm.ts';
export { parallelGemm } from './parallelGemm.ts';
export type { WorkerPoolOptions, WorkerPoolRunOptions } from './WorkerPool.ts';
export { closeWorkerPool, defaultWorkerPool, WorkerPool } from './WorkerPool.ts';
