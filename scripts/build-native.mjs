#!/usr/bin/env node
// Builds the optional native backend (binding.gyp → build/Release/ntk_native.node) at `npm install`.
// Never fails the install: without a C++ compiler, Node's headers or node-gyp, it prints one line saying why
// and the toolkit runs on its WebAssembly and JavaScript backends (chosen automatically, reported by
// `ntk info`). NTK_NO_NATIVE=1 skips the build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (msg) => process.stderr.write(`ntk-toolkit: ${msg}\n`);

function nodeGypScript() {
  // npm passes its bundled node-gyp to lifecycle scripts; outside npm, look for npm's copy next to node.
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ];
  try {
    candidates.push(createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'));
  } catch {}
  return candidates.find((p) => p !== undefined && existsSync(p));
}

function main() {
  if (process.env.NTK_NO_NATIVE === '1') return say('native backend skipped (NTK_NO_NATIVE=1)');
  const gyp = nodeGypScript();
  if (gyp === undefined) return say('native backend not built (node-gyp not found); using WebAssembly');
  // Build against the running Node's own headers when they are installed (no download needed).
  const prefix = join(dirname(process.execPath), '..');
  const args = [gyp, 'rebuild', '--release'];
  if (existsSync(join(prefix, 'include/node/node_api.h'))) args.push(`--nodedir=${prefix}`);
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (r.status === 0) return say('native backend built (build/Release/ntk_native.node)');
  const why = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-3).join(' | ');
  say(`native backend not built, using WebAssembly (${r.error?.message ?? why})`);
}

main();
