// Mutation testing of the pure packages: `npm run test:mutation` (see README, "Mutation testing").
// Stryker copies the packages into a sandbox under test-artifacts/ (gitignored), mutates
// the domain and contract sources one change at a time and runs the packages' unit tests
// (vitest.mutation.config.ts) against each mutant; a mutant no test notices "survives".
// Reports: test-artifacts/mutation/ (clear text on the console, mutation.html, mutation.json).
// Incremental: test-artifacts/mutation/incremental.json remembers the last run's results,
// so a rerun only tests mutants whose code or covering tests changed; `--force` reruns all.
// The score is reported, not enforced (thresholds.break null), until it has settled.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // The simulations (wait prediction, forecast, Erlang/staffing) are left out: each of their
  // tests runs thousands of simulated calls, so their mutants alone took CI's run from ~5 to
  // over 20 minutes. Their tests check textbook values, properties and a replay instead.
  mutate: [
    'packages/domain/src/**/*.ts',
    'packages/contract/src/**/*.ts',
    '!packages/domain/src/wait-prediction/**',
    '!packages/domain/src/forecast/**',
    '!packages/domain/src/queueing/**',
    '!**/*.test.ts',
    '!**/test-fixtures.ts',
    '!**/*-fixture.ts',
  ],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  // Only what the unit tests need goes into the sandbox (the checkout also holds builds,
  // databases and screenshots); node_modules is linked, not copied.
  ignorePatterns: ['/*', '!/packages', '!/package.json', '!/tsconfig.json', '!/vitest.mutation.config.ts'],
  tempDirName: 'test-artifacts/stryker-tmp',
  cleanTempDir: 'always', // a failed run leaves no copy of the packages behind either
  incremental: true,
  incrementalFile: 'test-artifacts/mutation/incremental.json',
  reporters: ['clear-text', 'html', 'json'],
  htmlReporter: { fileName: 'test-artifacts/mutation/mutation.html' },
  jsonReporter: { fileName: 'test-artifacts/mutation/mutation.json' },
  clearTextReporter: { allowEmojis: false, logTests: false },
  concurrency: 2,
  thresholds: { high: 80, low: 60, break: null },
};
