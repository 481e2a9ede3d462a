// Dev-only worker bootstrap (HOUSE-STYLE.md §10): Node 20 cannot start a Worker on a `.ts` file, so when the
// library runs from its TypeScript sources (tests, tsx scripts) src/parallel/spawn.ts starts this file
// instead and passes the real entry in `workerData.__entry`. It loads the entry through tsx and re-exports
// its handler, so piscina finds it as this module's default export. Never used from dist/.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport(workerData.__entry, import.meta.url);
const handler = typeof mod.default === 'function' ? mod.default : mod.default?.default;
export default handler;
