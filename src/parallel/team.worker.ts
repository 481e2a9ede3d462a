/**
 * Entry of the resident team workers (src/parallel/team.ts): blocks on the team's doorbell, then reads its
 * job messages synchronously from its port, takes blocks from each job's shared counter and runs the kernel
 * registered for the job's kind in src/parallel/teamKernels.ts.
 * @internal
 * @packageDocumentation
 */
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { markBlockWorker } from '../backend/native/threads.ts';
import { drainBlocks, recordFailure, type TeamMessage } from './team.ts';
import { teamKernel } from './teamKernels.ts';

function runJob(msg: TeamMessage): void {
  const ctrl = new Int32Array(msg.ctrl);
  let run: ((block: number) => void) | undefined;
  drainBlocks(ctrl, msg.blocks, (b) => {
    if (run === undefined) {
      try {
        run = teamKernel(msg.kind, msg.payload);
      } catch (e) {
        recordFailure(ctrl, e);
        throw e;
      }
    }
    run(b);
  });
}

markBlockWorker(); // native kernels run single-threaded inside team blocks
const { port, bell } = workerData as { port: MessagePort; bell: SharedArrayBuffer };
const ring = new Int32Array(bell);
let seen = 0;
port.postMessage('ready');
for (;;) {
  Atomics.wait(ring, 0, seen);
  seen = Atomics.load(ring, 0);
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
    runJob(m.message as TeamMessage);
  }
}
