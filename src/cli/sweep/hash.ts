/**
 * Content hashes for the sweep manifest: of input files, and of the toolkit itself (its version and the
 * sources it runs), so a task run by a different toolkit than the plan's is caught.
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** sha256 of a file's bytes, hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The package root (the folder holding package.json), from this module's location in src/ or dist/. */
export function toolkitRoot(): string {
  return fileURLToPath(new URL('../../..', import.meta.url));
}

function listFiles(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out);
    else if (/\.(ts|js|mjs|wasm|json)$/.test(e.name)) out.push(p);
  }
}

/** The toolkit's version (package.json) and a sha256 over the code it runs (src/ or dist/, path + bytes). */
export function toolkitIdentity(): { version: string; sourceHash: string } {
  const root = toolkitRoot();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const codeDir = runningFromSources() ? 'src' : 'dist';
  const files: string[] = [];
  listFiles(join(root, codeDir), files);
  files.sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(root, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return { version: pkg.version, sourceHash: h.digest('hex') };
}

/** Whether the toolkit runs from its TypeScript sources (tsx) rather than from the compiled dist/. */
export function runningFromSources(): boolean {
  return new URL(import.meta.url).pathname.endsWith('.ts');
}
