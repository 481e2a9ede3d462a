import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['./vitest.setup.ts'],
    pool: 'threads',
    // One test file per core (vitest's default leaves one core idle): the suite's long files (negative
    // controls, the Slurm array) then overlap with the rest instead of running after it.
    maxWorkers: availableParallelism(),
    // In CI a JSON report too, from which .ci/run prints a plain 'N passed, N failed' line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
    coverage: { provider: 'v8', include: ['src/**'], exclude: ['src/**/*.generated.ts'] },
    // A timeout only guards against hangs: vitest's 5 s default is within 2× of the slowest unit and
    // conformance tests measured on a loaded 2-core machine, too close for a shared CI host.
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'property', include: ['test/property/**/*.prop.test.ts'], testTimeout: 60_000 },
      },
      { extends: true, test: { name: 'conformance', include: ['test/conformance/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 180_000 },
      },
      {
        extends: true,
        test: { name: 'examples', include: ['test/examples/**/*.test.ts'], testTimeout: 180_000 },
      },
    ],
  },
});
