import { defineConfig } from 'vitest/config';
import { isPostgresClosedSocketWrite } from './src/platform/driver-faults.ts';

const shared = {
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

// Two projects: `formats` is pure and needs no service; `hub` gets Postgres and the Temporal dev server.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    // Tests that stop and restart PostgreSQL under load can meet a known postgres.js fault (see driver-faults.ts);
    // the hub survives it the same way. Any other unhandled error still fails the run.
    onUnhandledError: (error) => (isPostgresClosedSocketWrite(error) ? false : undefined),
    projects: [
      {
        extends: true,
        test: { ...shared, name: 'formats', include: ['formats/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'hub',
          include: ['src/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'workflows/**/*.test.ts', 'test/**/*.test.{ts,tsx}'],
          globalSetup: ['test/global-setup.ts'],
          // These tests drive real Postgres and Temporal servers on a 2-core machine; a test that fails is run once
          // more so that CPU starvation is not read as a regression. A broken behaviour fails both runs.
          retry: 1,
          setupFiles: ['test/helpers/quiet-temporal.ts'],
          pool: 'forks',
        },
      },
    ],
  },
});
