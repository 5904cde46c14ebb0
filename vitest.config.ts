/**
 * The test suite: `npm test` (scripts/run-tests.mjs) runs every project with coverage;
 * `npx vitest --project unit` watches the fast ones while you work.
 *
 * Projects, by what they need:
 * - unit: pure packages and web-app logic, milliseconds each;
 * - integration: real office servers on SQLite files, real PostgreSQL, sockets, pty serial;
 * - browser: the built web apps in Debian's Chromium (playwright-core) against real servers.
 * Files run in separate processes (forks), two at a time on this 2-core machine; every test
 * and hook has a deadline so nothing can hang the run.
 */
import { defineConfig } from 'vitest/config';

const workers = Number(process.env.TEST_CONCURRENCY ?? 2);

const shared = {
  pool: 'forks' as const,
  testTimeout: 120_000,
  hookTimeout: 180_000,
  env: { TZ: 'UTC', NODE_ENV: 'test' },
};

export default defineConfig({
  test: {
    maxWorkers: workers,
    fileParallelism: workers > 1,
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'server/src/**/*.ts', 'hardware/src/**/*.ts', 'dispenser/**/*.ts', 'display/src/**/*.ts', 'desk/src/**/*.ts', 'hq/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/generated/**', '**/test-fixtures.ts', '**/entries/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'test-artifacts/coverage',
      // A floor under the whole run's coverage, two points below what was measured so the
      // noise of one run (timers, retries) does not fail CI. It only rises: after a local
      // full run, scripts/run-tests.mjs raises each number to max(it, measured - 2)
      // (scripts/coverage-floor.mjs; commit it); CI never rewrites it. vitest's autoUpdate
      // is off because it would write measured - 2 even below the old floor. Measured on
      // 2026-11-30: statements 65.3 %, branches 56.5 %, functions 62.9 %, lines 68.7 %.
      thresholds: {
        autoUpdate: false,
        lines: 66,
        functions: 60,
        branches: 54,
        statements: 63,
      },
    },
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'hardware/test/**/*.test.ts',
            'dispenser/**/*.test.ts',
            'display/src/**/*.test.ts',
            'desk/src/**/*.test.ts',
            'hq/src/**/*.test.ts',
            'tests/desk/**/*.test.ts',
            'tests/tooling/**/*.test.ts',
            'tests/hq-dashboard/dashboard-lib.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'integration',
          include: ['tests/{office,db,hq,link,printing,hq-dashboard,security,demo,appointments,portal,notify,intelligence,self-service}/**/*.test.ts'],
          exclude: ['**/*.e2e.test.ts', 'tests/hq-dashboard/dashboard-lib.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'browser',
          include: ['tests/**/*.e2e.test.ts', 'tests/e2e-office/**/*.test.ts'],
          // They run dist/ as `npm start` does: refuse a bundle older than its sources.
          globalSetup: ['tests/support/check-build.ts'],
        },
      },
    ],
  },
});
