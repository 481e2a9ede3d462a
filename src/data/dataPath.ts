import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of a vendored file in the package's `data/` folder. Works from `src/` (tsx, vitest) and
 * from `dist/`, which sit at the same depth below the package root, and from the compiled verification
 * suite `dist/verify/src/` (two levels deeper).
 * @internal
 */
export function dataPath(file: string): string {
  const near = fileURLToPath(new URL(`../../data/${file}`, import.meta.url));
  if (existsSync(near)) return near;
  const deep = fileURLToPath(new URL(`../../../../data/${file}`, import.meta.url));
  return existsSync(deep) ? deep : near;
}
