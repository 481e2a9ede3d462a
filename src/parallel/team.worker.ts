/**
 * Entry of the resident team workers (src/parallel/team.ts): blocks on the team's doorbell, then reads its
 * job messages synchronously from its port, claims blocks of each job under its member id and runs the
 * kernel registered for the job's kind in src/parallel/teamKernels.ts.
 *
 * Test hook: a job of kind {@link TEAM_TEST_EXIT} makes the worker call `process.exit(payload.code)` inside
 * the first block it takes (the dead-worker tests of test/integration/teamWorkerExit.test.ts).
 * @internal
 * @packageDocumentation
 */
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { markBlockWorker } from '../backend/native/threads.ts';
import { drainBlocks, recordFailure, TEAM_TEST_EXIT, type TeamMessage } from './team.ts';
import { teamKernel } from './teamKernels.ts';

function kernelOf(msg: TeamMessage): (block: number) => void {
  if (msg.kind === TEAM_TEST_EXIT) {
    const { code } = msg.payload as { code: number };
    return () => process.exit(code);
  }
  return teamKernel(msg.kind, msg.payload);
}

function runJob(msg: TeamMessage, id: number): void {
  const ctrl = new Int32Array(msg.ctrl);
  let run: ((block: number) => void) | undefined;
  drainBlocks(
    ctrl,
    msg.blocks,
    (b) => {
      if (run === undefined) {
        try {
          run = kernelOf(msg);
        } catch (e) {
          recordFailure(ctrl, e);
          throw e;
        }
      }
      run(b);
    },
    id,
  );
}

markBlockWorker(); // native kernels run single-threaded inside team blocks
const { port, bell, id } = workerData as { port: MessagePort; bell: SharedArrayBuffer; id: number };
const ring = new Int32Array(bell);
let seen = 0;
port.postMessage('ready');
for (;;) {
  Atomics.wait(ring, 0, seen);
  seen = Atomics.load(ring, 0);
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
    runJob(m.message as TeamMessage, id);
  }
}
