/**
 * A synchronous worker team: the calling thread and up to `threads − 1` resident worker threads share the
 * blocks of one job through shared memory, and the caller blocks (`Atomics.wait`) until every block is done.
 * This lets the synchronous public functions (`fcReluKernel`, `cholesky`, `kernelRidge`, …) use every core
 * without becoming async.
 *
 * Determinism: a job's blocks are fixed by the caller from the problem size alone, and every block is
 * computed by the same code whichever thread takes it, so results never depend on the number of threads or
 * on which thread ran which block. The calling thread always takes part, so a job completes even while
 * workers are still starting (they then find no block left): correctness never waits on a worker.
 *
 * Dead workers: the calling thread is blocked in `Atomics.wait` and cannot receive a Worker's `'exit'`
 * event, so the team workers are spawned by a small supervisor thread whose event loop stays free
 * (src/parallel/teamSupervisor.worker.ts). On a member's `'exit'` (a `process.exit`, an uncaught error,
 * `ERR_WORKER_OUT_OF_MEMORY`, a termination) the supervisor writes the exit code into the member's shared
 * status words. Every block is claimed by a compare-and-swap that writes the claiming member's id into the
 * block's owner word, so there is no instant at which a block is taken but not attributed. The caller
 * waits with a timeout; while blocks are outstanding it checks the status words, and when a dead member
 * owns an unfinished block it stops the job and throws a {@link WorkerExitError} naming the job and the
 * block. Dead members are dropped and replaced at the next team call.
 * @internal
 * @packageDocumentation
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { AbortError, WorkerExitError } from '../errors.ts';
import { workerEntry } from './spawn.ts';

/** Control words of a job in its shared Int32Array, then the failure message, then one owner word per block. */
const NEXT = 0;
const DONE = 1;
const FAILED = 2;
const MSG_LEN = 3;
/** Blocks whose kernel ran to the end before any failure or abort was recorded. */
const RAN = 4;
const MSG_OFFSET = 32;
const MSG_BYTES = 2048;
const OWNERS = (MSG_OFFSET + MSG_BYTES) / 4;
/** Owner word of a finished block (a running block holds its claimer's id: 1 = calling thread, ≥ 2 a member). */
const BLOCK_DONE = -1;
const CALLER_ID = 1;

/** Words of a member's shared status (written by the supervisor). @internal */
export const MEMBER_STATE = 0;
/** @internal */
export const MEMBER_EXIT_CODE = 1;
/** @internal */
export const MEMBER_MSG_LEN = 2;
/** Byte offset and capacity of the exit message in a member's status buffer. @internal */
export const MEMBER_MSG_OFFSET = 16;
const MEMBER_MSG_BYTES = 496;
/** `MEMBER_STATE` of a member whose thread has exited. @internal */
export const MEMBER_DEAD = 1;
/** Job kind of a test hook: the worker calls `process.exit(payload.code)` in the first block it takes. @internal */
export const TEAM_TEST_EXIT = 'test:exit-in-block';
/** Caller's wait between checks of the members' status words while blocks are outstanding (ms). */
const POLL_MS = 50;

let threads = defaultThreads();
/** A resident worker and the port its jobs go to (it reads them synchronously when the bell rings). */
interface Member {
  /** Owner id written into the blocks it claims (≥ 2). */
  readonly id: number;
  readonly port: MessagePort;
  /** Shared status words written by the supervisor (`MEMBER_STATE`, `MEMBER_EXIT_CODE`, message). */
  readonly status: Int32Array;
  /** Resolves when the worker has loaded its entry and waits for jobs, or has exited. */
  readonly ready: Promise<void>;
}
const members: Member[] = [];
let nextMemberId = CALLER_ID + 1;
let supervisor: Worker | undefined;
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

const isDead = (m: Member): boolean => Atomics.load(m.status, MEMBER_STATE) === MEMBER_DEAD;

function getSupervisor(): Worker {
  if (supervisor === undefined) {
    const { filename, workerData } = workerEntry('teamSupervisor');
    const s = new Worker(new URL(filename), { workerData });
    s.unref();
    s.on('error', () => {
      // The supervisor itself failed: forget it (its members exited with it) and start afresh next time.
      if (supervisor === s) supervisor = undefined;
      members.splice(0);
    });
    supervisor = s;
  }
  return supervisor;
}

function ensureWorkers(n: number): void {
  for (let i = members.length - 1; i >= 0; i--) if (isDead(members[i])) members.splice(i, 1);
  while (members.length < n) {
    const { filename, workerData } = workerEntry('team');
    const { port1, port2 } = new MessageChannel();
    const status = new Int32Array(new SharedArrayBuffer(MEMBER_MSG_OFFSET + MEMBER_MSG_BYTES));
    const id = nextMemberId++;
    // The port keeps the event loop alive until the worker reports ready or its end of the channel closes
    // (so awaiting `ready` cannot end the process early); after that it does not keep the process alive.
    const ready = new Promise<void>((resolve) => {
      const done = (): void => {
        port1.unref();
        resolve();
      };
      port1.once('message', done);
      port1.once('close', done);
    });
    getSupervisor().postMessage(
      {
        filename,
        workerData: { ...workerData, port: port2, bell: bell.buffer, status: status.buffer, id },
      },
      [port2],
    );
    members.push({ id, port: port1, status, ready });
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

let callerWaitsForAWorker = false;

/**
 * Test hook: when on, the calling thread lets a worker claim the first block of each job before it joins
 * (waiting at most 10 s), so tests that check the multi-thread path do not depend on the scheduler waking a
 * worker before the caller has run every block itself. Returns the previous setting. @internal
 */
export function setTeamCallerWaitsForAWorker(on: boolean): boolean {
  const prev = callerWaitsForAWorker;
  callerWaitsForAWorker = on;
  return prev;
}

/** Cumulative blocks run and blocks the calling thread ran (tests check that workers took part). @internal */
export function teamStats(): { readonly blocks: number; readonly mainBlocks: number } {
  return { ...stats };
}

/** Number of live team members (tests check that a dead one is replaced). @internal */
export function teamMembers(): number {
  return members.filter((m) => !isDead(m)).length;
}

/** Terminates the resident workers and their supervisor (they never keep the process alive; tests use this). @internal */
export async function closeTeam(): Promise<void> {
  const s = supervisor;
  supervisor = undefined;
  const ms = members.splice(0);
  for (const m of ms) m.port.close();
  if (s !== undefined) await s.terminate();
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
  new Uint8Array(ctrl.buffer, MSG_OFFSET, MSG_BYTES).set(bytes);
  Atomics.store(ctrl, MSG_LEN, bytes.length);
}

/**
 * Takes blocks until none is left, running each with `run` (on any thread). A block is claimed by writing
 * the claimer's id into its owner word (compare-and-swap from 0), so a thread that dies while running a
 * block leaves its id there; `NEXT` is only a hint below which every block is claimed.
 * @internal
 */
export function drainBlocks(
  ctrl: Int32Array,
  blocks: number,
  run: (block: number) => void,
  id: number = CALLER_ID,
): void {
  let b = Atomics.load(ctrl, NEXT);
  for (;;) {
    while (b < blocks && Atomics.compareExchange(ctrl, OWNERS + b, 0, id) !== 0) b++;
    if (b >= blocks) return;
    Atomics.store(ctrl, NEXT, b + 1);
    if (Atomics.load(ctrl, FAILED) === 0) {
      try {
        run(b);
        if (Atomics.load(ctrl, FAILED) === 0) Atomics.add(ctrl, RAN, 1);
      } catch (e) {
        recordFailure(ctrl, e);
      }
    }
    Atomics.store(ctrl, OWNERS + b, BLOCK_DONE);
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
    b = Math.max(b + 1, Atomics.load(ctrl, NEXT));
  }
}

function memberExitText(m: Member): string {
  const len = Atomics.load(m.status, MEMBER_MSG_LEN);
  return new TextDecoder().decode(new Uint8Array(m.status.buffer, MEMBER_MSG_OFFSET, len).slice());
}

/** A block of the job owned by a dead member, if any (then the job can never complete). */
function lostBlock(
  ctrl: Int32Array,
  blocks: number,
  sent: readonly Member[],
): { member: Member; block: number } | undefined {
  for (const m of sent) {
    if (!isDead(m)) continue;
    for (let b = 0; b < blocks; b++)
      if (Atomics.load(ctrl, OWNERS + b) === m.id) return { member: m, block: b };
  }
  return undefined;
}

/**
 * Runs `blocks` blocks of a job: workers receive `{ kind, payload }` (every buffer in it shared) and run the
 * registered kernel of `kind`; the calling thread runs `run(b)` — the same computation — and then waits for
 * the blocks the workers took. With one thread (or one block) everything runs on the calling thread.
 * @throws the first error of any block (a worker's is rethrown as an `Error` with its name and message)
 * @throws {@link WorkerExitError} when a worker thread exits while it runs a block of the job (the other
 * threads stop taking blocks; the dead worker is replaced at the next call)
 * @throws {@link AbortError} when `signal` is aborted: checked by the calling thread before each of its
 * blocks and while it waits; the threads then stop taking blocks, the blocks already running finish, and
 * the error's `data.completed` is the fraction of blocks finished (`data.blocksDone` of `data.blocks`)
 * @internal
 */
export function runTeam(
  kind: string,
  payload: unknown,
  blocks: number,
  run: (block: number) => void,
  progressLabel?: string,
  signal?: AbortSignal,
  fn = 'worker team',
): void {
  // Already aborted: no worker may start a block (they cannot see the signal, only the FAILED word).
  const isAborted = (): boolean => signal?.aborted === true; // read afresh each time (no narrowing)
  if (isAborted()) throw teamAbortError(fn, 0, blocks);
  const nw = Math.min(threads - 1, blocks - 1);
  const ctrl = new Int32Array(new SharedArrayBuffer(MSG_OFFSET + MSG_BYTES + 4 * blocks));
  const sent: Member[] = [];
  if (nw > 0) {
    ensureWorkers(nw);
    const msg: TeamMessage = { kind, payload, blocks, ctrl: ctrl.buffer as SharedArrayBuffer };
    for (let w = 0; w < Math.min(nw, members.length); w++) {
      members[w].port.postMessage(msg);
      sent.push(members[w]);
    }
    Atomics.add(bell, 0, 1);
    Atomics.notify(bell, 0);
  }
  let mainError: unknown;
  let aborted = false;
  const stop = (): void => {
    aborted = true;
    Atomics.store(ctrl, FAILED, 1); // every thread skips the blocks it still takes
  };
  stats.blocks += blocks;
  if (callerWaitsForAWorker && sent.length > 0) {
    const deadline = Date.now() + 10_000;
    while (Atomics.load(ctrl, NEXT) === 0 && Date.now() < deadline) Atomics.wait(ctrl, NEXT, 0, 5);
  }
  drainBlocks(ctrl, blocks, (b) => {
    if (isAborted()) {
      stop();
      return;
    }
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
    if (!aborted && isAborted()) stop();
    if (Atomics.wait(ctrl, DONE, done, POLL_MS) === 'timed-out') {
      const lost = lostBlock(ctrl, blocks, sent);
      if (lost !== undefined) {
        Atomics.store(ctrl, FAILED, 1); // the live workers skip the blocks they still take
        const code = Atomics.load(lost.member.status, MEMBER_EXIT_CODE);
        const why = memberExitText(lost.member);
        throw new WorkerExitError(
          `worker thread exited (code ${code}${why === '' ? '' : `, ${why}`}) while running block ${lost.block} of ${blocks} of a '${kind}' job; the job is abandoned and the worker is replaced at the next call`,
          { fn, arg: kind, block: lost.block, blocks, exitCode: code },
        );
      }
    }
  }
  if (mainError !== undefined) throw mainError;
  if (aborted) throw teamAbortError(fn, finished(ctrl), blocks);
  if (Atomics.load(ctrl, FAILED) !== 0) {
    const len = Atomics.load(ctrl, MSG_LEN);
    const text = new TextDecoder().decode(new Uint8Array(ctrl.buffer, MSG_OFFSET, len).slice());
    throw new Error(`worker thread failed: ${text}`);
  }
}

/** Blocks of a job that ran to the end before a failure or an abort was recorded. */
function finished(ctrl: Int32Array): number {
  return Atomics.load(ctrl, RAN);
}

/**
 * The {@link AbortError} of block work stopped by an aborted signal after `done` of `blocks` blocks
 * (`data.completed` = done/blocks).
 * @internal
 */
export function teamAbortError(fn: string, done: number, blocks: number, arg = 'signal'): AbortError {
  const pct = ((100 * done) / blocks).toFixed(1);
  return new AbortError(
    `signal must not be aborted (got an aborted signal after ${done} of ${blocks} blocks, ${pct} % of the work)`,
    { fn, arg, completed: done / blocks, blocksDone: done, blocks },
  );
}
