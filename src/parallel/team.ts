/**
 * A synchronous worker team: the calling thread and up to `threads − 1` resident worker threads share the
 * blocks of one job through an atomic counter in shared memory, and the caller blocks (`Atomics.wait`) until
 * every block is done. This lets the synchronous public functions (`fcReluKernel`, `cholesky`,
 * `kernelRidge`, …) use every core without becoming async.
 *
 * Determinism: a job's blocks are fixed by the caller from the problem size alone, and every block is
 * computed by the same code whichever thread takes it, so results never depend on the number of threads or
 * on which thread ran which block. The calling thread always takes part, so a job completes even while
 * workers are still starting (they then find no block left): correctness never waits on a worker.
 * @internal
 * @packageDocumentation
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { workerEntry } from './spawn.ts';

/** Control words of a job in its shared Int32Array. */
const NEXT = 0;
const DONE = 1;
const FAILED = 2;
const MSG_LEN = 3;
const MSG_BYTES = 2048;

let threads = defaultThreads();
/** A resident worker and the port its jobs go to (it reads them synchronously when the bell rings). */
interface Member {
  readonly worker: Worker;
  readonly port: MessagePort;
  /** Resolves when the worker has loaded its entry and waits for jobs. */
  readonly ready: Promise<void>;
}
const members: Member[] = [];
/** The doorbell: word 0 counts posted jobs; idle workers block in `Atomics.wait` on it (no event loop). */
const bell = new Int32Array(new SharedArrayBuffer(4));

function defaultThreads(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.NTK_THREADS;
  const v = env === undefined || env === '' ? Number.NaN : Number(env);
  return Number.isInteger(v) && v >= 1 ? v : Math.max(1, availableParallelism());
}

/** Number of threads (calling thread included) a team job may use. @internal */
export function teamThreads(): number {
  return threads;
}

/** Sets the number of threads (calling thread included) of later team jobs. @internal */
export function setTeamThreads(n: number): void {
  threads = n;
}

function ensureWorkers(n: number): void {
  while (members.length < n) {
    const { filename, workerData } = workerEntry('team');
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL(filename), {
      workerData: { ...workerData, port: port2, bell: bell.buffer },
      transferList: [port2],
    });
    // The worker keeps the event loop alive until it reports ready (so awaiting `ready` cannot end the
    // process early); after that neither it nor its port keeps the process alive.
    const ready = new Promise<void>((resolve) => {
      const done = (): void => {
        worker.unref();
        port1.unref();
        resolve();
      };
      port1.once('message', done);
      worker.once('exit', done);
    });
    const member = { worker, port: port1, ready };
    worker.on('error', () => {
      const i = members.indexOf(member);
      if (i >= 0) members.splice(i, 1);
    });
    members.push(member);
  }
}

/**
 * Starts the workers of a `teamThreads()`-thread team and resolves when they wait for jobs (a job started
 * before that still completes: the calling thread takes the blocks no worker took).
 * @internal
 */
export async function startTeam(): Promise<void> {
  ensureWorkers(threads - 1);
  await Promise.all(members.slice(0, threads - 1).map((m) => m.ready));
}

const stats = { blocks: 0, mainBlocks: 0 };

/** Receives progress of long team work: a label, units done and the total (called on the calling thread). */
export type TeamProgressHook = (label: string, done: number, total: number) => void;
let progressHook: TeamProgressHook | undefined;

/** Installs (or removes, with undefined) the progress hook of the CLI; returns the previous one. @internal */
export function setTeamProgressHook(hook: TeamProgressHook | undefined): TeamProgressHook | undefined {
  const prev = progressHook;
  progressHook = hook;
  return prev;
}

/** Reports progress to the hook, if any. @internal */
export function teamProgress(label: string, done: number, total: number): void {
  progressHook?.(label, done, total);
}

/** Cumulative blocks run and blocks the calling thread ran (tests check that workers took part). @internal */
export function teamStats(): { readonly blocks: number; readonly mainBlocks: number } {
  return { ...stats };
}

/** Terminates the resident workers (they never keep the process alive; tests use this). @internal */
export async function closeTeam(): Promise<void> {
  const ms = members.splice(0);
  await Promise.all(ms.map((m) => m.worker.terminate()));
}

/** A job message: the worker resolves `kind` in src/parallel/teamKernels.ts. */
export interface TeamMessage {
  readonly kind: string;
  readonly payload: unknown;
  readonly blocks: number;
  readonly ctrl: SharedArrayBuffer;
}

/** Writes a failure into the control block (first failure wins). @internal */
export function recordFailure(ctrl: Int32Array, e: unknown): void {
  if (Atomics.compareExchange(ctrl, FAILED, 0, 1) !== 0) return;
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const bytes = new TextEncoder().encode(text).subarray(0, MSG_BYTES);
  new Uint8Array(ctrl.buffer, 16, MSG_BYTES).set(bytes);
  Atomics.store(ctrl, MSG_LEN, bytes.length);
}

/**
 * Takes blocks from the job's counter until none is left, running each with `run` (on any thread).
 * @internal
 */
export function drainBlocks(ctrl: Int32Array, blocks: number, run: (block: number) => void): void {
  for (;;) {
    const b = Atomics.add(ctrl, NEXT, 1);
    if (b >= blocks) return;
    if (Atomics.load(ctrl, FAILED) === 0) {
      try {
        run(b);
      } catch (e) {
        recordFailure(ctrl, e);
      }
    }
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
  }
}

/**
 * Runs `blocks` blocks of a job: workers receive `{ kind, payload }` (every buffer in it shared) and run the
 * registered kernel of `kind`; the calling thread runs `run(b)` — the same computation — and then waits for
 * the blocks the workers took. With one thread (or one block) everything runs on the calling thread.
 * @throws the first error of any block (a worker's is rethrown as an `Error` with its name and message)
 * @internal
 */
export function runTeam(
  kind: string,
  payload: unknown,
  blocks: number,
  run: (block: number) => void,
  progressLabel?: string,
): void {
  const nw = Math.min(threads - 1, blocks - 1);
  const ctrl = new Int32Array(new SharedArrayBuffer(16 + MSG_BYTES));
  if (nw > 0) {
    ensureWorkers(nw);
    const msg: TeamMessage = { kind, payload, blocks, ctrl: ctrl.buffer as SharedArrayBuffer };
    for (let w = 0; w < Math.min(nw, members.length); w++) members[w].port.postMessage(msg);
    Atomics.add(bell, 0, 1);
    Atomics.notify(bell, 0);
  }
  let mainError: unknown;
  stats.blocks += blocks;
  drainBlocks(ctrl, blocks, (b) => {
    stats.mainBlocks++;
    try {
      run(b);
    } catch (e) {
      mainError ??= e;
      throw e;
    }
    if (progressLabel !== undefined) teamProgress(progressLabel, Atomics.load(ctrl, DONE) + 1, blocks);
  });
  for (;;) {
    const done = Atomics.load(ctrl, DONE);
    if (progressLabel !== undefined) teamProgress(progressLabel, done, blocks);
    if (done >= blocks) break;
    Atomics.wait(ctrl, DONE, done, 100);
  }
  if (mainError !== undefined) throw mainError;
  if (Atomics.load(ctrl, FAILED) !== 0) {
    const len = Atomics.load(ctrl, MSG_LEN);
    const text = new TextDecoder().decode(new Uint8Array(ctrl.buffer, 16, len).slice());
    throw new Error(`worker thread failed: ${text}`);
  }
}
