import { defineConfig } from 'vitest/config';

// One PostgreSQL for the whole run (tests/helpers/global-setup.ts); every test makes its own data.
export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', include: ['tests/api/**/*.test.ts'] } },
      // realtime files run one after another: one of them prunes the event table as the prune job would
      { extends: true, test: { name: 'realtime', include: ['tests/realtime/**/*.test.ts'], fileParallelism: false } },
      {
        extends: true,
        test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], testTimeout: 60_000, fileParallelism: false },
      },
      // two app processes on a PostgreSQL cluster the tests stop and start: one file at a time
      { extends: true, test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], testTimeout: 90_000, fileParallelism: false } },
    ],
  },
});
