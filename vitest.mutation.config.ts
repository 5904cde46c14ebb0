/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): the unit tests that live
 * in the pure packages (packages/*\/src/**\/*.test.ts), nothing that needs a server, a
 * database or a browser. Not part of `npm test`: vitest.config.ts does not load this file.
 *
 * Stryker runs these in a sandbox copy of the packages. `@turnero/<package>/<module>`
 * imports are pointed at the packages next to this file, so a test that imports a package
 * by name exercises the sandbox's mutated copy, not the original the root node_modules
 * symlinks lead to.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [{ find: /^@turnero\/(domain|contract|web-client)\/(.+)$/, replacement: `${packagesDir}$1/src/$2.ts` }],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    testTimeout: 120_000,
    env: { TZ: 'UTC', NODE_ENV: 'test' },
  },
});
