export type { FcReluGramSpec, GramSpec, TwoLayerGramSpec } from './gramSpec.ts';
export type { ParallelGemmOptions } from './parallelGemm.ts';
export { parallelGemm } from './parallelGemm.ts';
export type { ParallelGramOptions } from './parallelGram.ts';
export { parallelGram } from './parallelGram.ts';
export { setThreadCount } from './setThreadCount.ts';
export type { WorkerPoolOptions, WorkerPoolRunOptions } from './WorkerPool.ts';
export { closeWorkerPool, defaultWorkerPool, WorkerPool } from './WorkerPool.ts';
