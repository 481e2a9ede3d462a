#!/usr/bin/env node
// The `ntk` command. Runs the compiled CLI from dist/ when the package has been built, and the TypeScript
// sources through tsx otherwise (a fresh clone, or NTK_CLI_FROM_SOURCE=1 during development).
//
// The command runs in a worker thread so that the main thread stays free to handle Ctrl-C (SIGINT) even
// while the worker computes synchronously: the worker posts checkpoints (files holding the work completed
// so far, e.g. the model and history of a training, or the finished checks of `verify`); on SIGINT the main
// thread raises a shared flag, gives the worker up to one second to post a final checkpoint and stop, then
// writes the latest checkpoint atomically (temporary file + rename) and exits with code 130.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** Newest modification time (ms) of any file under `dir`, or 0 when it does not exist. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The compiled CLI runs only when it is at least as new as the sources (`npm install` builds it; a
 * developer's edit to src/ after that makes `ntk` run the sources until the next `npm run build`), so a
 * stale dist/ never answers for edited code.
 */
function distIsCurrent(dist) {
  if (process.env.NTK_CLI_FROM_SOURCE === '1' || !existsSync(fileURLToPath(dist))) return false;
  const built = statSync(fileURLToPath(dist)).mtimeMs;
  return newestMtime(fileURLToPath(new URL('../src', import.meta.url))) <= built;
}

async function loadCli() {
  const dist = new URL('../dist/cli/main.js', import.meta.url);
  if (distIsCurrent(dist)) return import(dist.href);
  let tsImport;
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      "ntk: the CLI is not built (no dist/) and 'tsx' is not installed; run 'npm run build' or 'npm install'\n",
    );
    process.exit(1);
  }
  return tsImport('../src/cli/main.ts', import.meta.url);
}

/** Writes one file atomically; returns false (and leaves nothing) on failure. */
function writeAtomic(path, data) {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-interrupt.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, data, { flag: 'wx' });
    renameSync(temp, path);
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {}
    return false;
  }
}

if (isMainThread) {
  // A closed pipe (e.g. `ntk kernel --x X.npy | head`) ends the command quietly, like other Unix tools.
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let checkpoint;
  let interrupted = false;
  let finished = false;
  const worker = new Worker(new URL(import.meta.url), {
    workerData: {
      argv: process.argv.slice(2),
      flag,
      isTTY: process.stderr.isTTY === true,
      columns: process.stderr.columns ?? 80,
    },
  });
  const finishInterrupted = () => {
    if (finished) return;
    if (checkpoint !== undefined) {
      const ok = checkpoint.files.every((f) => writeAtomic(f.path, f.data));
      process.stderr.write(
        ok
          ? `ntk: interrupted; ${checkpoint.note}\n`
          : 'ntk: interrupted; the checkpoint could not be written\n',
      );
    } else process.stderr.write('ntk: interrupted before any work completed; nothing written\n');
    process.exit(130);
  };
  worker.on('message', (m) => {
    if (m.kind === 'out') (m.fd === 1 ? process.stdout : process.stderr).write(m.text);
    else if (m.kind === 'checkpoint') checkpoint = m;
    else if (m.kind === 'done') {
      finished = true;
      process.exitCode = m.code;
    }
  });
  worker.on('error', (e) => {
    process.stderr.write(`ntk: internal error: ${e?.message ?? e}\n`);
    process.exitCode = 1;
  });
  process.on('SIGINT', () => {
    if (interrupted) finishInterrupted();
    interrupted = true;
    Atomics.store(flag, 0, 1);
    // The worker checks the flag at every progress step; if it is inside a long synchronous step, do not wait.
    setTimeout(finishInterrupted, 1000).unref();
  });
} else {
  const { argv, flag, isTTY, columns } = workerData;
  const cli = await loadCli();
  const code = await cli.run(argv, {
    // Through the message port, not the worker's own stdio: those flush only when the worker's event loop
    // runs, which a long synchronous computation would delay.
    stdout: (text) => parentPort.postMessage({ kind: 'out', fd: 1, text }),
    stderr: (text) => parentPort.postMessage({ kind: 'out', fd: 2, text }),
    isTTY,
    columns,
    interrupted: () => Atomics.load(flag, 0) === 1,
    checkpoint: (files, note) => parentPort.postMessage({ kind: 'checkpoint', files, note }),
  });
  parentPort.postMessage({ kind: 'done', code });
}
