#!/usr/bin/env node
// The `ntk` command. Runs the compiled CLI from dist/ when the package has been built, and the TypeScript
// sources through tsx otherwise (a fresh clone, or NTK_CLI_FROM_SOURCE=1 during development).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/cli/main.js', import.meta.url);
let cli;
if (existsSync(fileURLToPath(dist)) && process.env.NTK_CLI_FROM_SOURCE !== '1') {
  cli = await import(dist.href);
} else {
  let tsImport;
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      "ntk: the CLI is not built (no dist/) and 'tsx' is not installed; run 'npm run build' or 'npm install'\n",
    );
    process.exit(1);
  }
  cli = await tsImport('../src/cli/main.ts', import.meta.url);
}
// A closed pipe (e.g. `ntk kernel --x X.npy | head`) ends the command quietly, like other Unix tools.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const code = await cli.run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY === true,
  columns: process.stderr.columns ?? 80,
});
process.exitCode = code;
