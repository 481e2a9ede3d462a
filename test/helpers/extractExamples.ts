/**
 * Pulls the `@example` blocks out of TSDoc comments so the doctest runner can execute them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface DocExample {
  /** Path relative to the repository root. */
  readonly file: string;
  /** 1-based line of the `@example` tag. */
  readonly line: number;
  /** Name of the documented declaration (first identifier after the comment), for the test title. */
  readonly symbol: string;
  readonly code: string;
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith('.ts') && !name.endsWith('.generated.ts')) out.push(p);
  }
  return out.sort();
}

/** All `@example` blocks under `srcDir`, in file order. */
export function extractExamples(srcDir: string, rootDir: string): DocExample[] {
  const examples: DocExample[] = [];
  for (const path of listTs(srcDir)) {
    const text = readFileSync(path, 'utf8');
    const commentRe = /\/\*\*([\s\S]*?)\*\//g;
    for (let m = commentRe.exec(text); m !== null; m = commentRe.exec(text)) {
      const startLine = text.slice(0, m.index).split('\n').length;
      const lines = m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
      const after = text.slice(m.index + m[0].length);
      const symbol =
        /^\s*(?:export\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type)?\s*([A-Za-z_$][\w$]*)/.exec(
          after,
        )?.[1] ?? '?';
      for (let i = 0; i < lines.length; i++) {
        if (!/^@example\b/.test(lines[i].trim())) continue;
        const body: string[] = [];
        let j = i + 1;
        for (; j < lines.length && !/^@\w+/.test(lines[j].trim()); j++) body.push(lines[j]);
        const code = body
          .join('\n')
          .replace(/^```\w*$/gm, '')
          .trim();
        if (code !== '') examples.push({ file: relative(rootDir, path), line: startLine + i, symbol, code });
        i = j - 1;
      }
    }
  }
  return examples;
}
