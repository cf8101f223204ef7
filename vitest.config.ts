import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Three workers on two cores, each with its own database cloned from a migrated template: the
    // end-to-end files mostly wait on their bot processes, so a third worker cuts the wall time by a
    // quarter (measured: 4 min → 3 min).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
