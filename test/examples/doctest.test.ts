/**
 * Executes every TSDoc `@example` in src/ with the public API in scope: the curated root export plus every
 * module barrel (the subpath exports), since examples of module-level functions use their module's API. A line `expr; // literal` (a JSON
 * number, array, string or boolean) asserts that `expr` equals the literal, numbers to the digits shown.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as attacks from '../../src/attacks/index.ts';
import * as backend from '../../src/backend/index.ts';
import * as data from '../../src/data/index.ts';
import * as root from '../../src/index.ts';
import * as io from '../../src/io/index.ts';
import * as kernels from '../../src/kernels/index.ts';
import * as linalg from '../../src/linalg/index.ts';
import * as nn from '../../src/nn/index.ts';
import * as parallel from '../../src/parallel/index.ts';
import * as random from '../../src/random/index.ts';
import * as regression from '../../src/regression/index.ts';
import * as report from '../../src/report/index.ts';
import * as robust from '../../src/robust/index.ts';
import * as testingApi from '../../src/testing/index.ts';
import { extractExamples } from '../helpers/extractExamples.ts';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const examples = extractExamples(join(repo, 'src'), repo);
const api: Record<string, unknown> = Object.assign(
  {},
  attacks,
  backend,
  data,
  io,
  kernels,
  linalg,
  nn,
  parallel,
  random,
  regression,
  report,
  robust,
  root,
);

/** Tolerance implied by how a number is written: half a unit in its last shown digit. */
function shownTolerance(literal: string): number {
  const m = /\.(\d+)(?:e([+-]?\d+))?$/i.exec(literal.trim());
  if (!m) {
    const e = /e([+-]?\d+)$/i.exec(literal.trim());
    return e ? 0.5 * 10 ** Number(e[1]) : 0;
  }
  return 0.5 * 10 ** (-m[1].length + (m[2] ? Number(m[2]) : 0));
}

function assertMatches(actual: unknown, literal: string, where: string): void {
  const expected = JSON.parse(literal) as unknown;
  const flat = (v: unknown): unknown =>
    ArrayBuffer.isView(v)
      ? Array.from(v as unknown as ArrayLike<number>)
      : Array.isArray(v)
        ? v.map(flat)
        : v;
  const a = flat(actual);
  if (typeof expected === 'number') {
    const tol = shownTolerance(literal);
    expect(typeof a, where).toBe('number');
    expect(Math.abs((a as number) - expected), `${where}: got ${a}, doc says ${literal}`).toBeLessThanOrEqual(
      tol,
    );
    return;
  }
  if (Array.isArray(expected) && expected.every((e) => typeof e === 'number')) {
    const nums = literal.replace(/^\[|\]$/g, '').split(',');
    expect(Array.isArray(a) && a.length === expected.length, `${where}: got ${JSON.stringify(a)}`).toBe(true);
    expected.forEach((e, k) => {
      const tol = shownTolerance(nums[k]);
      expect(
        Math.abs((a as number[])[k] - (e as number)),
        `${where}[${k}]: got ${(a as number[])[k]}, doc says ${e}`,
      ).toBeLessThanOrEqual(tol);
    });
    return;
  }
  expect(a, where).toEqual(expected);
}

/** Turns `expr; // literal` lines into assertions; other lines are kept as they are. */
function instrument(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const m = /^(\s*)(.+?);\s*\/\/\s*(.+?)\s*$/.exec(line);
      if (!m || /^(const|let|var|import|export|for|if|return)\b/.test(m[2].trim())) return line;
      try {
        JSON.parse(m[3]);
      } catch {
        return line;
      }
      return `${m[1]}__assert(${m[2]}, ${JSON.stringify(m[3])});`;
    })
    .join('\n');
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

describe('TSDoc @example blocks', () => {
  it('should find examples to run', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const ex of examples) {
    it(`should run the example of ${ex.symbol} (${ex.file}:${ex.line})`, async () => {
      const where = `${ex.file}:${ex.line}`;
      const source = instrument(ex.code.replace(/^\s*import\s.*$/gm, ''));
      const js = ts.transpileModule(source, {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      }).outputText;
      // The `ntk-toolkit/testing` entry and fast-check (its peer dependency) are in scope too.
      const scope: Record<string, unknown> = { ...testingApi, fc, ...api };
      const names = Object.keys(scope);
      // An inner block lets an example declare a name that the API also exports (e.g. `const { train } = …`).
      const fn = new AsyncFunction(...names, '__assert', `{\n${js}\n}`);
      await fn(...names.map((n) => scope[n]), (v: unknown, lit: string) => assertMatches(v, lit, where));
    });
  }
});
