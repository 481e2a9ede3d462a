import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('README', () => {
  it('should show exactly examples/quickstart.ts as its library example (with the package import)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /## Library example\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const script = readFileSync(join(root, 'examples', 'quickstart.ts'), 'utf8').replace(
      "from '../src/index.ts'",
      "from 'ntk-toolkit'",
    );
    expect(block).toBe(script);
  });

  it('should give the two commands and the test command CI runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
