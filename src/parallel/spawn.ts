/**
 * Resolves a worker entry for piscina: the compiled `.js` file next to this module in `dist/`, or, when the
 * library runs from its `.ts` sources, the dev-only bootstrap that loads the `.ts` entry through tsx
 * (HOUSE-STYLE.md §10: Node 20 cannot start a Worker on a `.ts` file).
 * @internal
 * @packageDocumentation
 */

const fromTs = import.meta.url.endsWith('.ts');

/** piscina `filename` and `workerData` for the entry `src/parallel/<name>.worker.(ts|js)`. */
export interface WorkerEntry {
  readonly filename: string;
  readonly workerData: { readonly __entry: string } | undefined;
}

/** @internal */
export function workerEntry(name: string): WorkerEntry {
  const entry = new URL(`./${name}.worker.${fromTs ? 'ts' : 'js'}`, import.meta.url);
  if (!fromTs) return { filename: entry.href, workerData: undefined };
  return {
    filename: new URL('../../scripts/ts-worker-bootstrap.mjs', import.meta.url).href,
    workerData: { __entry: entry.href },
  };
}
