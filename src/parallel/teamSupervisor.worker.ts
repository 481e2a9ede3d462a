/**
 * Supervisor of the team workers (src/parallel/team.ts). The calling thread of a team job blocks in
 * `Atomics.wait` and cannot receive Worker events, so the team members are spawned here, on a thread whose
 * event loop stays free: each spawn request carries the member's entry, its job port and its shared status
 * words, and on the member's `'exit'` this thread writes the exit code (and the error, if any) into the
 * status words and wakes waiters. It computes nothing and keeps no state besides its listeners.
 * @internal
 * @packageDocumentation
 */
import { parentPort, Worker } from 'node:worker_threads';
import { MEMBER_DEAD, MEMBER_EXIT_CODE, MEMBER_MSG_LEN, MEMBER_MSG_OFFSET, MEMBER_STATE } from './team.ts';

interface SpawnRequest {
  readonly filename: string;
  readonly workerData: { readonly port: unknown; readonly status: SharedArrayBuffer };
}

parentPort?.on('message', (req: SpawnRequest) => {
  const status = new Int32Array(req.workerData.status);
  const worker = new Worker(new URL(req.filename), {
    workerData: req.workerData,
    transferList: [req.workerData.port as never],
  });
  let why = '';
  worker.on('error', (e) => {
    why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  });
  worker.on('exit', (code) => {
    const bytes = new TextEncoder().encode(why).subarray(0, status.byteLength - MEMBER_MSG_OFFSET);
    new Uint8Array(status.buffer, MEMBER_MSG_OFFSET).set(bytes);
    Atomics.store(status, MEMBER_MSG_LEN, bytes.length);
    Atomics.store(status, MEMBER_EXIT_CODE, code);
    Atomics.store(status, MEMBER_STATE, MEMBER_DEAD);
    Atomics.notify(status, MEMBER_STATE);
  });
});
