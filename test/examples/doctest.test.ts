/**
 * Executes every TSDoc `@example` in src/ with the public API in scope. A line `expr; // literal` (a JSON
 * number, array, string or boolean) asserts that `expr` equals the literal, numbers to the digits shown.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as rootApi from '../../src/index.ts';
import * as lawApi from '../../src/testing/adversarialTrainingLaw.ts';
import { extractExamples } from '../helpers/extractExamples.ts';

// The testing entry's law functions are examples' scope too (until the testing barrel is in the root API).
const api = { ...lawApi, ...rootApi };
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const examples = extractExamples(join(root, 'src'), root);

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
      const names = Object.keys(api);
      // An inner block lets an example declare a name that the API also exports (e.g. `const { train } = …`).
      const fn = new AsyncFunction(...names, '__assert', `{\n${js}\n}`);
      await fn(...names.map((n) => (api as Record<string, unknown>)[n]), (v: unknown, lit: string) =>
        assertMatches(v, lit, where),
      );
    });
  }
});
