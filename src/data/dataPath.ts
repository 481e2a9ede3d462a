import { fileURLToPath } from 'node:url';

/**
 * Absolute path of a vendored file in the package's `data/` folder. Works from `src/` (tsx, vitest) and
 * from `dist/`, which sit at the same depth below the package root.
 * @internal
 */
export function dataPath(file: string): string {
  return fileURLToPath(new URL(`../../data/${file}`, import.meta.url));
}
