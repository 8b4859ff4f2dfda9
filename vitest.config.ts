import { defineConfig } from 'vitest/config';

// One PostgreSQL for the whole run (tests/helpers/global-setup.ts); every test makes its own data.
export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      // unit and api files two at a time (each makes its own data), before everything else
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'api', include: ['tests/api/**/*.test.ts'], maxWorkers: 2, sequence: { groupOrder: 0 } } },
      // then one file at a time, one project after the other:
      // realtime files prune the event table as the prune job would
      {
        extends: true,
        test: { name: 'realtime', include: ['tests/realtime/**/*.test.ts'], maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], testTimeout: 60_000, maxWorkers: 1, sequence: { groupOrder: 2 } },
      },
      // two app processes on a PostgreSQL cluster the tests stop and start
      {
        extends: true,
        test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], testTimeout: 90_000, maxWorkers: 1, sequence: { groupOrder: 3 } },
      },
    ],
  },
});
