import fc from 'fast-check';

// Seed policy: CI must pin FC_SEED so every property run can be replayed; locally a random seed is fine.
const seed = process.env.FC_SEED;
const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);
if (seed !== undefined && seed !== '') fc.configureGlobal({ seed: Number(seed), numRuns });
else if (process.env.CI) throw new Error('FC_SEED must be set in CI so property runs are reproducible');
else fc.configureGlobal({ numRuns });
